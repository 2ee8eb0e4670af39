// The principles, applied to one entity as it would be written. Saving a draft
// runs every rule except `no-reachable-contact` (a new unit has no contact
// points yet; the system shows the fallback it computes instead). Publishing
// runs every rule, including reachability, on the directory as it would be
// live afterwards.
import {
  checkContactPoint,
  checkExternalActor,
  checkOpeningHours,
  checkService,
  checkUnit,
  resolveReachableContact,
  type ContactPoint,
  type DirectorySnapshot,
  type OrganisationProfile,
  type Violation,
} from "../domain/index.ts";
import { checkCalendarSettings } from "../domain/opening-hours/validate.ts";
import { screenText } from "../domain/principles/text.ts";
import { violation } from "../domain/principles/violation.ts";
import type { AnyEntity, EntityByKind, EntityKind } from "../store/codecs.ts";

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/u;

export function checkProfile(p: OrganisationProfile, snapshot: DirectorySnapshot): Violation[] {
  const out: Violation[] = [];
  const name = screenText(p.name, { ruleId: "invalid-text", path: "name", maxLength: 200, required: true, what_sv: "namnet", what_en: "the name" });
  if (!name.ok) out.push(name.violation);
  p.domains.forEach((d, i) => {
    if (!HOST.test(d)) out.push(violation("invalid-structure", `domains[${i}]`, "Ange domänen som t.ex. trollhattan.se.", "Give the domain as e.g. trollhattan.se."));
  });
  p.numberSeries.forEach((s, i) => {
    if (!/^\+\d{4,14}$/u.test(s.prefix)) out.push(violation("invalid-phone", `numberSeries[${i}].prefix`, "Nummerserien anges som E.164-prefix, t.ex. +4652049.", "Give the number series as an E.164 prefix, e.g. +4652049."));
  });
  out.push(...checkCalendarSettings(p.calendar));
  if (p.contactCenterUnitId !== undefined && !snapshot.units.some((u) => u.id === p.contactCenterUnitId)) {
    out.push(violation("invalid-structure", "contactCenterUnitId", "Kontaktcentrets enhet finns inte.", "The contact center unit does not exist."));
  }
  return out;
}

/** Every rule for the entity in `snapshot` (the directory as it would be). `raw` is the input as received. */
export function checkEntity(kind: EntityKind, entity: AnyEntity, snapshot: DirectorySnapshot, raw?: Record<string, unknown>): Violation[] {
  switch (kind) {
    case "profile":
      return checkProfile(entity as OrganisationProfile, snapshot);
    case "unit":
      return checkUnit(entity as EntityByKind["unit"], snapshot);
    case "contact_point": {
      const cp = entity as ContactPoint;
      const out = checkContactPoint(cp, { org: snapshot.org });
      if (!snapshot.units.some((u) => u.id === cp.unitId)) out.unshift(violation("invalid-structure", "unitId", "Enheten finns inte.", "The unit does not exist."));
      return out;
    }
    case "service":
      return checkService(entity as EntityByKind["service"], snapshot);
    case "external_actor": {
      const a = entity as EntityByKind["external_actor"];
      return checkExternalActor(raw ?? { name: a.name, websiteUrl: a.websiteUrl, ...(a.description !== undefined ? { description: a.description } : {}) });
    }
  }
}

/** The rules a draft must pass. */
export function checkDraft(kind: EntityKind, entity: AnyEntity, snapshot: DirectorySnapshot, raw?: Record<string, unknown>): Violation[] {
  return checkEntity(kind, entity, snapshot, raw).filter((v) => v.ruleId !== "no-reachable-contact");
}

/** Removing an entity must not leave others pointing at it. */
export function checkRemoval(kind: EntityKind, id: string, after: DirectorySnapshot): Violation[] {
  const out: Violation[] = [];
  if (kind === "unit") {
    const dependents = [
      ...after.units.filter((u) => u.parentId === id).map((u) => u.name),
      ...after.contactPoints.filter((c) => c.unitId === id).map((c) => c.label ?? c.kind),
      ...after.services.filter((s) => s.ownerUnitId === id || s.routing.unitId === id || s.routing.fallbackUnitIds.includes(id)).map((s) => s.name),
    ];
    if (dependents.length > 0) {
      out.push(violation("invalid-structure", "id", `Enheten används fortfarande (${dependents.slice(0, 5).join(", ")}). Flytta eller ta bort det först.`, `The unit is still in use (${dependents.slice(0, 5).join(", ")}). Move or remove those first.`));
    }
    if (after.org.contactCenterUnitId === id) out.push(violation("invalid-structure", "id", "Enheten är organisationens kontaktcenter.", "The unit is the organisation's contact center."));
  }
  if (kind === "external_actor" && after.services.some((s) => s.externalActorIds?.includes(id))) {
    out.push(violation("invalid-structure", "id", "Den externa aktören hänvisas till från en tjänst.", "A service refers to the external actor."));
  }
  return out;
}

/**
 * `no-reachable-contact` across the whole directory as it would be live: a change
 * anywhere (a deleted mailbox, a moved unit) can leave some unit or service with
 * nowhere to turn, and that is refused only when even the contact center is missing.
 */
export function checkReachability(after: DirectorySnapshot): Violation[] {
  const out: Violation[] = [];
  for (const u of after.units) {
    for (const v of resolveReachableContact(u, after).violations) out.push({ ...v, path: `units[${u.name}]` });
  }
  for (const s of after.services) {
    if (s.status !== "active") continue;
    for (const v of resolveReachableContact(s, after).violations) out.push({ ...v, path: `services[${s.name}]` });
  }
  return out;
}

export { checkOpeningHours };
