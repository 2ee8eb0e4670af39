// Skatteverket's test personnummer and samordningsnummer, and the written forms
// residents use for them. The suite may contain no other personnummer: these
// numbers were never assigned to real people (Skatteverket open data, shipped
// with the personnummer project's test data under ../shared/data).
import { readFileSync } from "node:fs";
import path from "node:path";
import PersonnummerCjs from "personnummer";

// The package ships CommonJS (`module.exports = Personnummer`) with ESM-style
// types (`export default`), so under NodeNext TypeScript types the default
// import as the module object; at run time it is the class itself.
const Personnummer = PersonnummerCjs as unknown as typeof PersonnummerCjs.default;

export const SHARED_DATA = path.resolve(import.meta.dirname, "../../../../shared/data");
export const PNR_DATA = path.join(SHARED_DATA, "personnummer-testdata");

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(PNR_DATA, file), "utf8")) as unknown;
}

/** All test numbers (12 digits, no separator): personnummer and samordningsnummer. */
export function loadTestNumbers(): { pins: string[]; coords: string[] } {
  const pins = readJson("allPins.json");
  const coords = readJson("allCoords.json");
  if (!Array.isArray(pins) || !Array.isArray(coords)) throw new Error("personnummer-testdata: unexpected shape");
  return { pins: pins.map(String), coords: coords.map(String) };
}

interface ListEntry {
  separated_format: string;
  short_format: string;
  valid: boolean;
  type: string;
}

/** Numbers that must NOT be taken for personnummer: invalid ones and organisation numbers. */
export function loadNegativeNumbers(): { invalid: string[]; org: string[] } {
  const list = readJson("list.json") as ListEntry[];
  const org = readJson("orgnumber.json") as ListEntry[];
  return {
    invalid: list.filter((e) => !e.valid).map((e) => e.separated_format),
    org: org.map((e) => e.separated_format),
  };
}

/** Interim numbers (a letter in the serial, YYMMDD-T220) in their four written forms, valid and invalid. */
export function loadInterimNumbers(): { valid: string[]; invalid: string[] } {
  const rows = readJson("interim.json") as (ListEntry & { long_format: string; separated_long: string })[];
  const forms = (e: (typeof rows)[number]): string[] => [e.long_format, e.short_format, e.separated_format, e.separated_long];
  return { valid: rows.filter((e) => e.valid).flatMap(forms), invalid: rows.filter((e) => !e.valid).flatMap(forms) };
}

/**
 * Every way the suite writes one number: 12 and 10 digits, with and without
 * `-`, with a space, `+` for people aged 100 or more (the law's rule for the
 * short form), an en dash (phones autocorrect `-`), and digits spaced out.
 * `today` fixes the +/- choice so the forms do not change with the clock.
 */
export function writtenForms(long12: string, today = new Date("2026-06-01T00:00:00Z")): { kind: string; text: string }[] {
  const yyyy = long12.slice(0, 4);
  const yy = long12.slice(2, 4);
  const mmdd = long12.slice(4, 8);
  const tail = long12.slice(8);
  const age = today.getUTCFullYear() - Number(yyyy);
  const sep = age >= 100 ? "+" : "-";
  return [
    { kind: "YYYYMMDDNNNN", text: long12 },
    { kind: "YYYYMMDD-NNNN", text: `${yyyy}${mmdd}-${tail}` },
    { kind: "YYYYMMDD NNNN", text: `${yyyy}${mmdd} ${tail}` },
    { kind: "YYMMDD-NNNN (+ from 100 years)", text: `${yy}${mmdd}${sep}${tail}` },
    { kind: "YYMMDD NNNN", text: `${yy}${mmdd} ${tail}` },
    { kind: "YYMMDD\u2013NNNN (en dash)", text: `${yy}${mmdd}\u2013${tail}` },
    ...(sep === "-" ? [{ kind: "YYMMDDNNNN", text: `${yy}${mmdd}${tail}` }] : []),
    { kind: "spaced digits", text: `${yy}${mmdd}${sep}${tail}`.split("").join(" ") },
  ];
}

// A run of digits with at most one separator (space, -, +, en dash) between two digits.
const CANDIDATE = /\d(?:[ \t]?[-+\u2013]?[ \t]?\d){9,13}/g;

/**
 * Test numbers written in a text (as 12-digit long forms). Used to check the
 * suite itself and to compute personnummer recall; it is deliberately simple
 * and is not the analyzer's detector.
 */
export function findValidNumbers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length !== 10 && digits.length !== 12) continue;
    const candidate = m[0].includes("+") ? `${digits.slice(0, -4)}+${digits.slice(-4)}` : digits;
    if (!Personnummer.valid(candidate)) continue;
    found.push(Personnummer.parse(candidate).format(true));
  }
  return found;
}
