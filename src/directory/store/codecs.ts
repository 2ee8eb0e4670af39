// One codec per entity kind: which version table holds it and how a domain
// object maps to that table's content columns and back. The repository builds
// its SQL from these constant column lists (never from values).
import {
  DEFAULT_CALENDAR,
  DEFAULT_REVIEW_INTERVAL_MONTHS,
  DEFAULT_TIME_ZONE,
  type CalendarSettings,
  type ContactPoint,
  type ExternalActor,
  type MobileConfirmation,
  type NumberSeries,
  type OpeningHours,
  type OrganisationProfile,
  type Service,
  type SocialPlatform,
  type Unit,
  type UnitKind,
} from "../domain/types.ts";

export type EntityKind = "profile" | "unit" | "contact_point" | "service" | "external_actor";
export const ENTITY_KINDS: readonly EntityKind[] = ["profile", "unit", "contact_point", "service", "external_actor"];

export interface EntityByKind {
  profile: OrganisationProfile;
  unit: Unit;
  contact_point: ContactPoint;
  service: Service;
  external_actor: ExternalActor;
}

export type AnyEntity = EntityByKind[EntityKind];

type Row = Record<string, unknown>;

export interface Codec<K extends EntityKind> {
  kind: K;
  table: string;
  columns: readonly string[];
  toRow(e: EntityByKind[K]): unknown[];
  fromRow(r: Row, orgId: string): EntityByKind[K];
}

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const profile: Codec<"profile"> = {
  kind: "profile",
  table: "dir_profile_versions",
  columns: ["name", "description", "county", "domains", "number_series", "contact_center_unit_id", "website_url", "calendar", "time_zone"],
  toRow: (p) => [p.name, p.description ?? null, p.county ?? null, p.domains, JSON.stringify(p.numberSeries), p.contactCenterUnitId ?? null, p.websiteUrl ?? null, JSON.stringify(p.calendar), p.timeZone ?? DEFAULT_TIME_ZONE],
  fromRow: (r) =>
    defined({
      id: r.id as string,
      name: r.name as string,
      description: opt(r.description as string | null),
      county: opt(r.county as string | null),
      domains: r.domains as string[],
      numberSeries: r.number_series as NumberSeries[],
      contactCenterUnitId: opt(r.contact_center_unit_id as string | null),
      websiteUrl: opt(r.website_url as string | null),
      calendar: (r.calendar as CalendarSettings | null) ?? DEFAULT_CALENDAR,
      timeZone: r.time_zone as string,
    }),
};

const unit: Codec<"unit"> = {
  kind: "unit",
  table: "dir_unit_versions",
  columns: ["parent_id", "unit_kind", "name", "description", "owner_role", "opening_hours"],
  toRow: (u) => [u.parentId, u.kind, u.name, u.description ?? null, u.ownerRole ?? null, json(u.openingHours)],
  fromRow: (r, orgId) =>
    defined({
      id: r.id as string,
      orgId,
      parentId: (r.parent_id as string | null) ?? null,
      kind: r.unit_kind as UnitKind,
      name: r.name as string,
      description: opt(r.description as string | null),
      ownerRole: opt(r.owner_role as string | null),
      openingHours: opt(r.opening_hours as OpeningHours | null),
    }),
};

const contactPoint: Codec<"contact_point"> = {
  kind: "contact_point",
  table: "dir_contact_point_versions",
  columns: ["unit_id", "cp_kind", "label", "is_primary", "email_address", "phone_number", "phone_e164", "phone_display", "mobile_confirmation", "street", "postcode", "town", "care_of", "url", "platform", "opening_hours", "review_interval_months"],
  toRow: (c) => [
    c.unitId,
    c.kind,
    c.label ?? null,
    c.primary ?? false,
    c.kind === "email" ? c.address : null,
    c.kind === "phone" ? c.number : null,
    c.kind === "phone" ? (c.e164 ?? null) : null,
    c.kind === "phone" ? (c.display ?? null) : null,
    c.kind === "phone" ? json(c.mobileConfirmed) : null,
    c.kind === "visiting_address" || c.kind === "postal_address" ? c.street : null,
    c.kind === "visiting_address" || c.kind === "postal_address" ? c.postcode : null,
    c.kind === "visiting_address" || c.kind === "postal_address" ? c.town : null,
    c.kind === "visiting_address" || c.kind === "postal_address" ? (c.careOf ?? null) : null,
    c.kind === "web" || c.kind === "chat" || c.kind === "social" ? c.url : null,
    c.kind === "social" ? c.platform : null,
    json(c.openingHours),
    c.verification?.reviewIntervalMonths ?? DEFAULT_REVIEW_INTERVAL_MONTHS,
  ],
  fromRow: (r, orgId) => {
    const base = defined({
      id: r.id as string,
      orgId,
      unitId: r.unit_id as string,
      label: opt(r.label as string | null),
      primary: (r.is_primary as boolean) || undefined,
      openingHours: opt(r.opening_hours as OpeningHours | null),
      verification: {
        verifiedAt: r.verified_at ? new Date(r.verified_at as string) : null,
        verifiedBy: (r.verified_by as string | null) ?? null,
        reviewIntervalMonths: r.review_interval_months as number,
      },
    });
    switch (r.cp_kind as ContactPoint["kind"]) {
      case "email":
        return { ...base, kind: "email", address: r.email_address as string };
      case "phone":
        return defined({
          ...base,
          kind: "phone" as const,
          number: r.phone_number as string,
          e164: opt(r.phone_e164 as string | null),
          display: opt(r.phone_display as string | null),
          mobileConfirmed: opt(r.mobile_confirmation as MobileConfirmation | null),
        });
      case "visiting_address":
      case "postal_address":
        return defined({ ...base, kind: r.cp_kind as "visiting_address", street: r.street as string, postcode: r.postcode as string, town: r.town as string, careOf: opt(r.care_of as string | null) });
      case "social":
        return { ...base, kind: "social", platform: r.platform as SocialPlatform, url: r.url as string };
      default:
        return { ...base, kind: r.cp_kind as "web", url: r.url as string };
    }
  },
};

const service: Codec<"service"> = {
  kind: "service",
  table: "dir_service_versions",
  columns: ["name", "description", "owner_unit_id", "first_line", "routing_unit_id", "fallback_unit_ids", "service_status", "external_actor_ids", "web_url", "opening_hours"],
  toRow: (s) => [s.name, s.description ?? null, s.ownerUnitId, s.routing.firstLine, s.routing.unitId ?? null, s.routing.fallbackUnitIds, s.status, s.externalActorIds ?? [], s.webUrl ?? null, json(s.openingHours)],
  fromRow: (r, orgId) =>
    defined({
      id: r.id as string,
      orgId,
      name: r.name as string,
      description: opt(r.description as string | null),
      ownerUnitId: r.owner_unit_id as string,
      routing: defined({
        firstLine: r.first_line as "unit" | "contact_center",
        unitId: opt(r.routing_unit_id as string | null),
        fallbackUnitIds: r.fallback_unit_ids as string[],
      }),
      status: r.service_status as "active" | "inactive",
      externalActorIds: (r.external_actor_ids as string[]).length ? (r.external_actor_ids as string[]) : undefined,
      webUrl: opt(r.web_url as string | null),
      openingHours: opt(r.opening_hours as OpeningHours | null),
    }),
};

const externalActor: Codec<"external_actor"> = {
  kind: "external_actor",
  table: "dir_external_actor_versions",
  columns: ["name", "website_url", "description"],
  toRow: (a) => [a.name, a.websiteUrl, a.description ?? null],
  fromRow: (r, orgId) => defined({ id: r.id as string, orgId, name: r.name as string, websiteUrl: r.website_url as string, description: opt(r.description as string | null) }),
};

export const CODECS: { [K in EntityKind]: Codec<K> } = {
  profile,
  unit,
  contact_point: contactPoint,
  service,
  external_actor: externalActor,
};

export function codec<K extends EntityKind>(kind: K): Codec<K> {
  return CODECS[kind];
}

/** Swedish names of the kinds, for messages and pages. */
export const KIND_LABEL_SV: Record<EntityKind, string> = {
  profile: "organisationsprofil",
  unit: "enhet",
  contact_point: "kontaktväg",
  service: "tjänst",
  external_actor: "extern aktör",
};
