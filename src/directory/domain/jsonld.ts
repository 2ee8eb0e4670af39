// schema.org JSON-LD for a unit's public page: a GovernmentOrganization with its functional
// ContactPoints and OpeningHoursSpecification (special days included), safe to embed in
// <script type="application/ld+json">. A unit without contacts of its own shows the contact
// its fallback chain resolves to, as the "Kontakta oss" page does.
import { resolveReachableContact } from "./principles/no-reachable-contact.ts";
import { indexSnapshot, ancestry } from "./snapshot.ts";
import { resolveOpeningHours } from "./opening-hours/compile.ts";
import { toSchemaOrg, type OpeningHoursSpecification } from "./opening-hours/schema-org.ts";
import { parsePhone } from "./phone.ts";
import type { AddressContactPoint, DirectorySnapshot, EmailContactPoint, IsoDate, PhoneContactPoint, Uuid } from "./types.ts";

export interface JsonLdOptions {
  /** Special days are listed for this window (e.g. today + 60 days). */
  from: IsoDate;
  to: IsoDate;
  /** The public page of the unit, used as @id and url when the unit has no web contact point. */
  pageUrl?: string;
}

type JsonObject = Record<string, unknown>;

function e164(cp: PhoneContactPoint): string {
  if (cp.e164) return cp.e164;
  const parsed = parsePhone(cp.number);
  return parsed.ok ? parsed.phone.e164 : cp.number;
}

function contactPointLd(cp: PhoneContactPoint | EmailContactPoint, contactType: string, snapshot: DirectorySnapshot, options: JsonLdOptions): JsonObject {
  const hours = cp.openingHours ? toSchemaOrg(resolveOpeningHours(cp.openingHours, snapshot.org), options.from, options.to) : undefined;
  return {
    "@type": "ContactPoint",
    contactType: cp.label ?? contactType,
    ...(cp.kind === "phone" ? { telephone: e164(cp) } : { email: cp.address }),
    availableLanguage: ["sv"],
    areaServed: "SE",
    ...(hours ? { hoursAvailable: hours } : {}),
  };
}

export function toJsonLd(unitId: Uuid, snapshot: DirectorySnapshot, options: JsonLdOptions): JsonObject | null {
  const index = indexSnapshot(snapshot);
  const unit = index.unitsById.get(unitId);
  if (!unit) return null;
  const points = index.contactPointsByUnit.get(unit.id) ?? [];
  const own = points.filter((p): p is PhoneContactPoint | EmailContactPoint => p.kind === "phone" || p.kind === "email");
  let contactPoints: JsonObject[] = own.map((p) => contactPointLd(p, unit.name, snapshot, options));
  if (contactPoints.length === 0) {
    const resolved = resolveReachableContact(unit, snapshot).contact;
    if (resolved) {
      contactPoints = [resolved.phone, resolved.email]
        .filter((p): p is PhoneContactPoint | EmailContactPoint => p !== undefined)
        .map((p) => contactPointLd(p, resolved.unitName, snapshot, options));
    }
  }
  const visiting = points.find((p): p is AddressContactPoint => p.kind === "visiting_address");
  const web = points.find((p) => p.kind === "web");
  const hoursModel = visiting?.openingHours ?? unit.openingHours;
  const hours: OpeningHoursSpecification[] | undefined = hoursModel ? toSchemaOrg(resolveOpeningHours(hoursModel, snapshot.org), options.from, options.to) : undefined;
  const parent = ancestry(unit.id, index)[1];
  const url = web?.kind === "web" ? web.url : options.pageUrl;
  return {
    "@context": "https://schema.org",
    "@type": "GovernmentOrganization",
    ...(options.pageUrl ? { "@id": options.pageUrl } : {}),
    name: unit.name,
    ...(unit.description ? { description: unit.description } : {}),
    ...(url ? { url } : {}),
    parentOrganization: { "@type": "GovernmentOrganization", name: parent?.name ?? snapshot.org.name, ...(parent ? {} : snapshot.org.websiteUrl ? { url: snapshot.org.websiteUrl } : {}) },
    ...(visiting
      ? { address: { "@type": "PostalAddress", streetAddress: visiting.street, postalCode: visiting.postcode, addressLocality: visiting.town, addressCountry: "SE" } }
      : {}),
    contactPoint: contactPoints,
    ...(hours ? { openingHoursSpecification: hours } : {}),
    sameAs: points.filter((p) => p.kind === "social").map((p) => (p as { url: string }).url),
  };
}

/**
 * Serialises JSON-LD for an inline script element. `<` is escaped so no value can close the
 * element (`</script>`) or open a comment; U+2028/2029 are escaped for old JavaScript parsers.
 */
export function jsonLdScriptContent(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</gu, "\\u003c")
    .replace(/>/gu, "\\u003e")
    .replace(/&/gu, "\\u0026")
    .replace(/\u2028/gu, "\\u2028")
    .replace(/\u2029/gu, "\\u2029");
}
