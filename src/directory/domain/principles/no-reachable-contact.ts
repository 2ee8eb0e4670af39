// Rule `no-reachable-contact`: every unit and service must lead somewhere a resident can
// write or call. The system computes the fallback itself (unit mailbox/phone → parent
// units → contact center) and shows the path; publishing is refused only when even the
// contact center has no mailbox or phone.
import { ancestry, indexSnapshot, type SnapshotIndex } from "../snapshot.ts";
import type { DirectorySnapshot, EmailContactPoint, PhoneContactPoint, Service, Unit, Uuid } from "../types.ts";
import { violation, type Violation } from "./violation.ts";

export type RouteRole = "self" | "routing_unit" | "fallback" | "parent" | "contact_center";

export interface RouteStep {
  unitId: Uuid;
  role: RouteRole;
  /** False when the unit is missing from the snapshot or has no mailbox/phone. */
  reachable: boolean;
}

export interface ReachableContact {
  unitId: Uuid;
  unitName: string;
  role: RouteRole;
  email?: EmailContactPoint;
  phone?: PhoneContactPoint;
}

export interface Resolution {
  contact: ReachableContact | null;
  /** Every unit tried, in order, up to and including the one that answered. */
  path: RouteStep[];
  violations: Violation[];
}

function isService(target: Unit | Service): target is Service {
  return "routing" in target;
}

function reachableAt(unitId: Uuid, role: RouteRole, index: SnapshotIndex): ReachableContact | null {
  const unit = index.unitsById.get(unitId);
  if (!unit) return null;
  const points = index.contactPointsByUnit.get(unitId) ?? [];
  const email = points.find((p): p is EmailContactPoint => p.kind === "email");
  const phone = points.find((p): p is PhoneContactPoint => p.kind === "phone");
  if (!email && !phone) return null;
  return { unitId, unitName: unit.name, role, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

/** The ordered candidates for a unit or a service, without duplicates. */
function candidates(target: Unit | Service, snapshot: DirectorySnapshot, index: SnapshotIndex): { unitId: Uuid; role: RouteRole }[] {
  const out: { unitId: Uuid; role: RouteRole }[] = [];
  const add = (unitId: Uuid | undefined, role: RouteRole) => {
    if (unitId && !out.some((c) => c.unitId === unitId)) out.push({ unitId, role });
  };
  const centre = snapshot.org.contactCenterUnitId;
  if (isService(target)) {
    const routingUnit = target.routing.unitId ?? target.ownerUnitId;
    if (target.routing.firstLine === "contact_center") add(centre, "contact_center");
    add(routingUnit, "routing_unit");
    for (const id of target.routing.fallbackUnitIds) add(id, "fallback");
    for (const unit of ancestry(routingUnit, index).slice(1)) add(unit.id, "parent");
  } else {
    add(target.id, "self");
    for (const unit of ancestry(target.id, index).slice(1)) add(unit.id, "parent");
  }
  add(centre, "contact_center");
  return out;
}

export function resolveReachableContact(target: Unit | Service, snapshot: DirectorySnapshot): Resolution {
  const index = indexSnapshot(snapshot);
  const path: RouteStep[] = [];
  for (const { unitId, role } of candidates(target, snapshot, index)) {
    const contact = reachableAt(unitId, role, index);
    path.push({ unitId, role, reachable: contact !== null });
    if (contact) return { contact, path, violations: [] };
  }
  const what_sv = isService(target) ? "Tjänsten" : "Enheten";
  const what_en = isService(target) ? "The service" : "The unit";
  const noCentre = snapshot.org.contactCenterUnitId === undefined;
  return {
    contact: null,
    path,
    violations: [violation("no-reachable-contact", isService(target) ? "routing" : "contactPoints",
      noCentre
        ? `${what_sv} saknar nåbar kontaktväg och organisationen har inget kontaktcenter angivet. Lägg till en funktionsbrevlåda eller ett funktionsnummer.`
        : `${what_sv} saknar nåbar kontaktväg, och inte heller kontaktcenter har brevlåda eller telefon. Lägg till en funktionsbrevlåda eller ett funktionsnummer.`,
      noCentre
        ? `${what_en} has no reachable contact and the organisation has no contact center set. Add a functional mailbox or phone.`
        : `${what_en} has no reachable contact, and neither does the contact center have a mailbox or phone. Add a functional mailbox or phone.`)],
  };
}

export function checkReachable(target: Unit | Service, snapshot: DirectorySnapshot): Violation[] {
  return resolveReachableContact(target, snapshot).violations;
}
