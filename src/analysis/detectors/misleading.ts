// misleading: contact details and domains that pose as the city's but are
// not in the organisation profile, look-alike domains (edit distance,
// homoglyphs, punycode, the city's name inside a foreign domain), phishing
// lures and fake announcements in the city's name. Warnings about phishing
// ("se upp för falska sms") are counter-speech, not phishing.
import { domainToUnicode } from "node:url";
import type { AnalysisContext, Candidate, UrlInfo } from "../context.ts";
import { asciiFold } from "../org.ts";
import { normalize } from "../text/normalize.ts";
import type { Phase } from "./shared.ts";
import { MENTION_CUES, phraseCandidates } from "./shared.ts";
import { findPhones } from "./personal-data.ts";

/** Levenshtein distance with an early exit above `max` (labels are short). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Skeleton of a domain label: Unicode (punycode decoded), confusables folded, diacritics and separators removed. */
function skeleton(label: string): string {
  const uni = label.startsWith("xn--") || label.includes(".xn--") ? domainToUnicode(label) || label : label;
  return asciiFold(normalize(uni).text).replace(/[^a-z0-9]/g, "").replace(/0/g, "o").replace(/1/g, "l");
}

function lookalike(ctx: AnalysisContext, u: UrlInfo): number {
  const org = ctx.org;
  if (org.labels.length === 0 || org.domains.has(u.domain)) return 0;
  const host = u.host;
  const label = host.split(".").length > 1 ? u.domain.slice(0, u.domain.lastIndexOf(".")) : u.domain;
  const sk = skeleton(label);
  const hostSk = skeleton(host);
  for (const ol of org.labels) {
    if (sk === ol) return 0.9; // same name under another suffix or in other script: trollhattan.nu, trollhättan.se
    if (ol.length >= 5 && editDistance(sk, ol, 2) <= 2) return 0.85; // trolhattan.se
    if (ol.length >= 5 && (sk.includes(ol) || hostSk.includes(ol))) return 0.8; // trollhattan-kommun.se, trollhattan.se.login.com
  }
  return 0;
}

const OFFICIAL_WORDS = new Set([
  "kommunen", "kommunens", "staden", "stadens", "kontaktcenter", "kontaktcentret", "kundtjänst", "kundtjänsten", "växeln", "socialtjänsten",
  "stadshuset", "kommunhuset", "skatteverket", "försäkringskassan", "polisen", "vallokalen", "vallokalerna", "valnämnden", "bygglov", "kommunstyrelsen",
]);
// Words that present contact details as new or official.
// ("nya", "ring" alone are too common: "nya bilder på …", "ring mig".)
const CLAIM_WORDS = new Set([
  "officiell", "officiella", "officiellt", "numera", "istället", "hjälplinje", "hjälplinjen", "stödlinje", "stödlinjen",
  "direktnummer", "swisha", "nås", "återbetalning", "ersättning", "telefonnummer", "kundtjänstnummer",
]);
// Alerts that fake announcements spread, and the requests to spread them.
const ALERT_WORDS = new Set([
  "stängd", "stängda", "stängt", "stänger", "stängs", "flyttat", "flyttas", "förgiftat", "förgiftad", "förgiftade", "böter", "inställt", "inställd",
  "inställda", "förtidsrösta", "evakuera", "evakueras", "evakuering", "hot", "bombhot", "kokar", "koka", "smittat", "smittad", "förbjudet", "förbud",
  "otjänligt", "otjänlig", "förorenat", "förorenad", "giftigt", "giftig", "farligt", "avstängt", "avstängd", "inställs", "stängts", "drick",
]);
const SPREAD_WORDS = new Set(["sprid", "dela", "obs", "viktigt", "varning", "brådskande"]);

function mentionsOrg(ctx: AnalysisContext): boolean {
  const words = ctx.tokens.words;
  const names = [...ctx.org.nameWords, ...ctx.org.labels];
  const firsts = new Set(names.map((n) => n[0]));
  for (const w of words) {
    if (OFFICIAL_WORDS.has(w)) return true;
    if (!firsts.has(w[0]) || w.length < 4) continue;
    const f = /^[a-z]*$/.test(w) ? w : asciiFold(w);
    if (names.some((n) => f.startsWith(n))) return true;
  }
  return false;
}

/** Contact details in a comment that presents them as the city's (new, official) but that are not in the profile. */
function contactPosing(ctx: AnalysisContext): Candidate[] {
  const out: Candidate[] = [];
  const claimed = ctx.phrases("misleading").some((m) => m.rule.tags.includes("claim"));
  // The claim word first: it is one set lookup per word and rarely present; mentionsOrg folds words.
  if (!claimed && !(ctx.tokens.words.some((w) => CLAIM_WORDS.has(w)) && mentionsOrg(ctx))) return out;
  for (const m of findPhones(ctx)) {
    if (ctx.org.phones.has(m.e164)) continue;
    // Service numbers of other bodies (0771, 020, 0900) are not posing as the city's line.
    if (m.type !== undefined && m.type !== "FIXED_LINE" && m.type !== "MOBILE" && m.type !== "FIXED_LINE_OR_MOBILE") continue;
    out.push({ ruleId: "misleading.phone-posing", start: m.start, end: m.end, confidence: 0.8 });
  }
  for (const u of ctx.urls()) {
    if (ctx.org.domains.has(u.domain) || ctx.lex.domains.publicBodies.has(u.domain)) continue;
    out.push({ ruleId: u.email ? "misleading.email-posing" : "misleading.link-posing", start: u.start, end: u.end, confidence: 0.75 });
  }
  return out;
}

/** "Trollhättans stad: alla skolor är stängda imorgon, sprid vidare!" — an official subject, an alert and a call to spread it. */
function fakeAnnouncement(ctx: AnalysisContext): Candidate[] {
  const words = ctx.tokens.words;
  if (!words.some((w) => SPREAD_WORDS.has(w)) || !words.some((w) => ALERT_WORDS.has(w)) || !mentionsOrg(ctx)) return [];
  if (ctx.commentCues() & MENTION_CUES) return [];
  return [{ ruleId: "misleading.fake-announcement", start: 0, end: Math.min(ctx.text.length, 200), confidence: 0.75 }];
}

export const misleadingPhase: Phase = {
  id: "misleading",
  version: "1.1.0",
  category: "misleading",
  run(ctx) {
    const out: Candidate[] = [];
    // A warning or a question about a site ("Fick ett mejl från trollhattan-betalning.com, är det bluff?") mentions it.
    const warned = (ctx.commentCues() & MENTION_CUES) !== 0;
    for (const u of ctx.urls()) {
      const la = warned ? 0 : lookalike(ctx, u);
      if (la > 0) {
        out.push({ ruleId: u.email ? "misleading.lookalike-email" : "misleading.lookalike-domain", start: u.start, end: u.end, confidence: la });
        continue;
      }
      // The city's name in the mailbox of a free or foreign domain: trollhattan.kommun@gmail.com
      if (u.email && !ctx.org.domains.has(u.domain)) {
        const local = asciiFold(ctx.text.slice(u.start, u.end).split("@")[0] ?? "");
        if (ctx.org.nameWords.some((w) => local.includes(w)) || ctx.org.labels.some((l) => local.includes(l))) {
          out.push({ ruleId: "misleading.email-posing", start: u.start, end: u.end, confidence: 0.8 });
        }
      }
    }
    out.push(...contactPosing(ctx));
    out.push(...fakeAnnouncement(ctx));
    out.push(...phraseCandidates(ctx, "misleading", { mentionMask: MENTION_CUES, filter: (m) => !m.rule.tags.includes("claim") }));
    return out;
  },
};
