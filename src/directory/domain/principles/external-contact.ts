// Rule `external-contact`: "Vi undviker kontaktuppgifter till externa aktörer."
// We never know when another authority or contractor changes its details, so we link to
// its own website only. Two checks:
//  1. an external actor carries no phone, e-mail or address: neither as a field (an import
//     may bring one) nor tucked into its name or description;
//  2. a contact point presented as the organisation's must be the organisation's: e-mail on
//     its own domains (subdomains included), phone in its own number series. A mobile
//     confirmed as a functional phone is the organisation's by that confirmation.
import { isWithinDomains } from "../hostnames.ts";
import { parsePhone } from "../phone.ts";
import type { ContactPoint, OrganisationProfile } from "../types.ts";
import { parseEmail } from "./invalid-email.ts";
import { hasValidMobileConfirmation } from "./personal-contact.ts";
import { violation, type Violation } from "./violation.ts";

const RULE = "external-contact";

/** Fields an import or API client might use for contact details an external actor must not have. */
const FORBIDDEN_ACTOR_FIELDS = [
  "phone", "phones", "telephone", "tel", "mobile", "fax", "number",
  "email", "emails", "mail", "e_mail", "e-mail",
  "address", "addresses", "visiting_address", "postal_address", "street", "postcode", "postal_code",
  "contacts", "contact", "contactPoints", "contact_points",
];

const EMAIL_IN_TEXT = /[^\s@<>()]{1,64}@[^\s@<>()]{1,253}\.[a-z]{2,}/iu;
// A run of digits that could be dialled (7+ digits, separators allowed), e.g. "010-123 45 67".
const PHONE_IN_TEXT = /(?:\+|\b0)\d(?:[\s\-/]?\d){6,}/u;

const ACTOR_MESSAGE_SV = "Externa aktörer får bara ha namn och webbplats. Hänvisa till deras egen webbplats i stället för telefon, e-post eller adress.";
const ACTOR_MESSAGE_EN = "External actors may only have a name and a website. Refer to their own website instead of a phone, e-mail or address.";

/** Checks an external actor record as it arrives (API body, import row): not yet trusted to fit the type. */
export function checkExternalActorContact(input: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  for (const field of FORBIDDEN_ACTOR_FIELDS) {
    const value = input[field];
    if (value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0)) {
      out.push(violation(RULE, field, ACTOR_MESSAGE_SV, ACTOR_MESSAGE_EN));
    }
  }
  for (const field of ["name", "description"] as const) {
    const value = input[field];
    if (typeof value === "string" && value.length <= 10_000 && (EMAIL_IN_TEXT.test(value) || PHONE_IN_TEXT.test(value))) {
      out.push(violation(RULE, field,
        "Texten innehåller ett telefonnummer eller en e-postadress till en extern aktör. Hänvisa till deras webbplats i stället.",
        "The text contains an external actor's phone number or e-mail address. Refer to their website instead."));
    }
  }
  return out;
}

export function isOwnNumber(e164: string, org: Pick<OrganisationProfile, "numberSeries">): boolean {
  return org.numberSeries.some((s) => s.prefix.length > 3 && e164.startsWith(s.prefix));
}

/** Checks that a contact point shown as the organisation's really is the organisation's. */
export function checkOwnContactDetails(cp: ContactPoint, org: Pick<OrganisationProfile, "domains" | "numberSeries">): Violation[] {
  if (cp.kind === "email" && typeof cp.address === "string") {
    const parsed = parseEmail(cp.address);
    if (parsed && !isWithinDomains(parsed.domain, org.domains)) {
      return [violation(RULE, "address",
        `E-postadressen ligger utanför organisationens egna domäner (${org.domains.join(", ")}). Externa aktörers adresser hör inte hemma i serviceguiden.`,
        `The e-mail address is outside the organisation's own domains (${org.domains.join(", ")}). External actors' addresses do not belong in the directory.`)];
    }
  }
  if (cp.kind === "phone" && typeof cp.number === "string") {
    const parsed = parsePhone(cp.number);
    if (parsed.ok && !isOwnNumber(parsed.phone.e164, org) && !(parsed.phone.isMobile && hasValidMobileConfirmation(cp.mobileConfirmed))) {
      return [violation(RULE, "number",
        "Numret ingår inte i organisationens egna nummerserier. Externa aktörers nummer hör inte hemma i serviceguiden.",
        "The number is not in the organisation's own number series. External actors' numbers do not belong in the directory.")];
    }
  }
  return [];
}
