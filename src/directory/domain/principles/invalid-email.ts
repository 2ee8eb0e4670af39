// Rule `invalid-email`: a malformed e-mail address.
// Deliberately stricter than RFC 5322: a public functional mailbox has an ASCII local part of
// letters, digits and . _ - + (quoted strings, comments and "!#$%" are legal but are either
// mistakes or tricks in a contact directory). The domain must be a real public host name
// (public suffix list via tldts); IDN domains are accepted and compared in punycode.
import { toAsciiHostname } from "../hostnames.ts";
import { screenText } from "./text.ts";
import { violation, type Violation } from "./violation.ts";

const RULE = "invalid-email";
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9_+-]|\.(?!\.))*[a-z0-9_+-]$|^[a-z0-9]$/u;

export interface ParsedEmail {
  /** Lower-cased, domain in its ASCII form. */
  normalized: string;
  localPart: string;
  domain: string;
}

export function parseEmail(value: string): ParsedEmail | null {
  const at = value.lastIndexOf("@");
  if (at <= 0 || value.indexOf("@") !== at) return null;
  const localPart = value.slice(0, at).toLowerCase();
  if (localPart.length > 64 || !LOCAL_PART.test(localPart)) return null;
  const domain = toAsciiHostname(value.slice(at + 1).toLowerCase());
  if (!domain) return null;
  return { normalized: `${localPart}@${domain}`, localPart, domain };
}

export function checkEmail(value: unknown, path = "address"): Violation[] {
  const screened = screenText(value, { ruleId: RULE, path, maxLength: 254, required: true, what_sv: "e-postadressen", what_en: "the e-mail address" });
  if (!screened.ok) return [screened.violation];
  if (screened.value === undefined || !parseEmail(screened.value)) {
    return [violation(RULE, path,
      "E-postadressen är inte giltig. Skriv den som namn@doman.se, med bara a–z, 0–9 och . _ - + före @.",
      "The e-mail address is not valid. Write it as name@domain.se, using only a–z, 0–9 and . _ - + before the @.")];
  }
  return [];
}
