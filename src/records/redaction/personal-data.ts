// Personal data in a record's text, found by the analyzer's `personal_data`
// findings (personnummer, phone numbers, e-mail and postal addresses, door
// codes, health and other sensitive data about a named person), with the OSL
// ground on which it is withheld when the record is disclosed. Used both to
// mask text for roles that do not need it (GDPR, dataskyddslagen 3:10) and to
// propose redactions for a records request (sekretessprövning).
import { createAnalyzer, type Analyzer } from "../../analysis/index.ts";

export interface PersonalDataSpan {
  start: number;
  end: number;
  ruleId: string;
  /** What it is, in Swedish (shown in the redaction log). */
  kindSv: string;
  /** OSL chapter and section: the ground for withholding it. */
  ground: string;
}

// OSL 21:1 covers health and sexual life in every activity; 21:7 covers
// personal data whose disclosure would breach the GDPR (personnummer, private
// contact details, other sensitive data).
const GROUNDS: Record<string, { kindSv: string; ground: string }> = {
  "personal_data.personnummer": { kindSv: "personnummer", ground: "21 kap. 7 § OSL" },
  "personal_data.phone": { kindSv: "privat telefonnummer", ground: "21 kap. 7 § OSL" },
  "personal_data.email": { kindSv: "privat e-postadress", ground: "21 kap. 7 § OSL" },
  "personal_data.address": { kindSv: "adress", ground: "21 kap. 7 § OSL" },
  "personal_data.door-code": { kindSv: "portkod", ground: "21 kap. 7 § OSL" },
};

function groundFor(ruleId: string): { kindSv: string; ground: string } {
  const g = GROUNDS[ruleId];
  if (g) return g;
  if (/health|halsa|hälsa|diagnos|medical|sexual/i.test(ruleId)) return { kindSv: "uppgift om hälsa eller sexualliv", ground: "21 kap. 1 § OSL" };
  return { kindSv: "känslig personuppgift", ground: "21 kap. 7 § OSL" };
}

let shared: Analyzer | null = null;
const analyzer = (): Analyzer => (shared ??= createAnalyzer());

/** Non-overlapping personal-data spans in `text`, in order. */
export function findPersonalData(text: string): PersonalDataSpan[] {
  if (!text) return [];
  const spans = analyzer().analyze({ text }).findings
    .filter((f) => f.category === "personal_data" && f.end > f.start)
    .map((f) => ({ start: f.start, end: f.end, ruleId: f.ruleId, ...groundFor(f.ruleId) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PersonalDataSpan[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

/** Replaces each span with a marker naming what was masked, e.g. "[personnummer]". */
export function applyMask(text: string, spans: readonly Pick<PersonalDataSpan, "start" | "end" | "kindSv">[]): string {
  let out = "";
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += `${text.slice(at, s.start)}[${s.kindSv}]`;
    at = s.end;
  }
  return out + text.slice(at);
}

export function maskPersonalData(text: string | null): { text: string | null; masked: number } {
  if (!text) return { text, masked: 0 };
  const spans = findPersonalData(text);
  return { text: spans.length ? applyMask(text, spans) : text, masked: spans.length };
}
