// HSDS 3.0 → directory, for `vaxel directory import`. Accepts the export's own shape
// ({ organizations, services }) and runs every principle on the result, in the context of
// the existing directory merged with the import. The caller imports nothing when any
// violation is returned (all-or-nothing), and prints each as `REF  RULE-ID  message`.
//
// Mapping (the inverse of export.ts):
//   organization with parent_organization_id → unit (kind from depth: förvaltning, verksamhet, enhet)
//   organization without parent, not the municipality → external actor (name + website only)
//   email / website / phones / locations → contact points (ids kept; derived where HSDS has none)
//   service phones/email → routing: the contact center's → first line contact center; otherwise the
//     owner unit's (a new number is added to the owner unit as its contact point)
import { checkContactPoint, checkExternalActor, checkService, checkUnit } from "../principles/check.ts";
import { resolveReachableContact } from "../principles/no-reachable-contact.ts";
import { violation, type Violation } from "../principles/violation.ts";
import { parsePhone } from "../phone.ts";
import { parseEmail } from "../principles/invalid-email.ts";
import { normalizePostcode } from "../principles/invalid-address.ts";
import type { ContactPoint, DirectorySnapshot, ExternalActor, Service, Unit, UnitKind, Uuid, Verification } from "../types.ts";
import { DEFAULT_REVIEW_INTERVAL_MONTHS } from "../types.ts";
import { derivedUuid } from "./ids.ts";
import { fromHsdsSchedules } from "./schedule-import.ts";

export interface ImportViolation extends Violation {
  /** Where in the file: `organizations[3]`, `services[0].phones[1]`. */
  ref: string;
}

export interface HsdsImport {
  units: Unit[];
  contactPoints: ContactPoint[];
  services: Service[];
  externalActors: ExternalActor[];
  violations: ImportViolation[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const MAX_ITEMS = 100_000;

type Rec = Record<string, unknown>;

function rec(value: unknown): Rec | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Rec) : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value.slice(0, MAX_ITEMS) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function e164(number: string): string | undefined {
  const parsed = parsePhone(number);
  return parsed.ok ? parsed.phone.e164 : undefined;
}

function at(ref: string, vs: Violation[]): ImportViolation[] {
  return vs.map((v) => ({ ...v, ref }));
}

interface Context {
  existing: DirectorySnapshot;
  out: HsdsImport;
  /** Contact points from organizations, checked once the whole directory is merged. */
  pending: { cp: ContactPoint; ref: string }[];
}

function verificationFor(id: Uuid, ctx: Context): Verification {
  return ctx.existing.contactPoints.find((c) => c.id === id)?.verification ?? { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: DEFAULT_REVIEW_INTERVAL_MONTHS };
}

function unitContactPoints(o: Rec, unitId: Uuid, ref: string, ctx: Context): { cp: ContactPoint; ref: string }[] {
  const orgId = ctx.existing.org.id;
  const made: { cp: ContactPoint; ref: string }[] = [];
  const base = (id: Uuid) => ({ id, orgId, unitId, verification: verificationFor(id, ctx) });
  const existingOf = (kind: ContactPoint["kind"], match: (c: ContactPoint) => boolean) =>
    ctx.existing.contactPoints.find((c) => c.unitId === unitId && c.kind === kind && match(c))?.id;
  const email = str(o.email);
  if (email !== undefined) {
    const normalized = parseEmail(email)?.normalized ?? email;
    const id = existingOf("email", (c) => c.kind === "email" && c.address === normalized) ?? derivedUuid(unitId, "email", normalized);
    made.push({ cp: { ...base(id), kind: "email", address: email }, ref: `${ref}.email` });
  }
  const website = str(o.website);
  if (website !== undefined) {
    const id = existingOf("web", (c) => c.kind === "web" && c.url === website) ?? derivedUuid(unitId, "web", website);
    made.push({ cp: { ...base(id), kind: "web", url: website }, ref: `${ref}.website` });
  }
  list(o.phones).forEach((raw, i) => {
    const p = rec(raw);
    const id = str(p?.id);
    const pref = `${ref}.phones[${i}]`;
    if (!p || !id || !UUID.test(id)) {
      ctx.out.violations.push({ ...violation("invalid-structure", "id", "Telefonnumret saknar giltigt id (UUID).", "The phone has no valid id (UUID)."), ref: pref });
      return;
    }
    made.push({ cp: { ...base(id), kind: "phone", number: str(p.number) ?? (p.number as string) }, ref: pref });
  });
  list(o.locations).forEach((raw, i) => {
    const l = rec(raw);
    const id = str(l?.id);
    const lref = `${ref}.locations[${i}]`;
    if (!l || !id || !UUID.test(id)) {
      ctx.out.violations.push({ ...violation("invalid-structure", "id", "Platsen saknar giltigt id (UUID).", "The location has no valid id (UUID)."), ref: lref });
      return;
    }
    if (l.location_type === "virtual") {
      made.push({ cp: { ...base(id), kind: "chat", url: str(l.url) ?? (l.url as string), ...(str(l.name) ? { label: str(l.name) as string } : {}) }, ref: lref });
      return;
    }
    const address = rec(list(l.addresses)[0]) ?? {};
    const hours = fromHsdsSchedules(l.schedules, ctx.existing.org.calendar);
    made.push({
      cp: {
        ...base(id),
        kind: l.location_type === "postal" ? "postal_address" : "visiting_address",
        street: address.address_1 as string,
        postcode: typeof address.postal_code === "string" ? (normalizePostcode(address.postal_code) ?? address.postal_code) : (address.postal_code as string),
        town: address.city as string,
        ...(str(address.attention) ? { careOf: str(address.attention) as string } : {}),
        ...(str(l.name) ? { label: str(l.name) as string } : {}),
        ...(hours ? { openingHours: hours } : {}),
      },
      ref: lref,
    });
  });
  if (list(o.contacts).length > 0) {
    ctx.out.violations.push({ ...violation("personal-contact", "contacts", "Serviceguiden tar inte emot kontaktpersoner. Använd funktionsbrevlådor och funktionsnummer.", "The directory does not accept contact persons. Use functional mailboxes and phones."), ref: `${ref}.contacts` });
  }
  return made;
}

/** One HSDS organization: a unit (with its contact points) or an external actor. */
export function fromHsdsOrganization(raw: unknown, ref: string, ctx: Context): void {
  const o = rec(raw);
  const id = str(o?.id);
  if (!o || !id || !UUID.test(id)) {
    ctx.out.violations.push({ ...violation("invalid-structure", "id", "Organisationen saknar giltigt id (UUID).", "The organization has no valid id (UUID)."), ref });
    return;
  }
  if (id === ctx.existing.org.id) return; // The municipality itself: its profile is not imported.
  const parent = str(o.parent_organization_id);
  if (parent === undefined) {
    // Not in the municipality's tree: an external actor. Everything but name and website is refused.
    const actor: Rec = { ...o, websiteUrl: o.website };
    delete actor.website;
    delete actor.id;
    delete actor.parent_organization_id;
    for (const key of ["phones", "locations", "contacts"]) if (Array.isArray(actor[key]) && (actor[key] as unknown[]).length === 0) delete actor[key];
    ctx.out.violations.push(...at(ref, checkExternalActor(actor)));
    ctx.out.externalActors.push({ id, orgId: ctx.existing.org.id, name: o.name as string, websiteUrl: o.website as string, ...(str(o.description) ? { description: str(o.description) as string } : {}) });
    return;
  }
  const existing = ctx.existing.units.find((u) => u.id === id);
  const unit: Unit = {
    id,
    orgId: ctx.existing.org.id,
    parentId: parent === ctx.existing.org.id ? null : parent,
    kind: existing?.kind ?? "enhet",
    name: o.name as string,
    // Non-strings are passed on so the checks report them (invalid-text) instead of dropping them.
    ...(o.description !== undefined && o.description !== null ? { description: o.description as string } : {}),
    ...(existing?.ownerRole ? { ownerRole: existing.ownerRole } : {}),
  };
  ctx.out.units.push(unit);
  for (const made of unitContactPoints(o, id, ref, ctx)) {
    ctx.out.contactPoints.push(made.cp);
    ctx.pending.push(made);
  }
}

/** One HSDS service, with routing inferred from the phone and e-mail it carries. */
export function fromHsdsService(raw: unknown, ref: string, ctx: Context, snapshot: DirectorySnapshot): void {
  const s = rec(raw);
  const id = str(s?.id);
  if (!s || !id || !UUID.test(id)) {
    ctx.out.violations.push({ ...violation("invalid-structure", "id", "Tjänsten saknar giltigt id (UUID).", "The service has no valid id (UUID)."), ref });
    return;
  }
  const ownerUnitId = str(s.organization_id) ?? str(rec(s.organization)?.id) ?? "";
  const centre = snapshot.org.contactCenterUnitId;
  const pointsOf = (unitId: Uuid | undefined) => snapshot.contactPoints.filter((c) => c.unitId === unitId);
  const e164Of = (c: ContactPoint) => (c.kind === "phone" ? (c.e164 ?? e164(c.number)) : undefined);
  let firstLine: "contact_center" | "unit" = "unit";
  const phones = list(s.phones).map(rec).filter((p): p is Rec => p !== null);
  const email = str(s.email);
  const matchesCentre =
    phones.some((p) => { const n = parsePhone(str(p.number) ?? ""); return n.ok && pointsOf(centre).some((c) => e164Of(c) === n.phone.e164); }) ||
    (email !== undefined && pointsOf(centre).some((c) => c.kind === "email" && c.address === parseEmail(email)?.normalized));
  const existing = ctx.existing.services.find((x) => x.id === id);
  const routedBefore = existing ? resolveReachableContact(existing, snapshot).contact : null;
  const sameAsBefore =
    routedBefore !== null &&
    (phones.length === 0 || phones.some((p) => routedBefore.phone !== undefined && e164(str(p.number) ?? "") === e164Of(routedBefore.phone))) &&
    (email === undefined || routedBefore.email?.address === parseEmail(email)?.normalized);
  if (existing && sameAsBefore) {
    // Unchanged contact: keep the routing as configured (a unit-first service that falls back
    // to the contact center exports the center's number, which alone would read as "center first").
    firstLine = existing.routing.firstLine;
  } else if (centre && matchesCentre) firstLine = "contact_center";
  else {
    // Numbers and mailboxes the owner unit does not have yet become the owner unit's contact points.
    const existingOwner = pointsOf(ownerUnitId);
    phones.forEach((p, i) => {
      const n = parsePhone(str(p.number) ?? "");
      if (n.ok && existingOwner.some((c) => e164Of(c) === n.phone.e164)) return;
      const pid = str(p.id);
      const cpId = pid && UUID.test(pid) ? pid : derivedUuid(id, "phone", String(i));
      const cp: ContactPoint = { id: cpId, orgId: snapshot.org.id, unitId: ownerUnitId, kind: "phone", number: str(p.number) ?? (p.number as string), verification: verificationFor(cpId, ctx) };
      ctx.out.violations.push(...at(`${ref}.phones[${i}]`, checkContactPoint(cp, { org: snapshot.org })));
      ctx.out.contactPoints.push(cp);
    });
    if (email !== undefined && !existingOwner.some((c) => c.kind === "email" && c.address === parseEmail(email)?.normalized)) {
      const cpId = derivedUuid(ownerUnitId, "email", parseEmail(email)?.normalized ?? email);
      const cp: ContactPoint = { id: cpId, orgId: snapshot.org.id, unitId: ownerUnitId, kind: "email", address: email, verification: verificationFor(cpId, ctx) };
      ctx.out.violations.push(...at(`${ref}.email`, checkContactPoint(cp, { org: snapshot.org })));
      ctx.out.contactPoints.push(cp);
    }
  }
  const hours = fromHsdsSchedules(s.schedules, snapshot.org.calendar);
  const service: Service = {
    id,
    orgId: snapshot.org.id,
    name: s.name as string,
    ...(str(s.description) ? { description: str(s.description) as string } : {}),
    ownerUnitId,
    routing: { firstLine, ...(existing?.routing.unitId ? { unitId: existing.routing.unitId } : {}), fallbackUnitIds: existing?.routing.fallbackUnitIds ?? [] },
    status: s.status === "active" ? "active" : "inactive",
    ...(s.url !== undefined ? { webUrl: s.url as string } : {}),
    ...(existing?.externalActorIds ? { externalActorIds: existing.externalActorIds } : {}),
    ...(hours ? { openingHours: hours } : {}),
  };
  ctx.out.services.push(service);
  if (list(s.contacts).length > 0) {
    ctx.out.violations.push({ ...violation("personal-contact", "contacts", "Serviceguiden tar inte emot kontaktpersoner. Använd funktionsbrevlådor och funktionsnummer.", "The directory does not accept contact persons. Use functional mailboxes and phones."), ref: `${ref}.contacts` });
  }
}

function depthKinds(units: Unit[], existing: Unit[]): void {
  const byId = new Map([...existing, ...units].map((u) => [u.id, u]));
  const kinds: UnitKind[] = ["forvaltning", "verksamhet", "enhet"];
  for (const unit of units) {
    if (existing.some((e) => e.id === unit.id)) continue;
    let depth = 0;
    const seen = new Set<Uuid>();
    for (let u: Unit | undefined = unit; u?.parentId && !seen.has(u.id); u = byId.get(u.parentId)) {
      seen.add(u.id);
      depth++;
    }
    unit.kind = kinds[Math.min(depth, 2)] as UnitKind;
  }
}

/**
 * Parses an HSDS document and checks everything it would write. `existing` is the current
 * directory; imported entities replace existing ones with the same id.
 */
export function fromHsdsDocument(input: unknown, existing: DirectorySnapshot): HsdsImport {
  const out: HsdsImport = { units: [], contactPoints: [], services: [], externalActors: [], violations: [] };
  const doc = rec(input);
  if (!doc || (!Array.isArray(doc.organizations) && !Array.isArray(doc.services))) {
    out.violations.push({ ...violation("invalid-structure", "", "Filen är inte ett HSDS-dokument med organizations och services.", "The file is not an HSDS document with organizations and services."), ref: "(fil)" });
    return out;
  }
  const ctx: Context = { existing, out, pending: [] };
  list(doc.organizations).forEach((o, i) => fromHsdsOrganization(o, `organizations[${i}]`, ctx));
  depthKinds(out.units, existing.units);
  const replace = <T extends { id: Uuid }>(current: T[], incoming: T[]) => [...current.filter((c) => !incoming.some((n) => n.id === c.id)), ...incoming];
  // Units imported with their contact points replace the unit's old contact points.
  const importedUnitIds = new Set(out.units.map((u) => u.id));
  const afterOrganizations: DirectorySnapshot = {
    ...existing,
    units: replace(existing.units, out.units),
    contactPoints: [...existing.contactPoints.filter((c) => !importedUnitIds.has(c.unitId) && !out.contactPoints.some((n) => n.id === c.id)), ...out.contactPoints],
    externalActors: replace(existing.externalActors, out.externalActors),
  };
  list(doc.services).forEach((s, i) => fromHsdsService(s, `services[${i}]`, ctx, afterOrganizations));
  const merged: DirectorySnapshot = {
    ...afterOrganizations,
    contactPoints: [...afterOrganizations.contactPoints.filter((c) => !out.contactPoints.some((n) => n.id === c.id)), ...out.contactPoints],
    services: replace(existing.services, out.services),
  };
  // The principles on everything the import writes, in the merged directory.
  const orgRefs = new Map<Uuid, string>();
  list(doc.organizations).forEach((o, i) => { const id = str(rec(o)?.id); if (id) orgRefs.set(id, `organizations[${i}]`); });
  for (const unit of out.units) out.violations.push(...at(orgRefs.get(unit.id) ?? unit.id, checkUnit(unit, merged)));
  for (const { cp, ref } of ctx.pending) out.violations.push(...at(ref, checkContactPoint(cp, { org: existing.org })));
  const serviceRefs = new Map<Uuid, string>();
  list(doc.services).forEach((s, i) => { const id = str(rec(s)?.id); if (id) serviceRefs.set(id, `services[${i}]`); });
  for (const service of out.services) out.violations.push(...at(serviceRefs.get(service.id) ?? service.id, checkService(service, merged)));
  return out;
}
