// Rule `invalid-phone`: a number libphonenumber-js (Swedish default) cannot accept.
import { parsePhone, type PhoneParseError } from "../phone.ts";
import { violation, type Violation } from "./violation.ts";

const RULE = "invalid-phone";

const MESSAGES: Record<PhoneParseError, [string, string]> = {
  "too-long": ["Telefonnumret är för långt.", "The phone number is too long."],
  "bad-characters": [
    "Telefonnumret får bara innehålla siffror, mellanslag, +, - och parenteser.",
    "The phone number may only contain digits, spaces, +, - and parentheses.",
  ],
  extension: [
    "Ange numret utan anknytning: en anknytning leder oftast till en person. Använd funktionens eget nummer.",
    "Give the number without an extension: an extension usually reaches one person. Use the function's own number.",
  ],
  "not-a-number": ["Det här är inte ett telefonnummer.", "This is not a phone number."],
  invalid: [
    "Telefonnumret finns inte i nummerplanen. Kontrollera riktnummer och antal siffror, t.ex. 0520-49 50 00.",
    "The phone number is not in the numbering plan. Check the area code and the number of digits, e.g. 0520-49 50 00.",
  ],
};

export function checkPhone(value: unknown, path = "number"): Violation[] {
  if (typeof value !== "string" || value.trim() === "") {
    return [violation(RULE, path, "Telefonnummer saknas.", "The phone number is missing.")];
  }
  const parsed = parsePhone(value);
  if (parsed.ok) return [];
  const [sv, en] = MESSAGES[parsed.error];
  return [violation(RULE, path, sv, en)];
}
