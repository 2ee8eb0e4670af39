// API (and form) input → domain entities. Shapes only; the principles judge
// the values afterwards.
import { DEFAULT_REVIEW_INTERVAL_MONTHS, type ContactPoint, type ExternalActor, type OpeningHours, type OrganisationProfile, type Service, type SocialPlatform, type Unit } from "../domain/index.ts";
import type { ContactPointInputT, ExternalActorInputT, ProfileInputT, ServiceInputT, UnitInputT } from "./schemas.ts";

/** Distributes over unions, so each contact point kind keeps its own fields. */
type New<T> = T extends unknown ? Omit<T, "id" | "orgId"> & { id?: string; orgId?: string } : never;

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined || o[k] === "") delete o[k];
  return o;
}

export function unitFromInput(b: UnitInputT): New<Unit> {
  return clean({
    parentId: b.parentId ?? null,
    kind: b.kind,
    name: b.name,
    description: b.description,
    ownerRole: b.ownerRole,
    openingHours: b.openingHours as OpeningHours | undefined,
  });
}

export function contactPointFromInput(b: ContactPointInputT): New<ContactPoint> {
  const base = clean({
    unitId: b.unitId,
    label: b.label,
    primary: b.primary,
    openingHours: b.openingHours as OpeningHours | undefined,
    verification: { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: b.reviewIntervalMonths ?? DEFAULT_REVIEW_INTERVAL_MONTHS },
  });
  switch (b.kind) {
    case "email":
      return { ...base, kind: "email", address: b.address ?? "" };
    case "phone":
      return { ...base, kind: "phone", number: b.number ?? "", ...(b.mobileReason ? { mobileConfirmed: { reason: b.mobileReason } } : {}) };
    case "visiting_address":
    case "postal_address":
      return clean({ ...base, kind: b.kind, street: b.street ?? "", postcode: b.postcode ?? "", town: b.town ?? "", careOf: b.careOf });
    case "social":
      return { ...base, kind: "social", platform: (b.platform ?? "other") as SocialPlatform, url: b.url ?? "" };
    default:
      return { ...base, kind: b.kind as "web" | "chat", url: b.url ?? "" };
  }
}

export function serviceFromInput(b: ServiceInputT): New<Service> {
  return clean({
    name: b.name,
    description: b.description,
    ownerUnitId: b.ownerUnitId,
    routing: clean({ firstLine: b.firstLine, unitId: b.routingUnitId, fallbackUnitIds: b.fallbackUnitIds ?? [] }),
    status: b.status ?? "active",
    externalActorIds: b.externalActorIds?.length ? b.externalActorIds : undefined,
    webUrl: b.webUrl,
    openingHours: b.openingHours as OpeningHours | undefined,
  });
}

const WRITE_OPTIONS = new Set(["publish", "effectiveAt", "_csrf"]);

/** The actor as typed plus the raw record, so the external-contact rule sees every field sent. */
export function externalActorFromInput(b: ExternalActorInputT): { entity: New<ExternalActor>; raw: Record<string, unknown> } {
  const raw = Object.fromEntries(Object.entries(b).filter(([k]) => !WRITE_OPTIONS.has(k)));
  return { entity: clean({ name: b.name, websiteUrl: b.websiteUrl, description: b.description }), raw };
}

export function profileFromInput(b: ProfileInputT): Omit<OrganisationProfile, "id"> {
  return clean({
    name: b.name,
    description: b.description,
    county: b.county,
    domains: b.domains.map((d) => d.trim().toLowerCase()).filter(Boolean),
    numberSeries: b.numberSeries,
    contactCenterUnitId: b.contactCenterUnitId,
    websiteUrl: b.websiteUrl,
    calendar: b.calendar as OrganisationProfile["calendar"],
    timeZone: b.timeZone,
  });
}
