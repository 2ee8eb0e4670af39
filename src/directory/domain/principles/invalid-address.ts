// Rule `invalid-address`: a Swedish street or postal address needs street (or box), a
// postcode `NNN NN` and a town. Postcodes typed as "46183", "SE-461 83" or "461-83" are
// normalised to "461 83"; anything else is refused rather than guessed.
import { screenText } from "./text.ts";
import { violation, type Violation } from "./violation.ts";

const RULE = "invalid-address";

export function normalizePostcode(value: string): string | null {
  const m = /^(?:SE|S)?[\s-]*(\d{3})[\s-]?(\d{2})$/iu.exec(value.trim());
  if (!m) return null;
  // Swedish postcodes start at 100 00; 0xx xx does not exist.
  if (m[1]?.startsWith("0")) return null;
  return `${m[1]} ${m[2]}`;
}

export interface AddressInput {
  street?: unknown;
  postcode?: unknown;
  town?: unknown;
  careOf?: unknown;
}

export function checkAddress(input: AddressInput, pathPrefix = ""): Violation[] {
  const p = (field: string) => (pathPrefix ? `${pathPrefix}.${field}` : field);
  const out: Violation[] = [];
  const street = screenText(input.street, { ruleId: RULE, path: p("street"), maxLength: 200, required: true, what_sv: "gatuadressen", what_en: "the street address" });
  if (!street.ok) out.push(street.violation);
  else if (street.value !== undefined && !/\p{L}/u.test(street.value)) {
    out.push(violation(RULE, p("street"), "Gatuadressen måste innehålla ett gatunamn eller Box.", "The street address must contain a street name or Box."));
  }
  const town = screenText(input.town, { ruleId: RULE, path: p("town"), maxLength: 100, required: true, what_sv: "orten", what_en: "the town" });
  if (!town.ok) out.push(town.violation);
  else if (town.value !== undefined && !/^[\p{L}][\p{L} .'-]*$/u.test(town.value)) {
    out.push(violation(RULE, p("town"), "Orten får bara innehålla bokstäver, mellanslag och bindestreck.", "The town may only contain letters, spaces and hyphens."));
  }
  const postcode = screenText(input.postcode, { ruleId: RULE, path: p("postcode"), maxLength: 20, required: true, what_sv: "postnumret", what_en: "the postcode" });
  if (!postcode.ok) out.push(postcode.violation);
  else if (postcode.value !== undefined && normalizePostcode(postcode.value) === null) {
    out.push(violation(RULE, p("postcode"), "Postnumret ska ha fem siffror, t.ex. 461 83.", "The postcode must have five digits, e.g. 461 83."));
  }
  const careOf = screenText(input.careOf, { ruleId: RULE, path: p("careOf"), maxLength: 200, what_sv: "c/o-raden", what_en: "the c/o line" });
  if (!careOf.ok) out.push(careOf.violation);
  return out;
}
