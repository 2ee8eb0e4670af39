// Domain types of the directory (serviceguide). Pure data: no I/O, no transport types.
// Persistence maps rows to these; HTTP presenters map these to response schemas.

/** A UUID string. The database generates them; HSDS requires them. */
export type Uuid = string;
/** A calendar date `YYYY-MM-DD` in the organisation's time zone. */
export type IsoDate = string;
/** A wall-clock time `HH:MM` (00:00–24:00). */
export type WallTime = string;

export const DEFAULT_TIME_ZONE = "Europe/Stockholm";
export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12;

// ---------------------------------------------------------------- units

/** förvaltning → verksamhet → enhet. */
export type UnitKind = "forvaltning" | "verksamhet" | "enhet";

export interface Unit {
  id: Uuid;
  orgId: Uuid;
  /** null for a top-level förvaltning (its parent is the organisation itself). */
  parentId: Uuid | null;
  kind: UnitKind;
  name: string;
  description?: string;
  /** The role that owns this unit's contact points (reminders go to its holders). */
  ownerRole?: string;
  /** Opening hours of the unit as a place (visiting hours). Contact points may carry their own. */
  openingHours?: OpeningHours;
}

// ---------------------------------------------------------------- contact points

export type ContactPointKind =
  | "email"
  | "phone"
  | "visiting_address"
  | "postal_address"
  | "web"
  | "chat"
  | "social";

export const CONTACT_POINT_KINDS: readonly ContactPointKind[] = [
  "email",
  "phone",
  "visiting_address",
  "postal_address",
  "web",
  "chat",
  "social",
];

/** Review metadata: separate from updated_at on purpose (a review may change nothing). */
export interface Verification {
  verifiedAt: Date | null;
  verifiedBy: string | null;
  /** Default 12 ({@link DEFAULT_REVIEW_INTERVAL_MONTHS}). */
  reviewIntervalMonths: number;
}

/** A mobile number is accepted only as a confirmed functional phone; the reason is audited. */
export interface MobileConfirmation {
  reason: string;
  confirmedBy?: string;
  confirmedAt?: Date;
}

interface ContactPointBase {
  id: Uuid;
  orgId: Uuid;
  unitId: Uuid;
  /** A functional label ("Växel", "Bygglov – telefon"). Never a person's name or title. */
  label?: string;
  verification: Verification;
  /** Own opening hours, e.g. the phone line's hours. */
  openingHours?: OpeningHours;
  /** Shown first among contact points of the same kind. */
  primary?: boolean;
}

export interface EmailContactPoint extends ContactPointBase {
  kind: "email";
  address: string;
}

export interface PhoneContactPoint extends ContactPointBase {
  kind: "phone";
  /** As entered (or E.164). Normalisation fills {@link e164} and {@link display}. */
  number: string;
  /** `+46313650000` */
  e164?: string;
  /** Swedish conventional form `031-365 00 00`. */
  display?: string;
  mobileConfirmed?: MobileConfirmation | null;
}

export interface AddressContactPoint extends ContactPointBase {
  kind: "visiting_address" | "postal_address";
  street: string;
  /** `NNN NN` */
  postcode: string;
  town: string;
  /** c/o or building, optional. */
  careOf?: string;
}

export interface WebContactPoint extends ContactPointBase {
  kind: "web" | "chat";
  url: string;
}

export type SocialPlatform = "facebook" | "instagram" | "linkedin" | "youtube" | "x" | "mastodon" | "tiktok" | "other";

export interface SocialContactPoint extends ContactPointBase {
  kind: "social";
  platform: SocialPlatform;
  url: string;
}

export type ContactPoint =
  | EmailContactPoint
  | PhoneContactPoint
  | AddressContactPoint
  | WebContactPoint
  | SocialContactPoint;

// ---------------------------------------------------------------- services and routing

/**
 * "Vi hänvisar till den funktion som kan ge bäst service": the first line is either the
 * contact center or a unit; the fallback chain is tried in order when the first line has
 * no reachable contact.
 */
export interface ServiceRouting {
  firstLine: "contact_center" | "unit";
  /** The unit that answers when firstLine is "unit" (defaults to the owner unit). */
  unitId?: Uuid;
  /** Units tried in order after the first line, before parents and the contact center. */
  fallbackUnitIds: Uuid[];
}

export interface Service {
  id: Uuid;
  orgId: Uuid;
  /** "Bygglov", "Förskoleplats", "Felanmälan gata" */
  name: string;
  description?: string;
  ownerUnitId: Uuid;
  routing: ServiceRouting;
  status: "active" | "inactive";
  /** Other authorities involved: shown as links to their own websites only. */
  externalActorIds?: Uuid[];
  webUrl?: string;
  openingHours?: OpeningHours;
}

/** Another authority, company or contractor: name and website ONLY (no phone, no e-mail, by design). */
export interface ExternalActor {
  id: Uuid;
  orgId: Uuid;
  name: string;
  websiteUrl: string;
  description?: string;
}

// ---------------------------------------------------------------- organisation

/** A number series the organisation owns, as an E.164 prefix (`+4652049`). */
export interface NumberSeries {
  prefix: string;
  description?: string;
}

export interface OrganisationProfile {
  id: Uuid;
  name: string;
  description?: string;
  /** Län, for addresses in exports ("Västra Götalands län"). */
  county?: string;
  /** Registrable domains the organisation owns (`trollhattan.se`); subdomains are included. */
  domains: string[];
  numberSeries: NumberSeries[];
  /** The contact center unit ("en väg in"): the last resort of every fallback chain. */
  contactCenterUnitId?: Uuid;
  websiteUrl?: string;
  /** Default calendar for all opening hours that do not override it. */
  calendar: CalendarSettings;
  timeZone?: string;
}

// ---------------------------------------------------------------- opening hours

export type Weekday = "mo" | "tu" | "we" | "th" | "fr" | "sa" | "su";
export const WEEKDAYS: readonly Weekday[] = ["mo", "tu", "we", "th", "fr", "sa", "su"];

export interface TimeInterval {
  from: WallTime;
  /** May be "24:00". Must be after `from` (no intervals across midnight). */
  to: WallTime;
}

export type OpeningException =
  | { date: IsoDate; kind: "closed"; note?: string }
  | { date: IsoDate; kind: "hours"; intervals: TimeInterval[]; note?: string }
  /** Hours unchanged; the note is shown ("Telefonkön stänger 15:00 för personalmöte"). */
  | { date: IsoDate; kind: "note"; note: string };

/** Eves that are not statutory holidays but on which offices often close. */
export type EveKey =
  | "trettondagsafton"
  | "paskafton"
  | "valborgsmassoafton"
  | "pingstafton"
  | "midsommarafton"
  | "allhelgonaafton"
  | "julafton"
  | "nyarsafton";

export interface CalendarSettings {
  /** Closed on the allmänna helgdagar of SFS 1989:253. */
  closedOnPublicHolidays: boolean;
  /** Default: julafton, nyårsafton, midsommarafton. */
  closedEves: EveKey[];
  /** "Halvdag": hours on a weekday immediately before a public holiday (intersected with the day's hours). null = normal hours. */
  reducedHoursBeforeHolidays: TimeInterval[] | null;
  /** Klämdagar the organisation closes, explicit list. */
  bridgeDays: IsoDate[];
}

export const DEFAULT_CALENDAR: CalendarSettings = {
  closedOnPublicHolidays: true,
  closedEves: ["julafton", "nyarsafton", "midsommarafton"],
  reducedHoursBeforeHolidays: null,
  bridgeDays: [],
};

export interface OpeningHours {
  weekly: Partial<Record<Weekday, TimeInterval[]>>;
  exceptions: OpeningException[];
  /** Omitted: the organisation's calendar applies (see resolveOpeningHours). */
  calendar?: CalendarSettings;
  timeZone?: string;
}

/** Opening hours with the calendar settled: what every evaluator takes. */
export interface ResolvedOpeningHours extends OpeningHours {
  calendar: CalendarSettings;
  timeZone: string;
}

// ---------------------------------------------------------------- snapshot

/** Everything the principles and exports need, loaded by persistence in one go. */
export interface DirectorySnapshot {
  org: OrganisationProfile;
  units: Unit[];
  contactPoints: ContactPoint[];
  services: Service[];
  externalActors: ExternalActor[];
}
