// personal_data: personnummer and samordningsnummer in every written form,
// a private person's phone number, e-mail or home address, and sensitive data
// (health, criminal record, social services, identity) about an identified
// person. Hidden at once pending review: the harm happens on display.
import { createRequire } from "node:module";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type PersonnummerClass from "personnummer";
import type { AnalysisContext, Candidate } from "../context.ts";
import { CUE_REPORT } from "../context.ts";
import { asciiFold } from "../org.ts";
import { isLetterCode } from "../text/normalize.ts";
import type { Phase } from "./shared.ts";
import { isMention } from "./shared.ts";
import { findInterimNumbers } from "./interim-number.ts";

// `personnummer` ships CommonJS whose types declare a default export; loading
// it through require gives the class itself under both module systems.
const require = createRequire(import.meta.url);
const Personnummer = require("personnummer") as typeof PersonnummerClass.default;

const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
const digitOf = (c: number): string => String.fromCharCode(c >= 0xff10 ? c - 0xff10 + 0x30 : c);
const isSepChar = (c: number): boolean => c === 0x20 || c === 0xa0 || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x2013 || c === 0x2212;
// Letters (any script) and the joiners of codes ("/" in case numbers, "_" in handles).
const isWordChar = (c: number): boolean => isLetterCode(c) || c === 0x2f || c === 0x5f;

interface Group {
  start: number;
  end: number;
  digits: string;
  /** Separator text before this group (empty for the first). */
  sep: string;
  /** Glued to a letter before or after ("pnr19900101"). */
  glued: boolean;
}

// Words that introduce other numbers: organisation, invoice, case and account numbers.
const OTHER_NUMBER_RE =
  /(?:org\.?\s?nr|organisationsnr|organisationsnummer|orgnr|faktura\w*|ocr|kundnr|kundnummer|order\w*|ärende\w*|diarie\w*|dnr|referens\w*|ref\.?|bankgiro|bg|plusgiro|pg|konto\w*|clearing\w*|iban|momsnr|vat|artikel\w*|serienummer|lägenhetsnummer|objektnummer|avi\w*)[\s.:#-]*$/iu;
// Only unambiguous phone cues: "nummer" alone also introduces personnummer.
const PHONE_CONTEXT_RE = /(?:tel|telefon\p{L}*|ring\p{L}*|mobil\p{L}*|sms\p{L}*|nås på|fax|växel\p{L}*)[\s.:]*(?:på|till|mig på|oss på)?[\s.:]*$/iu;
const PNR_CONTEXT_RE = /(?:person\s?n(?:umme)?r|pnr|p-nr|samordningsnummer|född)[\s.:]*$/iu;

const chainMemo = new Map<string, Group[][]>();

/** Chains of digit groups separated by at most one -, + or . and spaces ("19 90 01 01 - 0017", "8 5 0 7 …"). */
function digitChains(text: string): Group[][] {
  // Personnummer and phone detection both need the chains of the same text.
  const hit = chainMemo.get(text);
  if (hit) return hit;
  const chains = computeChains(text);
  if (chainMemo.size > 8) chainMemo.clear();
  chainMemo.set(text, chains);
  return chains;
}

function computeChains(text: string): Group[][] {
  const chains: Group[][] = [];
  let chain: Group[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) {
      i++;
      continue;
    }
    // A digit run glued to a letter ("A123", "pnr19900101-0017") starts a chain of
    // its own and lowers the confidence: usually a code, sometimes a number typed in haste.
    const gluedBefore = i > 0 && isWordChar(text.charCodeAt(i - 1));
    let j = i;
    let digits = "";
    while (j < n && isDigit(text.charCodeAt(j))) digits += digitOf(text.charCodeAt(j++));
    const gluedAfter = j < n && isWordChar(text.charCodeAt(j));
    let sep = "";
    if (chain.length > 0) {
      const prev = chain[chain.length - 1]!;
      sep = text.slice(prev.end, i);
    }
    const group: Group = { start: i, end: j, digits, sep, glued: gluedBefore || gluedAfter };
    const joins = chain.length > 0 && !gluedBefore && validSeparator(group.sep);
    if (!joins) {
      if (chain.length) chains.push(chain);
      chain = [];
      group.sep = "";
    }
    chain.push(group);
    if (gluedAfter) {
      chains.push(chain);
      chain = [];
    }
    i = j;
  }
  if (chain.length) chains.push(chain);
  return chains;
}

function validSeparator(sep: string): boolean {
  if (sep.length === 0 || sep.length > 3) return false;
  let marks = 0;
  for (let k = 0; k < sep.length; k++) {
    const c = sep.charCodeAt(k);
    if (!isSepChar(c)) return false;
    if (c !== 0x20 && c !== 0xa0) marks++;
  }
  return marks <= 1;
}

/** Validate one window of a digit chain as a personnummer/samordningsnummer. */
function checkWindow(text: string, chain: Group[], a: number, w: { b: number; digits: string; plus: boolean }): { pin: PinHit; b: number } | null {
  const { b, digits, plus } = w;
  const start = chain[a]!.start;
  const end = chain[b]!.end;
  const before = text.slice(Math.max(0, start - 30), start);
  // Invoice, order and case numbers can collide with a 10-digit form; a valid
  // 12-digit number with its century is a personnummer whatever precedes it.
  if (digits.length === 10 && OTHER_NUMBER_RE.test(before)) return null;
  // Phone-style grouping (070-123 45 67, 0520-49 50 00) or a phone cue: a phone number.
  const groupLens = chain.slice(a, b + 1).map((x) => x.digits.length);
  const phoneShape = digits[0] === "0" && digits.length === 10 && (groupLens[0] === 3 || groupLens[0] === 4 || (groupLens.length === 1 && PHONE_CONTEXT_RE.test(before)));
  if (phoneShape && !PNR_CONTEXT_RE.test(before)) return null;
  // Cheap Luhn check first: the package reports invalid numbers by throwing, which is slow.
  if (!luhnOk(digits.length === 12 ? digits.slice(2) : digits)) return null;
  const sep = plus ? "+" : "-";
  const candidate = digits.length === 12 ? `${digits.slice(0, 8)}${sep}${digits.slice(8)}` : `${digits.slice(0, 6)}${sep}${digits.slice(6)}`;
  if (!Personnummer.valid(candidate) && !coordinationRanges(digits.length === 12 ? digits.slice(2) : digits)) return null;
  const whole = a === 0 && b === chain.length - 1;
  const glued = chain[a]!.glued || chain[b]!.glued;
  return { pin: { start, end, value: candidate, confidence: whole && !glued ? 0.95 : 0.75 }, b };
}

/**
 * Samordningsnummer (day + 60) whose birth month or day is unknown carry 00
 * as month or 60 as day, and Skatteverket's official test set also holds
 * coordination numbers on impossible dates; the package rejects those. For
 * coordination numbers we therefore check ranges (month 00–12, day 60–91)
 * after the Luhn check.
 */
function coordinationRanges(d: string): boolean {
  const month = Number(d.slice(2, 4));
  const day = Number(d.slice(4, 6));
  return month >= 0 && month <= 12 && day >= 60 && day <= 91;
}

/** Luhn check over the 10 digits YYMMDDNNNC (the personnummer check digit rule). */
function luhnOk(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let v = (d.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return sum % 10 === 0;
}

export interface PinHit {
  start: number;
  end: number;
  /** The number as parsed (digits with separator), for tests. */
  value: string;
  confidence: number;
}

/** Find valid personnummer/samordningsnummer in any written form (exported for the recall test). */
export function findPersonnummer(text: string): PinHit[] {
  const out: PinHit[] = [];
  for (const chain of digitChains(text)) {
    let total = 0;
    for (const g of chain) total += g.digits.length;
    if (total < 10) continue;
    for (let a = 0; a < chain.length; a++) {
      // Candidate windows starting at group a: 12 digits (with century) before 10.
      const windows: { b: number; digits: string; plus: boolean }[] = [];
      let digits = "";
      let plus = false;
      for (let b = a; b < chain.length; b++) {
        const g = chain[b]!;
        if (b > a && g.sep.includes("+")) plus = true;
        digits += g.digits;
        if (digits.length > 12) break;
        if (digits.length === 10 || digits.length === 12) windows.push({ b, digits, plus });
      }
      windows.sort((x, y) => y.digits.length - x.digits.length);
      const hit = windows.map((w) => checkWindow(text, chain, a, w)).find((h) => h !== null);
      if (hit) {
        out.push(hit.pin);
        a = hit.b; // continue after this number
      }
    }
  }
  return out;
}

// Word boundaries as Unicode lookarounds: JavaScript's \b treats å, ä, ö as non-letters.
const PERSONAL_PHONE_CONTEXT = /(?<![\p{L}\d])(?:mitt|hans|hennes|deras|privat\p{L}*|hem\p{L}*|ring (?:mig|honom|henne)|sms:?a (?:mig|honom|henne)|mobil\p{L}*|nummer till (?:honom|henne))(?![\p{L}\d])/iu;
const ROLE_MAILBOX = /^(?:info|kontakt|kontakta|support|kundtjanst|kundtjänst|noreply|no-reply|order|sales|hej|hello|admin|office|post|mail|registrator|kommun|ekonomi|faktura|bokning)[@.]/iu;
const ADDRESS_RE =
  /(?<![\p{L}\d])\p{Lu}\p{Ll}+(?:gatan|vägen|gränd|gränden|stigen|backen|torget|platsen|allén|leden|liden|gången|slingan|svängen|kroken|bågen|torg|väg|gata|stig) \d{1,4}(?: ?[A-Za-z])?(?![\p{L}\d])/gu;
// Words that make a street address someone's home.
const RESIDENCE_WORDS = new Set(["bor", "bodde", "bosatt", "hemadress", "hemadressen", "lägenhet", "lägenheten", "lgh", "portkod", "portkoden", "bostad", "hemma", "villa", "villan", "radhus", "radhuset"]);
const PORTCODE_RE = /(?<![\p{L}\d])portkod\p{L}* ?(?:är|:)? ?\d{3,6}(?![\p{L}\d])/giu;
// Phone types that are not a private person's line: service, toll-free and premium numbers.
const PRIVATE_TYPES = new Set(["MOBILE", "FIXED_LINE", "FIXED_LINE_OR_MOBILE", "PERSONAL_NUMBER", "VOIP"]);

/** Digit chains of 7–13 digits, parsed as Swedish numbers (cheaper than scanning with the library's matcher). */
export function findPhones(ctx: AnalysisContext): { start: number; end: number; e164: string; type: string | undefined }[] {
  if (ctx.norm.digits < 7) return [];
  const out: { start: number; end: number; e164: string; type: string | undefined }[] = [];
  const t = ctx.text;
  for (const chain of digitChains(t)) {
    let total = 0;
    for (const g of chain) total += g.digits.length;
    if (total < 7 || total > 15) continue;
    let start = chain[0]!.start;
    if (start > 0 && (t[start - 1] === "+" || (t[start - 1] === "(" && t[start - 2] === "+"))) start -= t[start - 1] === "+" ? 1 : 2;
    const end = chain[chain.length - 1]!.end;
    const p = parsePhoneNumberFromString(t.slice(start, end), "SE");
    if (!p || !p.isValid()) continue;
    out.push({ start, end, e164: p.number, type: p.getType() });
    if (out.length >= 50) break;
  }
  return out;
}

/** Is this a business comment (an ad, a claim about the city's contacts)? Then contact details are not private. */
function businessContext(ctx: AnalysisContext): boolean {
  return ctx.phrases("commercial").length > 0 || ctx.phrases("misleading").length > 0 || /\d ?(?:kr|:-|sek)(?![\p{L}])/u.test(ctx.norm.text);
}

function phones(ctx: AnalysisContext, taken: readonly { start: number; end: number }[]): Candidate[] {
  const out: Candidate[] = [];
  let business: boolean | null = null;
  for (const m of findPhones(ctx)) {
    if (taken.some((t) => m.start < t.end && m.end > t.start)) continue;
    if (ctx.org.phones.has(m.e164)) continue;
    if (m.type !== undefined && !PRIVATE_TYPES.has(m.type)) continue;
    const before = ctx.text.slice(Math.max(0, m.start - 40), m.start);
    const personal = PERSONAL_PHONE_CONTEXT.test(before);
    business ??= businessContext(ctx);
    if (business && !personal) continue;
    const conf = m.type === "MOBILE" ? 0.75 : personal ? 0.65 : 0.35;
    out.push({ ruleId: "personal_data.phone", start: m.start, end: m.end, confidence: conf });
  }
  return out;
}

function emails(ctx: AnalysisContext): Candidate[] {
  const out: Candidate[] = [];
  let business: boolean | null = null;
  for (const u of ctx.urls()) {
    if (!u.email) continue;
    const addr = ctx.text.slice(u.start, u.end).toLowerCase();
    if (ctx.org.emails.has(addr) || ctx.org.domains.has(u.domain)) continue;
    if (ROLE_MAILBOX.test(addr)) continue;
    // An address wearing the city's name is a misleading one, not a private person's.
    const local = asciiFold(addr.split("@")[0] ?? "");
    if (ctx.org.nameWords.some((w) => local.includes(w)) || ctx.org.labels.some((l) => local.includes(l))) continue;
    const free = ctx.lex.domains.freemail.has(u.domain);
    const nameLike = /^[\p{L}]+[._-][\p{L}]+@/u.test(addr);
    let conf = free ? (nameLike ? 0.8 : 0.7) : nameLike ? 0.55 : 0.35;
    business ??= businessContext(ctx);
    if (business) conf -= 0.3;
    out.push({ ruleId: "personal_data.email", start: u.start, end: u.end, confidence: conf });
  }
  return out;
}

function addresses(ctx: AnalysisContext): Candidate[] {
  const out: Candidate[] = [];
  const t = ctx.text;
  // A house number glued to a letter ("7B") reads as leetspeak in the normalised text: look at the original.
  if (ctx.norm.digits === 0 && !/\d/u.test(t)) return out;
  if (!ctx.tokens.words.some((w) => RESIDENCE_WORDS.has(w) || w.startsWith("portkod"))) return out;
  for (const re of [ADDRESS_RE, PORTCODE_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      if (re === ADDRESS_RE) {
        const k = ctx.sentenceAt(ctx.normIndex(m.index));
        const nearby = ctx.tokens.words.some((w, i) => ctx.tokens.sent[i] === k && RESIDENCE_WORDS.has(w));
        if (!nearby) continue;
        // One's own address ("vi bor på …", "min adress") is self-disclosure, not someone else's data.
        const own = ctx.tokens.words.some((w, i) => ctx.tokens.sent[i] === k && (w === "jag" || w === "vi" || w === "min" || w === "vår" || w === "mitt" || w === "vårt"));
        if (own) continue;
      }
      out.push({ ruleId: re === ADDRESS_RE ? "personal_data.address" : "personal_data.door-code", start: m.index, end: m.index + m[0].length, confidence: 0.75 });
      if (out.length > 20) return out;
    }
  }
  return out;
}

const PRONOUN_SUBJECT = new Set(["jag", "han", "hon", "hen", "vi", "de", "dom", "du", "ni", "man", "det", "den", "som", "min", "mitt", "mina", "hans", "hennes", "deras", "er", "vår"]);
const NON_NAMES = new Set([
  "jag", "det", "den", "han", "hon", "hen", "vi", "de", "dom", "du", "ni", "man", "min", "mitt", "mina", "vår", "och", "men", "om", "när", "sen", "så", "nu",
  "hej", "tack", "varför", "vad", "hur", "kommunen", "staden", "polisen", "soc", "socialtjänsten", "är", "var", "vet", "kan", "har", "familjen", "obs", "nytt",
]);
const ROLE_WORD = /^(?:kommunalråd|ordförande|rektor|chef|politiker|handläggare|socialsekreterare|kommundirektör|borgmästare|tjänsteman|förvaltningschef|nämndordförande|badvakt|vaktmästare|lärare|fröken)/u;

/** Capitalised words in the original text that look like names (not function words). */
function capitalised(ctx: AnalysisContext): boolean[] {
  const memo = capMemo.get(ctx);
  if (memo) return memo;
  const out: boolean[] = [];
  for (let k = 0; k < ctx.tokens.count; k++) {
    const o = ctx.norm.start[ctx.tokens.s[k]!]!;
    const ch = ctx.text[o] ?? "";
    const word = ctx.tokens.words[k]!;
    out.push(ch !== ch.toLowerCase() && word.length >= 2 && !NON_NAMES.has(word));
  }
  capMemo.set(ctx, out);
  return out;
}
const capMemo = new WeakMap<AnalysisContext, boolean[]>();

/** Is there a named or pointed-out person before normalised offset `s` in its sentence? */
export function namedSubjectBefore(ctx: AnalysisContext, s: number): boolean {
  const caps = capitalised(ctx);
  const sent = ctx.sentenceAt(s);
  const groupToks = new Set(ctx.hits.filter((h) => h.entry.kind === "group" || h.entry.kind === "hate").map((h) => h.tok));
  for (let k = 0; k < ctx.tokens.count && ctx.tokens.s[k]! < s; k++) {
    if (ctx.tokens.sent[k] !== sent) continue;
    const w = ctx.tokens.words[k]!;
    if (w === "han" || w === "hon" || w === "hen" || ROLE_WORD.test(w)) return true;
    if (!caps[k] || groupToks.has(k)) continue;
    // A capitalised word counts as a name unless it only starts the sentence.
    const initial = k === 0 || ctx.tokens.sent[k - 1] !== sent;
    if (!initial || (k + 1 < ctx.tokens.count && caps[k + 1] && ctx.tokens.sent[k + 1] === sent)) return true;
  }
  return false;
}

/**
 * Sensitive data (health, criminal record, social services, identity) about an
 * identified person: a name ("Anna Svensson", "Sofia i föräldrarådet"), an
 * @handle or a home address in the comment. Self-disclosure ("jag har ADHD")
 * and unnamed people ("min granne") are not hits. Memoised per comment.
 */
export function identifiedSensitive(ctx: AnalysisContext): Candidate[] {
  const memo = sensMemo.get(ctx);
  if (memo) return memo;
  const out: Candidate[] = [];
  sensMemo.set(ctx, out);
  const matches = ctx.phrases("personal_data");
  if (matches.length === 0) return out;
  const caps = capitalised(ctx);
  const hasHandle = /@[\p{L}\d_.]{3,}/u.test(ctx.text) && !ctx.urls().some((u) => u.email);
  const hasAddress = addressesMemo(ctx).length > 0;
  for (const m of matches) {
    if (isMention(ctx, m.s, m.e, CUE_REPORT)) continue;
    let k = 0;
    while (k < ctx.tokens.count && ctx.tokens.e[k]! <= m.s) k++;
    const subj = k - 1;
    const subjWord = subj >= 0 ? ctx.tokens.words[subj]! : "";
    if (subjWord === "jag" || subjWord === "vi" || ctx.tokens.words[k] === "jag") continue; // self-disclosure
    const sent = m.sentence;
    let fullName = false;
    let singleName = false;
    for (let q = 0; q < ctx.tokens.count; q++) {
      if (!caps[q]) continue;
      if (q + 1 < ctx.tokens.count && caps[q + 1] && ctx.tokens.sent[q + 1] === ctx.tokens.sent[q]) fullName = true;
      const initial = q === 0 || ctx.tokens.sent[q - 1] !== ctx.tokens.sent[q];
      if (ctx.tokens.sent[q] === sent && !initial) singleName = true;
    }
    const namedSubject = subj >= 0 && caps[subj] === true && !PRONOUN_SUBJECT.has(subjWord);
    const { start, end } = ctx.span(namedSubject ? ctx.tokens.s[subj]! : m.s, m.e);
    let conf = 0;
    if (namedSubject || fullName) conf = m.rule.conf;
    else if (hasHandle || hasAddress) conf = m.rule.conf - 0.05;
    else if (singleName) conf = m.rule.conf - 0.1;
    if (conf > 0) out.push({ ruleId: m.rule.id, start, end, confidence: conf, legalBasis: "bbs-5" });
  }
  return out;
}
const sensMemo = new WeakMap<AnalysisContext, Candidate[]>();
const addrMemo = new WeakMap<AnalysisContext, Candidate[]>();
function addressesMemo(ctx: AnalysisContext): Candidate[] {
  let a = addrMemo.get(ctx);
  if (!a) {
    a = addresses(ctx);
    addrMemo.set(ctx, a);
  }
  return a;
}

export const personalDataPhase: Phase = {
  id: "personal_data",
  version: "1.1.0",
  category: "personal_data",
  run(ctx) {
    const out: Candidate[] = [];
    if (ctx.norm.digits >= 10) {
      for (const p of findPersonnummer(ctx.text)) out.push({ ruleId: "personal_data.personnummer", start: p.start, end: p.end, confidence: p.confidence });
    }
    if (ctx.norm.digits >= 9) for (const p of findInterimNumbers(ctx.text)) out.push({ ruleId: "personal_data.interim-number", start: p.start, end: p.end, confidence: 0.9 });
    out.push(...phones(ctx, out));
    out.push(...emails(ctx));
    out.push(...addressesMemo(ctx));
    out.push(...identifiedSensitive(ctx));
    return out;
  },
};
