// The directory API's schemas: input and response, which are also its OpenAPI
// documentation (/api/docs). Field comments say what a client can rely on.
import { Type, type Static, type TSchema } from "@sinclair/typebox";

const Uuid = Type.String({ format: "uuid" });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Interval = Type.Object({ from: Type.String({ description: "HH:MM" }), to: Type.String({ description: "HH:MM, may be 24:00" }) });

export const OpeningHoursSchema = Type.Object(
  {
    weekly: Type.Record(Type.String({ description: "mo, tu, we, th, fr, sa, su" }), Type.Array(Interval)),
    exceptions: Type.Array(
      Type.Object({
        date: Type.String({ description: "YYYY-MM-DD" }),
        kind: Type.Union([Type.Literal("closed"), Type.Literal("hours"), Type.Literal("note")]),
        intervals: Type.Optional(Type.Array(Interval)),
        note: Type.Optional(Type.String({ maxLength: 500 })),
      }),
    ),
    calendar: Type.Optional(Type.Unknown({ description: "Overrides the organisation's calendar (see the profile)." })),
    timeZone: Type.Optional(Type.String()),
  },
  { description: "Weekly rules + dated exceptions; the organisation calendar adds holidays, eves and bridge days." },
);

export const WriteOptions = {
  publish: Type.Optional(Type.Boolean({ description: "Publish at once (needs directory:publish). Default: save a draft." })),
  effectiveAt: Type.Optional(Type.String({ format: "date-time", description: "With publish: the moment the version goes live (scheduled change)." })),
};

export const UnitInput = Type.Object({
  parentId: Nullable(Uuid),
  kind: Type.Union([Type.Literal("forvaltning"), Type.Literal("verksamhet"), Type.Literal("enhet")]),
  name: Type.String({ maxLength: 400 }),
  description: Type.Optional(Type.String({ maxLength: 10000 })),
  ownerRole: Type.Optional(Type.String({ maxLength: 100 })),
  openingHours: Type.Optional(OpeningHoursSchema),
  ...WriteOptions,
});

export const ContactPointInput = Type.Object({
  unitId: Uuid,
  kind: Type.Union(["email", "phone", "visiting_address", "postal_address", "web", "chat", "social"].map((k) => Type.Literal(k))),
  label: Type.Optional(Type.String({ maxLength: 400, description: "A functional label, never a person's name or title." })),
  primary: Type.Optional(Type.Boolean()),
  address: Type.Optional(Type.String({ maxLength: 400, description: "email: a functional mailbox on the organisation's domains" })),
  number: Type.Optional(Type.String({ maxLength: 60, description: "phone: as typed; stored as E.164 plus the Swedish display form" })),
  mobileReason: Type.Optional(Type.String({ maxLength: 500, description: "phone: why a mobile number is a functional phone (audited)" })),
  street: Type.Optional(Type.String({ maxLength: 400 })),
  postcode: Type.Optional(Type.String({ maxLength: 20, description: "NNN NN" })),
  town: Type.Optional(Type.String({ maxLength: 200 })),
  careOf: Type.Optional(Type.String({ maxLength: 200 })),
  url: Type.Optional(Type.String({ maxLength: 2000 })),
  platform: Type.Optional(Type.String({ maxLength: 40 })),
  openingHours: Type.Optional(OpeningHoursSchema),
  reviewIntervalMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  ...WriteOptions,
});

export const ServiceInput = Type.Object({
  name: Type.String({ maxLength: 400 }),
  description: Type.Optional(Type.String({ maxLength: 10000 })),
  ownerUnitId: Uuid,
  firstLine: Type.Union([Type.Literal("contact_center"), Type.Literal("unit")], { description: "Who answers first: the contact center or the unit" }),
  routingUnitId: Type.Optional(Uuid),
  fallbackUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  status: Type.Optional(Type.Union([Type.Literal("active"), Type.Literal("inactive")])),
  externalActorIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  webUrl: Type.Optional(Type.String({ maxLength: 2000 })),
  openingHours: Type.Optional(OpeningHoursSchema),
  ...WriteOptions,
});

/**
 * External actors: name and website only. Other fields are not rejected by the
 * schema but by the `external-contact` rule, so a client sending a phone learns why.
 */
export const ExternalActorInput = Type.Object(
  {
    name: Type.String({ maxLength: 400 }),
    websiteUrl: Type.String({ maxLength: 2000 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    ...WriteOptions,
  },
  { additionalProperties: true },
);

export const ProfileInput = Type.Object({
  name: Type.String({ maxLength: 400 }),
  description: Type.Optional(Type.String({ maxLength: 10000 })),
  county: Type.Optional(Type.String({ maxLength: 200 })),
  domains: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 50 }),
  numberSeries: Type.Array(Type.Object({ prefix: Type.String({ maxLength: 20 }), description: Type.Optional(Type.String({ maxLength: 200 })) }), { maxItems: 50 }),
  contactCenterUnitId: Type.Optional(Uuid),
  websiteUrl: Type.Optional(Type.String({ maxLength: 2000 })),
  calendar: Type.Object({
    closedOnPublicHolidays: Type.Boolean(),
    closedEves: Type.Array(Type.String()),
    reducedHoursBeforeHolidays: Nullable(Type.Array(Interval)),
    bridgeDays: Type.Array(Type.String()),
  }),
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  ...WriteOptions,
});

export const IdParams = Type.Object({ id: Uuid });
export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 100, description: "Organisation slug; default: the installation's organisation" })) });

// ---------------------------------------------------------------- responses

export const ViolationSchema = Type.Object({
  ruleId: Type.String({ description: "personal-contact, external-contact, no-reachable-contact, invalid-phone, invalid-email, invalid-address, …" }),
  path: Type.String(),
  message_sv: Type.String(),
  message_en: Type.String(),
  ref: Type.Optional(Type.String({ description: "Imports: where in the file (organizations[3], rad 7)" })),
});

export const ContactPointView = Type.Object({
  id: Uuid,
  unitId: Uuid,
  kind: Type.String(),
  label: Nullable(Type.String()),
  primary: Type.Boolean(),
  /** The one value to show: address, display number, street address or URL. */
  value: Type.String(),
  email: Type.Optional(Type.String()),
  phone: Type.Optional(Type.Object({ e164: Type.String(), display: Type.String() })),
  address: Type.Optional(Type.Object({ street: Type.String(), postcode: Type.String(), town: Type.String(), careOf: Type.Optional(Type.String()) })),
  url: Type.Optional(Type.String()),
  platform: Type.Optional(Type.String()),
  hours: Type.Optional(Type.Object({ summary_sv: Type.Array(Type.String()), osm: Type.String() })),
  verifiedAt: Nullable(Type.String({ format: "date-time" })),
});

export const ResolvedContact = Type.Object(
  {
    unitId: Uuid,
    unitName: Type.String(),
    role: Type.String({ description: "self | routing_unit | fallback | parent | contact_center" }),
    email: Type.Optional(Type.String()),
    phone: Type.Optional(Type.Object({ e164: Type.String(), display: Type.String() })),
    path: Type.Array(Type.Object({ unitId: Uuid, role: Type.String(), reachable: Type.Boolean() })),
  },
  { description: "Where a resident is sent: computed by the system (unit mailbox → parents → contact center)." },
);

export const UnitView = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  kind: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
});

export const ContactCard = Type.Object({
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  unit: UnitView,
  contactPoints: Type.Array(ContactPointView),
  reachable: Nullable(ResolvedContact),
  hours: Nullable(Type.Object({ summary_sv: Type.Array(Type.String()), osm: Type.String() })),
  lastVerifiedAt: Nullable(Type.String({ format: "date-time" })),
  links: Type.Object({ page: Type.String(), html: Type.String(), vcard: Type.String() }),
});

export const ServiceView = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  ownerUnit: Type.Object({ id: Uuid, name: Type.String() }),
  routing: Type.Object({ firstLine: Type.String(), unitId: Nullable(Uuid), fallbackUnitIds: Type.Array(Uuid) }),
  contact: Nullable(ResolvedContact),
  externalActors: Type.Array(Type.Object({ id: Uuid, name: Type.String(), websiteUrl: Type.String() })),
  webUrl: Nullable(Type.String()),
});

export const ExternalActorView = Type.Object({ id: Uuid, name: Type.String(), websiteUrl: Type.String(), description: Nullable(Type.String()) });

export const ChangesResponse = Type.Object({
  changes: Type.Array(Type.Object({ seq: Type.Integer(), kind: Type.String(), id: Uuid, op: Type.Union([Type.Literal("upsert"), Type.Literal("delete")]), version: Type.Integer(), at: Type.String() })),
  lastSeq: Type.Integer({ description: "Pass as ?since= next time." }),
});

export const SearchResponse = Type.Object({
  q: Type.String(),
  hits: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), title: Type.String(), unitId: Nullable(Uuid) })),
});

export const SaveResponse = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  state: Type.Union([Type.Literal("draft"), Type.Literal("published"), Type.Literal("scheduled")]),
  effectiveAt: Nullable(Type.String({ format: "date-time" })),
  reachable: Type.Optional(Nullable(ResolvedContact)),
});

export const PublishResponse = Type.Object({
  published: Type.Array(Type.Object({ kind: Type.String(), id: Uuid, version: Type.Integer(), effectiveAt: Type.String(), deleted: Type.Boolean() })),
  changes: Type.Integer({ description: "Entries added to the change feed now (scheduled versions enter it when they go live)." }),
});

export const HistoryResponse = Type.Object({
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      state: Type.String(),
      deleted: Type.Boolean(),
      effectiveAt: Nullable(Type.String()),
      createdAt: Type.String(),
      createdBy: Type.String(),
      publishedAt: Nullable(Type.String()),
      publishedBy: Nullable(Type.String()),
      changes: Type.Array(Type.Object({ path: Type.String(), label_sv: Type.String(), kind: Type.String(), before: Type.Optional(Type.Unknown()), after: Type.Optional(Type.Unknown()) })),
      entity: Type.Unknown(),
    }),
  ),
});

export const ErrorResponse = Type.Object({
  error: Type.Object(
    { code: Type.String(), message: Type.String(), message_sv: Type.String(), message_en: Type.String(), context: Type.Optional(Type.Object({ violations: Type.Optional(Type.Array(ViolationSchema)) }, { additionalProperties: true })) },
    { additionalProperties: true },
  ),
});

export const errorResponses = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export type UnitInputT = Static<typeof UnitInput>;
export type ContactPointInputT = Static<typeof ContactPointInput>;
export type ServiceInputT = Static<typeof ServiceInput>;
export type ExternalActorInputT = Static<typeof ExternalActorInput>;
export type ProfileInputT = Static<typeof ProfileInput>;
export type ContactCardT = Static<typeof ContactCard>;
export type ServiceViewT = Static<typeof ServiceView>;
export type ContactPointViewT = Static<typeof ContactPointView>;
export type ResolvedContactT = Static<typeof ResolvedContact>;
