// The CSV import template: one row per unit, contact point, service or
// external actor, checked by the same principles as the API and the HSDS
// import. A row refers to a unit by id or by its exact name (in the file or in
// the directory). Ids may be left empty: stable ids are derived from the row's
// content, so importing the same file twice changes nothing.
import { parse } from "csv-parse/sync";
import {
  checkContactPoint,
  checkExternalActor,
  checkService,
  checkUnit,
  DEFAULT_REVIEW_INTERVAL_MONTHS,
  type ContactPoint,
  type DirectorySnapshot,
  type ExternalActor,
  type HsdsImport,
  type ImportViolation,
  type Service,
  type SocialPlatform,
  type Unit,
  type UnitKind,
} from "../domain/index.ts";
import { derivedUuid } from "../domain/hsds/ids.ts";
import { violation, type Violation } from "../domain/principles/violation.ts";

export const CSV_COLUMNS = ["type", "id", "unit", "parent", "name", "unit_kind", "contact_kind", "label", "value", "postcode", "town", "website", "first_line", "description"] as const;

export const CSV_TEMPLATE = `${CSV_COLUMNS.join(",")}
unit,,,,Kontaktcenter,enhet,,,,,,,,Stadens första linje
contact_point,,Kontaktcenter,,,,email,Kontaktcenter,kontaktcenter@example.se,,,,,
contact_point,,Kontaktcenter,,,,phone,Växel,0520-49 50 00,,,,,
contact_point,,Kontaktcenter,,,,visiting_address,Besök oss,Gärdhemsvägen 9,461 83,Trollhättan,,,
unit,,,,Bygglov,verksamhet,,,,,,,,
service,,Bygglov,,Bygglov,,,,,,,,unit,Ansök om bygglov
external_actor,,,,Länsstyrelsen Västra Götaland,,,,,,,https://www.lansstyrelsen.se/vastra-gotaland,,
`;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function fromCsv(text: string, existing: DirectorySnapshot): HsdsImport {
  const out: HsdsImport = { units: [], contactPoints: [], services: [], externalActors: [], violations: [] };
  let rows: Row[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Row[];
  } catch (e) {
    out.violations.push({ ...violation("invalid-structure", "", `CSV-filen kunde inte läsas: ${(e as Error).message}`, `The CSV file could not be read: ${(e as Error).message}`), ref: "(fil)" });
    return out;
  }
  const orgId = existing.org.id;
  const refs = new Map<string, string>();
  const at = (ref: string, vs: Violation[]): ImportViolation[] => vs.map((v) => ({ ...v, ref }));
  // Units first, so rows can refer to units defined later in the file.
  rows.forEach((r, i) => {
    if (r.type !== "unit") return;
    const id = opt(r.id) ?? existing.units.find((u) => u.name === opt(r.name))?.id ?? derivedUuid("csv", "unit", r.name ?? "", String(i));
    out.units.push({ id, orgId, parentId: null, kind: (opt(r.unit_kind) ?? "enhet") as UnitKind, name: r.name ?? "", ...(opt(r.description) ? { description: opt(r.description) as string } : {}) });
    refs.set(id, `rad ${i + 2}`);
  });
  const allUnits = () => [...out.units, ...existing.units.filter((u) => !out.units.some((n) => n.id === u.id))];
  const unitRef = (value: string | undefined): string | undefined => {
    const v = opt(value);
    if (!v) return undefined;
    if (UUID.test(v)) return v;
    return allUnits().find((u) => u.name === v)?.id;
  };
  rows.forEach((r, i) => {
    if (r.type === "unit") {
      const unit = out.units.find((u) => refs.get(u.id) === `rad ${i + 2}`) as Unit;
      const parent = opt(r.parent);
      unit.parentId = parent ? (unitRef(parent) ?? parent) : null;
    }
  });
  rows.forEach((r, i) => {
    const ref = `rad ${i + 2}`;
    const unitId = unitRef(r.unit) ?? opt(r.unit) ?? "";
    switch (r.type) {
      case "unit":
        return;
      case "contact_point": {
        const kind = (opt(r.contact_kind) ?? "") as ContactPoint["kind"];
        const value = r.value ?? "";
        const id = opt(r.id) ?? derivedUuid("csv", "cp", unitId, kind, value);
        const base = { id, orgId, unitId, ...(opt(r.label) ? { label: opt(r.label) as string } : {}), verification: existing.contactPoints.find((c) => c.id === id)?.verification ?? { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: DEFAULT_REVIEW_INTERVAL_MONTHS } };
        let cp: ContactPoint;
        if (kind === "email") cp = { ...base, kind, address: value };
        else if (kind === "phone") cp = { ...base, kind, number: value };
        else if (kind === "visiting_address" || kind === "postal_address") cp = { ...base, kind, street: value, postcode: r.postcode ?? "", town: r.town ?? "" };
        else if (kind === "social") cp = { ...base, kind, platform: "other" as SocialPlatform, url: value };
        else cp = { ...base, kind: kind as "web", url: value };
        out.contactPoints.push(cp);
        refs.set(id, ref);
        return;
      }
      case "service": {
        const id = opt(r.id) ?? derivedUuid("csv", "service", unitId, r.name ?? "");
        const s: Service = { id, orgId, name: r.name ?? "", ownerUnitId: unitId, routing: { firstLine: r.first_line === "contact_center" ? "contact_center" : "unit", fallbackUnitIds: [] }, status: "active", ...(opt(r.description) ? { description: opt(r.description) as string } : {}), ...(opt(r.website) ? { webUrl: opt(r.website) as string } : {}) };
        out.services.push(s);
        refs.set(id, ref);
        return;
      }
      case "external_actor": {
        const id = opt(r.id) ?? derivedUuid("csv", "actor", r.name ?? "");
        // The actor as the row brings it: a value (phone, e-mail, address) is a field it must not have.
        const raw: Record<string, unknown> = { name: r.name ?? "", websiteUrl: r.website ?? "" };
        if (opt(r.description)) raw.description = opt(r.description);
        if (opt(r.value)) raw[opt(r.contact_kind) ?? "contact"] = opt(r.value);
        out.violations.push(...at(ref, checkExternalActor(raw)));
        const actor: ExternalActor = { id, orgId, name: r.name ?? "", websiteUrl: r.website ?? "", ...(opt(r.description) ? { description: opt(r.description) as string } : {}) };
        out.externalActors.push(actor);
        return;
      }
      default:
        out.violations.push({ ...violation("invalid-structure", "type", "Okänd radtyp: använd unit, contact_point, service eller external_actor.", "Unknown row type: use unit, contact_point, service or external_actor."), ref });
    }
  });
  const replace = <T extends { id: string }>(a: T[], b: T[]) => [...a.filter((x) => !b.some((y) => y.id === x.id)), ...b];
  const merged: DirectorySnapshot = {
    org: existing.org,
    units: replace(existing.units, out.units),
    contactPoints: replace(existing.contactPoints, out.contactPoints),
    services: replace(existing.services, out.services),
    externalActors: replace(existing.externalActors, out.externalActors),
  };
  for (const u of out.units) out.violations.push(...at(refs.get(u.id) ?? u.id, checkUnit(u, merged).filter((v) => v.ruleId !== "no-reachable-contact")));
  for (const c of out.contactPoints) {
    const vs = checkContactPoint(c, { org: existing.org });
    if (!merged.units.some((u) => u.id === c.unitId)) vs.unshift(violation("invalid-structure", "unit", "Enheten finns inte (ange id eller exakt namn).", "The unit does not exist (give its id or exact name)."));
    out.violations.push(...at(refs.get(c.id) ?? c.id, vs));
  }
  for (const s of out.services) out.violations.push(...at(refs.get(s.id) ?? s.id, checkService(s, merged).filter((v) => v.ruleId !== "no-reachable-contact")));
  return out;
}
