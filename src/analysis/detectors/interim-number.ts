// Interim personnummer ("reservnummer"): hospitals and some authorities give
// a person without a personnummer a number where the first serial digit is a
// letter (YYMMDD-T220). The `personnummer` package validates them (date and
// check digit, the letter counting as 1) when asked with allowInterimNumber;
// this file only finds the written candidates. One linear regex over the
// text, and only when the text holds enough digits.
import { createRequire } from "node:module";
import type PersonnummerClass from "personnummer";

const require = createRequire(import.meta.url);
const Personnummer = require("personnummer") as typeof PersonnummerClass.default;

// (century) YYMMDD, an optional -, + or space, the letter, two digits and the check digit.
// Letters and digits around it make it part of a code, not a number.
const INTERIM_RE = /(?<![\p{L}\d])(\d{2})?(\d{6})([-+ ]?)([TRSUWXJKLMN])(\d{3})(?![\p{L}\d])/giu;

export interface InterimHit {
  start: number;
  end: number;
  /** Normalised form, e.g. `000101-T220`, for tests. */
  value: string;
}

export function findInterimNumbers(text: string): InterimHit[] {
  const out: InterimHit[] = [];
  INTERIM_RE.lastIndex = 0;
  for (let m = INTERIM_RE.exec(text); m && out.length < 50; m = INTERIM_RE.exec(text)) {
    const [, century = "", date = "", sep = "", letter = "", rest = ""] = m;
    const value = `${century}${date}${sep === "+" ? "+" : "-"}${letter.toUpperCase()}${rest}`;
    if (Personnummer.valid(value, { allowCoordinationNumber: true, allowInterimNumber: true })) out.push({ start: m.index, end: m.index + m[0].length, value });
  }
  return out;
}
