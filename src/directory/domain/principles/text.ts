// Hostile-text screening shared by every principle. Input reaches us from forms, the API
// and imports, so it may be markup, invisible characters or megabytes: each of those must
// become a clear violation, never an exception and never slow regex work.
import { violation, type RuleId, type Violation } from "./violation.ts";

/** Zero-width and bidi control characters: they make "kontakt@stad.se" display as something else. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u061C\u00AD]/u;
// C0/C1 controls except tab/newline (allowed only in multi-line fields).
const CONTROL_SINGLE_LINE = /\p{Cc}/u;
const CONTROL_MULTI_LINE = /[^\P{Cc}\t\n\r]/u;
/** Markup: a tag opener, or an HTML entity. Contact data never needs either. */
const MARKUP = /<\s*[a-zA-Z!/?]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/u;

export interface TextRules {
  ruleId: RuleId;
  path: string;
  maxLength: number;
  required?: boolean;
  multiline?: boolean;
  /** Swedish and English field name for messages ("etiketten", "the label"). */
  what_sv: string;
  what_en: string;
}

/**
 * Screens one text value. Returns the trimmed string when acceptable, otherwise a violation.
 * Non-strings (numbers, objects from a hostile import) are violations too.
 */
export type Screened = { ok: true; value: string | undefined } | { ok: false; violation: Violation };

export function screenText(value: unknown, rules: TextRules): Screened {
  const fail = (sv: string, en: string): Screened => ({ ok: false, violation: violation(rules.ruleId, rules.path, sv, en) });
  if (value === undefined || value === null || value === "") {
    return rules.required ? fail(`${cap(rules.what_sv)} saknas.`, `${cap(rules.what_en)} is missing.`) : { ok: true, value: undefined };
  }
  if (typeof value !== "string") {
    return fail(`${cap(rules.what_sv)} måste vara text.`, `${cap(rules.what_en)} must be text.`);
  }
  // Length first: every later test is then bounded.
  if (value.length > rules.maxLength) {
    return fail(
      `${cap(rules.what_sv)} är för lång (högst ${rules.maxLength} tecken).`,
      `${cap(rules.what_en)} is too long (at most ${rules.maxLength} characters).`,
    );
  }
  if (INVISIBLE.test(value)) {
    return fail(
      `${cap(rules.what_sv)} innehåller osynliga tecken eller riktningstecken. Skriv in värdet på nytt.`,
      `${cap(rules.what_en)} contains invisible or text-direction characters. Type the value again.`,
    );
  }
  if ((rules.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) {
    return fail(
      `${cap(rules.what_sv)} innehåller styrtecken eller radbrytningar.`,
      `${cap(rules.what_en)} contains control characters or line breaks.`,
    );
  }
  if (MARKUP.test(value)) {
    return fail(
      `${cap(rules.what_sv)} får inte innehålla HTML eller kod.`,
      `${cap(rules.what_en)} must not contain HTML or code.`,
    );
  }
  const trimmed = value.normalize("NFC").trim();
  if (trimmed === "") {
    return rules.required ? fail(`${cap(rules.what_sv)} saknas.`, `${cap(rules.what_en)} is missing.`) : { ok: true, value: undefined };
  }
  return { ok: true, value: trimmed };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
