// Swedish phone numbers: E.164 for machines, the conventional Swedish grouping for people.
// libphonenumber-js (max metadata, for number types) does the parsing and validity; its
// national format already follows the Swedish convention (SS 01 42 21: `031-365 00 00`,
// `0520-49 50 00`, `08-123 456 78`, `070-123 45 67`) for geographic and mobile numbers.
// For the non-geographic series that Swedes write with a four-digit prefix (0771 shared
// cost, 0200 freephone, 0900/0939/0944 premium) it prints `077-122 33 44`; we regroup those.
import { parsePhoneNumberWithError, ParseError, type NumberType } from "libphonenumber-js/max";

export interface ParsedPhone {
  e164: string;
  display: string;
  /** libphonenumber's type; MOBILE for 070/072/073/076/079. */
  type: NumberType;
  isMobile: boolean;
  countryCallingCode: string;
}

export type PhoneParseError = "too-long" | "bad-characters" | "not-a-number" | "invalid" | "extension";

const MAX_INPUT = 40;
// Digits and the separators people actually type. Letters would let "vanity" numbers and
// "ext 12" through, and a contact point never needs them.
const ALLOWED = /^[+0-9 ()\-./]+$/u;
/** National significant numbers written with a four-digit prefix in Sweden. */
const FOUR_DIGIT_PREFIX = /^(?:77\d|200|9\d\d)/u;

export function parsePhone(input: string): { ok: true; phone: ParsedPhone } | { ok: false; error: PhoneParseError } {
  if (input.length > MAX_INPUT) return { ok: false, error: "too-long" };
  const raw = input.trim();
  if (!ALLOWED.test(raw)) return { ok: false, error: /ext|ankn|#|x\s*\d/iu.test(raw) ? "extension" : "bad-characters" };
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(raw, "SE");
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: "not-a-number" };
    throw error;
  }
  if (parsed.ext) return { ok: false, error: "extension" };
  if (!parsed.isValid()) return { ok: false, error: "invalid" };
  const type = parsed.getType() ?? "FIXED_LINE_OR_MOBILE";
  const display = parsed.country === "SE" ? swedishDisplay(parsed.nationalNumber, parsed.formatNational()) : parsed.formatInternational();
  return {
    ok: true,
    phone: {
      e164: parsed.number,
      display,
      type,
      isMobile: type === "MOBILE",
      countryCallingCode: parsed.countryCallingCode,
    },
  };
}

function swedishDisplay(nationalNumber: string, libraryFormat: string): string {
  if (!FOUR_DIGIT_PREFIX.test(nationalNumber)) return libraryFormat;
  return `0${nationalNumber.slice(0, 3)}-${groupSubscriber(nationalNumber.slice(3))}`;
}

/** Pairs from the right; an odd count starts with a group of three (`123 45 67`). */
export function groupSubscriber(digits: string): string {
  const groups: string[] = [];
  let rest = digits;
  if (rest.length % 2 === 1 && rest.length > 1) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  for (let i = 0; i < rest.length; i += 2) groups.push(rest.slice(i, i + 2));
  return groups.join(" ");
}
