// Directory → HSDS 3.0. Units become organizations under the municipality (parent_organization_id
// mirrors the unit tree); services carry the contact their routing resolves to ("the function
// that gives the best service"), not the owner unit's by default. Person fields stay empty.
import { resolveReachableContact } from "../principles/no-reachable-contact.ts";
import { indexSnapshot } from "../snapshot.ts";
import { parsePhone } from "../phone.ts";
import { describeHours } from "../opening-hours/summary.ts";
import { resolveOpeningHours } from "../opening-hours/compile.ts";
import { addDays, isoDateIn } from "../opening-hours/zoned.ts";
import { DEFAULT_TIME_ZONE, type ContactPoint, type DirectorySnapshot, type IsoDate, type PhoneContactPoint, type Service, type Unit, type Uuid } from "../types.ts";
import { derivedUuid } from "./ids.ts";
import { toHsdsSchedules } from "./schedule.ts";
import type { HsdsDocument, HsdsLocation, HsdsOrganization, HsdsPage, HsdsPhone, HsdsService } from "./types.ts";

export interface ExportWindow {
  /** Special days (holidays, eves, exceptions) are exported for this date range. */
  from: IsoDate;
  to: IsoDate;
}

/** Today and the following 365 days in the organisation's time zone. */
export function defaultExportWindow(now: Date, timeZone = DEFAULT_TIME_ZONE): ExportWindow {
  const from = isoDateIn(now, timeZone);
  return { from, to: addDays(from, 365) };
}

function phoneNumber(cp: PhoneContactPoint): string {
  if (cp.e164) return cp.e164;
  const parsed = parsePhone(cp.number);
  return parsed.ok ? parsed.phone.e164 : cp.number;
}

function phoneDisplay(cp: PhoneContactPoint): string {
  if (cp.display) return cp.display;
  const parsed = parsePhone(cp.number);
  return parsed.ok ? parsed.phone.display : cp.number;
}

function phoneDescription(cp: PhoneContactPoint, fallbackLabel: string): string {
  const label = cp.label ?? fallbackLabel;
  const display = phoneDisplay(cp);
  return cp.openingHours ? `${label}, ${display}. Telefontider: ${describeHours(cp.openingHours, "sv")}.` : `${label}, ${display}.`;
}

function hsdsPhone(cp: PhoneContactPoint, id: string, owner: Partial<Pick<HsdsPhone, "organization_id" | "service_id">>, fallbackLabel: string): HsdsPhone {
  return { id, ...owner, number: phoneNumber(cp), type: "voice", description: phoneDescription(cp, fallbackLabel), languages: [] };
}

function locationsOf(unit: Unit, points: ContactPoint[], snapshot: DirectorySnapshot, window: ExportWindow): HsdsLocation[] {
  const out: HsdsLocation[] = [];
  for (const cp of points) {
    if (cp.kind === "visiting_address" || cp.kind === "postal_address") {
      const type = cp.kind === "visiting_address" ? "physical" : "postal";
      const hours = cp.kind === "visiting_address" ? (cp.openingHours ?? unit.openingHours) : undefined;
      out.push({
        id: cp.id,
        location_type: type,
        organization_id: unit.id,
        name: cp.label ?? unit.name,
        addresses: [{
          id: derivedUuid(cp.id, "address"),
          location_id: cp.id,
          ...(cp.careOf ? { attention: cp.careOf } : {}),
          address_1: cp.street,
          city: cp.town,
          state_province: snapshot.org.county ?? "",
          postal_code: cp.postcode,
          country: "SE",
          address_type: type,
        }],
        ...(hours ? { schedules: toHsdsSchedules(resolveOpeningHours(hours, snapshot.org), { ...window, owner: { location_id: cp.id }, seed: cp.id }) } : {}),
      });
    } else if (cp.kind === "chat") {
      out.push({ id: cp.id, location_type: "virtual", organization_id: unit.id, name: cp.label ?? "Chatt", url: cp.url });
    }
  }
  return out;
}

/** The municipality itself, the root of every unit tree. */
export function toHsdsRootOrganization(snapshot: DirectorySnapshot): HsdsOrganization {
  const org = snapshot.org;
  return {
    id: org.id,
    name: org.name,
    description: org.description ?? org.name,
    ...(org.websiteUrl ? { website: org.websiteUrl } : {}),
    phones: [],
    locations: [],
    contacts: [],
  };
}

export function toHsdsOrganization(unitId: Uuid, snapshot: DirectorySnapshot, window: ExportWindow): HsdsOrganization | null {
  if (unitId === snapshot.org.id) return toHsdsRootOrganization(snapshot);
  const index = indexSnapshot(snapshot);
  const unit = index.unitsById.get(unitId);
  if (!unit) return null;
  const points = index.contactPointsByUnit.get(unit.id) ?? [];
  const email = points.find((p) => p.kind === "email");
  const web = points.find((p) => p.kind === "web");
  return {
    id: unit.id,
    name: unit.name,
    description: unit.description ?? `${unit.name}, ${snapshot.org.name}`,
    ...(email?.kind === "email" ? { email: email.address } : {}),
    ...(web?.kind === "web" ? { website: web.url } : {}),
    parent_organization_id: unit.parentId ?? snapshot.org.id,
    phones: points.filter((p): p is PhoneContactPoint => p.kind === "phone").map((p) => hsdsPhone(p, p.id, { organization_id: unit.id }, unit.name)),
    locations: locationsOf(unit, points, snapshot, window),
    // Functional contacts only: no HSDS contact (a person) is ever exported.
    contacts: [],
  };
}

export interface ServiceExportOptions {
  window: ExportWindow;
  /** Fully nested (with the organization), as /services/{id} returns it. Default true. */
  full?: boolean;
}

export function toHsdsService(service: Service, snapshot: DirectorySnapshot, options: ServiceExportOptions): HsdsService {
  const resolution = resolveReachableContact(service, snapshot);
  const contact = resolution.contact;
  const index = indexSnapshot(snapshot);
  const hours = service.openingHours ?? contact?.phone?.openingHours ?? (contact ? index.unitsById.get(contact.unitId)?.openingHours : undefined);
  const base: HsdsService = {
    id: service.id,
    organization_id: service.ownerUnitId,
    name: service.name,
    ...(service.description ? { description: service.description } : {}),
    ...(service.webUrl ? { url: service.webUrl } : {}),
    ...(contact?.email ? { email: contact.email.address } : {}),
    status: service.status,
  };
  if (options.full === false) return base;
  const owner = toHsdsOrganization(service.ownerUnitId, snapshot, options.window);
  return {
    ...base,
    phones: contact?.phone ? [hsdsPhone(contact.phone, derivedUuid(service.id, "phone", contact.phone.id), { service_id: service.id }, contact.unitName)] : [],
    schedules: hours ? toHsdsSchedules(resolveOpeningHours(hours, snapshot.org), { ...options.window, owner: { service_id: service.id }, seed: service.id }) : [],
    contacts: [],
    ...(owner ? { organization: owner } : {}),
  };
}

/** Every organisation (the municipality first, then the units) and every service, fully nested. */
export function toHsdsDocument(snapshot: DirectorySnapshot, window: ExportWindow): HsdsDocument {
  return {
    organizations: [toHsdsRootOrganization(snapshot), ...snapshot.units.map((u) => toHsdsOrganization(u.id, snapshot, window) as HsdsOrganization)],
    services: snapshot.services.map((s) => toHsdsService(s, snapshot, { window, full: true })),
  };
}

/** One page of a list, with the HSDS paging fields. `page` is 1-based; out-of-range pages are empty. */
export function hsdsPage<T>(items: readonly T[], page: number, perPage: number): HsdsPage<T> {
  const size = Math.max(1, Math.floor(perPage));
  const pageNumber = Math.max(1, Math.floor(page));
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  const contents = items.slice((pageNumber - 1) * size, pageNumber * size);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: pageNumber,
    size,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
