// Presenters: domain objects → the public response shapes (never rows). Only
// published, functional contact data leaves through here.
import {
  indexSnapshot,
  parsePhone,
  resolveOpeningHours,
  resolveReachableContact,
  summarizeWeek,
  toOsmOpeningHours,
  type ContactPoint,
  type DirectorySnapshot,
  type OpeningHours,
  type PhoneContactPoint,
  type Resolution,
  type Service,
  type Unit,
} from "../domain/index.ts";
import type { ContactCardT, ContactPointViewT, ResolvedContactT, ServiceViewT } from "../api/schemas.ts";

export function phoneOf(cp: PhoneContactPoint): { e164: string; display: string } {
  if (cp.e164 && cp.display) return { e164: cp.e164, display: cp.display };
  const p = parsePhone(cp.number);
  return p.ok ? { e164: p.phone.e164, display: p.phone.display } : { e164: cp.number, display: cp.number };
}

export function hoursView(hours: OpeningHours, snapshot: DirectorySnapshot, now: Date): { summary_sv: string[]; osm: string } {
  const year = now.getUTCFullYear();
  return { summary_sv: summarizeWeek(hours, "sv"), osm: toOsmOpeningHours(resolveOpeningHours(hours, snapshot.org), { fromYear: year, toYear: year + 1 }) };
}

export function valueOf(cp: ContactPoint): string {
  switch (cp.kind) {
    case "email":
      return cp.address;
    case "phone":
      return phoneOf(cp).display;
    case "visiting_address":
    case "postal_address":
      return `${cp.careOf ? `c/o ${cp.careOf}, ` : ""}${cp.street}, ${cp.postcode} ${cp.town}`;
    default:
      return cp.url;
  }
}

export function contactPointView(cp: ContactPoint, snapshot: DirectorySnapshot, now: Date): ContactPointViewT {
  return {
    id: cp.id,
    unitId: cp.unitId,
    kind: cp.kind,
    label: cp.label ?? null,
    primary: cp.primary ?? false,
    value: valueOf(cp),
    ...(cp.kind === "email" ? { email: cp.address } : {}),
    ...(cp.kind === "phone" ? { phone: phoneOf(cp) } : {}),
    ...(cp.kind === "visiting_address" || cp.kind === "postal_address" ? { address: { street: cp.street, postcode: cp.postcode, town: cp.town, ...(cp.careOf ? { careOf: cp.careOf } : {}) } } : {}),
    ...(cp.kind === "web" || cp.kind === "chat" || cp.kind === "social" ? { url: cp.url } : {}),
    ...(cp.kind === "social" ? { platform: cp.platform } : {}),
    ...(cp.openingHours ? { hours: hoursView(cp.openingHours, snapshot, now) } : {}),
    verifiedAt: cp.verification.verifiedAt?.toISOString() ?? null,
  };
}

export function resolvedView(r: Resolution): ResolvedContactT | null {
  const c = r.contact;
  if (!c) return null;
  return {
    unitId: c.unitId,
    unitName: c.unitName,
    role: c.role,
    ...(c.email ? { email: c.email.address } : {}),
    ...(c.phone ? { phone: phoneOf(c.phone) } : {}),
    path: r.path.map((s) => ({ unitId: s.unitId, role: s.role, reachable: s.reachable })),
  };
}

export function unitView(u: Unit) {
  return { id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, description: u.description ?? null };
}

/** Kinds in the order a card lists them. */
const ORDER: ContactPoint["kind"][] = ["phone", "email", "visiting_address", "postal_address", "web", "chat", "social"];

export function sortedContactPoints(list: readonly ContactPoint[]): ContactPoint[] {
  return [...list].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || Number(b.primary ?? false) - Number(a.primary ?? false));
}

export interface CardLinks {
  page: string;
  html: string;
  vcard: string;
}

export function contactCard(unit: Unit, snapshot: DirectorySnapshot, now: Date, links: CardLinks): ContactCardT {
  const points = sortedContactPoints(indexSnapshot(snapshot).contactPointsByUnit.get(unit.id) ?? []);
  const verified = points.map((p) => p.verification.verifiedAt?.getTime() ?? 0).filter((t) => t > 0);
  const hours = unit.openingHours ?? points.find((p) => p.kind === "visiting_address" && p.openingHours)?.openingHours;
  return {
    organisation: { id: snapshot.org.id, name: snapshot.org.name },
    unit: unitView(unit),
    contactPoints: points.map((p) => contactPointView(p, snapshot, now)),
    reachable: resolvedView(resolveReachableContact(unit, snapshot)),
    hours: hours ? hoursView(hours, snapshot, now) : null,
    lastVerifiedAt: verified.length ? new Date(Math.min(...verified)).toISOString() : null,
    links,
  };
}

export function serviceView(s: Service, snapshot: DirectorySnapshot): ServiceViewT {
  const index = indexSnapshot(snapshot);
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? null,
    status: s.status,
    ownerUnit: { id: s.ownerUnitId, name: index.unitsById.get(s.ownerUnitId)?.name ?? "" },
    routing: { firstLine: s.routing.firstLine, unitId: s.routing.unitId ?? null, fallbackUnitIds: s.routing.fallbackUnitIds },
    contact: resolvedView(resolveReachableContact(s, snapshot)),
    externalActors: (s.externalActorIds ?? []).flatMap((id) => {
      const a = index.externalActorsById.get(id);
      return a ? [{ id: a.id, name: a.name, websiteUrl: a.websiteUrl }] : [];
    }),
    webUrl: s.webUrl ?? null,
  };
}
