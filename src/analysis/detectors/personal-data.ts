// personal_data: personnummer and samordningsnummer in every written form,
// a private person's phone number, e-mail or home address, and sensitive data
// (health, criminal record, social services, identity) about an identified
// person. Hidden at once pending review: the harm happens on display.
import { createRequire } from "node:module";
import { findPhoneNumbersInText } from "libphonenumber-js/max";
import type PersonnummerClass from "personnummer";
import type { AnalysisContext, Candidate } from "../context.ts";
import { CUE_REPORT } from "../context.ts";
import type { Phase } from "./shared.ts";
import { phraseCandidates } from "./shared.ts";

// `personnummer` ships CommonJS whose types declare a default export; loading
// it through require gives the class itself under both module systems.
const require = createRequire(import.meta.url);
const Personnummer = require("personnummer") as typeof PersonnummerClass.default;

const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
const digitOf = (c: number): string => String.fromCharCode(c >= 0xff10 ? c - 0xff10 + 0x30 : c);
const isSepChar = (c: number): boolean => c === 0x20 || c === 0xa0 || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x2013 || c === 0x2212;
const isWordChar = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c > 0xbf || c === 0x2f || c === 0x5f;

interface Group {
  start: number;
  end: number;
  digits: string;
  /** Separator text before this group (empty for the first). */
  sep: string;
}

// Words that introduce other numbers: organisation, invoice, case and account numbers.
const OTHER_NUMBER_RE =
  /(?:org\.?\s?nr|organisationsnr|organisationsnummer|orgnr|faktura\w*|ocr|kundnr|kundnummer|order\w*|ärende\w*|diarie\w*|dnr|referens\w*|ref\.?|bankgiro|bg|plusgiro|pg|konto\w*|clearing\w*|iban|momsnr|vat|artikel\w*|serienummer|lägenhetsnummer|objektnummer|avi\w*)[\s.:#-]*$/iu;
const PHONE_CONTEXT_RE = /(?:tel|telefon\w*|ring\w*|mobil\w*|nummer|nr|sms\w*|nås på|fax|växel\w*)[\s.:]*$/iu;
const PNR_CONTEXT_RE = /(?:person\s?n(?:umme)?r|pnr|p-nr|samordningsnummer|född)[\s.:]*$/iu;

/** Chains of digit groups separated by at most one -, + or . and spaces ("19 90 01 01 - 0017", "8 5 0 7 …"). */
function digitChains(text: string): Group[][] {
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
    // A digit run glued to a letter ("A123", "123abc") is a code, not a number.
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
    const group: Group = { start: i, end: j, digits, sep };
    const joins = chain.length > 0 && !gluedBefore && validSeparator(group.sep);
    if (!joins) {
      if (chain.length) chains.push(chain);
      chain = [];
      group.sep = "";
    }
    if (gluedBefore) {
      i = j;
      continue;
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
      let digits = "";
      let plus = false;
      for (let b = a; b < chain.length; b++) {
        const g = chain[b]!;
        if (b > a && g.sep.includes("+")) plus = true;
        digits += g.digits;
        if (digits.length > 12) break;
        if (digits.length !== 10 && digits.length !== 12) continue;
        const start = chain[a]!.start;
        const end = g.end;
        const before = text.slice(Math.max(0, start - 30), start);
        if (OTHER_NUMBER_RE.test(before)) continue;
        // Phone-style grouping (070-123 45 67, 0520-49 50 00) or a phone cue: a phone number.
        const groupLens = chain.slice(a, b + 1).map((x) => x.digits.length);
        const phoneShape = digits[0] === "0" && digits.length === 10 && (groupLens[0] === 3 || groupLens[0] === 4 || (groupLens.length === 1 && PHONE_CONTEXT_RE.test(before)));
        if (phoneShape && !PNR_CONTEXT_RE.test(before)) continue;
        // Cheap Luhn check first: the package reports invalid numbers by throwing, which is slow.
        if (!luhnOk(digits.length === 12 ? digits.slice(2) : digits)) continue;
        const sep = plus ? "+" : "-";
        const candidate = digits.length === 12 ? `${digits.slice(0, 8)}${sep}${digits.slice(8)}` : `${digits.slice(0, 6)}${sep}${digits.slice(6)}`;
        if (!Personnummer.valid(candidate)) continue;
        const whole = a === 0 && b === chain.length - 1;
        out.push({ start, end, value: candidate, confidence: whole ? 0.95 : 0.75 });
        a = b; // continue after this number
        break;
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
const RESIDENCE_CONTEXT = /(?<![\p{L}\d])(?:bor|bodde|bosatt|hemadress\p{L}*|adress\p{L}*|lägenhet\p{L}*|lgh|portkod\p{L}*|hemma hos|flyttat till|bostad)(?![\p{L}\d])/iu;
const PORTCODE_RE = /(?<![\p{L}\d])portkod\p{L}* ?(?:är|:)? ?\d{3,6}(?![\p{L}\d])/giu;

function phones(ctx: AnalysisContext, taken: readonly { start: number; end: number }[], business: boolean): Candidate[] {
  if (ctx.norm.digits < 7) return [];
  const out: Candidate[] = [];
  for (const m of findPhoneNumbersInText(ctx.text, "SE")) {
    if (taken.some((t) => m.startsAt < t.end && m.endsAt > t.start)) continue;
    if (ctx.org.phones.has(m.number.number)) continue;
    const type = m.number.getType();
    if (type !== "MOBILE" && type !== "FIXED_LINE" && type !== "FIXED_LINE_OR_MOBILE" && type !== undefined) continue;
    const before = ctx.text.slice(Math.max(0, m.startsAt - 40), m.startsAt);
    const personal = PERSONAL_PHONE_CONTEXT.test(before);
    if (business && !personal) continue;
    const conf = type === "MOBILE" ? 0.75 : personal ? 0.65 : 0.35;
    out.push({ ruleId: "personal_data.phone", start: m.startsAt, end: m.endsAt, confidence: conf });
  }
  return out;
}

function emails(ctx: AnalysisContext, business: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const u of ctx.urls()) {
    if (!u.email) continue;
    const addr = ctx.text.slice(u.start, u.end).toLowerCase();
    if (ctx.org.emails.has(addr) || ctx.org.domains.has(u.domain)) continue;
    if (ROLE_MAILBOX.test(addr)) continue;
    const free = ctx.lex.domains.freemail.has(u.domain);
    const nameLike = /^[\p{L}]+[._-][\p{L}]+@/u.test(addr);
    let conf = free ? (nameLike ? 0.8 : 0.7) : nameLike ? 0.55 : 0.35;
    if (business) conf -= 0.3;
    out.push({ ruleId: "personal_data.email", start: u.start, end: u.end, confidence: conf });
  }
  return out;
}

function addresses(ctx: AnalysisContext): Candidate[] {
  const out: Candidate[] = [];
  const t = ctx.text;
  if (ctx.norm.digits === 0) return out;
  for (const re of [ADDRESS_RE, PORTCODE_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const around = t.slice(Math.max(0, m.index - 60), Math.min(t.length, m.index + m[0].length + 30));
      if (re === ADDRESS_RE && !RESIDENCE_CONTEXT.test(around)) continue;
      out.push({ ruleId: re === ADDRESS_RE ? "personal_data.address" : "personal_data.door-code", start: m.index, end: m.index + m[0].length, confidence: 0.75 });
      if (out.length > 20) return out;
    }
  }
  return out;
}

const PRONOUN_SUBJECT = new Set(["jag", "han", "hon", "hen", "vi", "de", "dom", "du", "ni", "man", "det", "den", "som", "min", "mitt", "mina", "hans", "hennes", "deras", "er", "vår"]);
const NON_NAMES = new Set(["jag", "det", "den", "han", "hon", "hen", "vi", "de", "dom", "du", "ni", "man", "min", "mitt", "mina", "vår", "och", "men", "om", "när", "sen", "så", "nu", "hej", "tack", "varför", "vad", "hur", "kommunen", "staden", "polisen", "soc", "socialtjänsten"]);

/** Name-like: a capitalised word (original text) that is not a sentence-initial function word. */
function capitalisedTokens(ctx: AnalysisContext): boolean[] {
  const out: boolean[] = [];
  for (let k = 0; k < ctx.tokens.count; k++) {
    const o = ctx.norm.start[ctx.tokens.s[k]!]!;
    const ch = ctx.text[o] ?? "";
    const word = ctx.tokens.words[k]!;
    out.push(ch !== ch.toLowerCase() && word.length >= 2 && !NON_NAMES.has(word));
  }
  return out;
}

/** Does the comment identify a person: "Anna Svensson", "@anna", or a capitalised subject right before the sensitive predicate? */
function sensitive(ctx: AnalysisContext, hasAddress: boolean): Candidate[] {
  const matches = phraseCandidates(ctx, "personal_data", { mentionMask: CUE_REPORT });
  if (matches.length === 0) return [];
  const caps = capitalisedTokens(ctx);
  let fullName = /@[\p{L}\d_.]{3,}/u.test(ctx.text) || hasAddress;
  for (let k = 0; k + 1 < ctx.tokens.count && !fullName; k++) {
    if (caps[k] && caps[k + 1] && ctx.tokens.sent[k] === ctx.tokens.sent[k + 1]) fullName = true;
  }
  const out: Candidate[] = [];
  for (const m of ctx.phrases("personal_data")) {
    const cand = matches.find((c) => c.ruleId === m.rule.id && c.start === ctx.span(m.s, m.e).start);
    if (!cand) continue;
    // The subject: the token just before the match (or the match's first token for "som är …").
    let k = 0;
    while (k < ctx.tokens.count && ctx.tokens.e[k]! <= m.s) k++;
    const subj = k - 1;
    const subjWord = subj >= 0 ? ctx.tokens.words[subj]! : "";
    const namedSubject = subj >= 0 && caps[subj] === true && !PRONOUN_SUBJECT.has(subjWord);
    const thirdPerson = subjWord === "han" || subjWord === "hon" || subjWord === "hen" || ctx.tokens.words[k] === "han" || ctx.tokens.words[k] === "hon";
    if (subjWord === "jag" || subjWord === "vi" || ctx.tokens.words[k] === "jag") continue; // self-disclosure
    if (namedSubject) out.push({ ...cand, start: ctx.span(ctx.tokens.s[subj]!, m.e).start, confidence: cand.confidence, legalBasis: "bbs-5" });
    else if (fullName && (thirdPerson || m.rule.id !== "personal_data.identity")) out.push({ ...cand, confidence: cand.confidence - 0.05, legalBasis: "bbs-5" });
  }
  return out;
}

export const personalDataPhase: Phase = {
  id: "personal_data",
  version: "1.0.0",
  category: "personal_data",
  run(ctx) {
    const out: Candidate[] = [];
    if (ctx.norm.digits >= 10) {
      for (const p of findPersonnummer(ctx.text)) out.push({ ruleId: "personal_data.personnummer", start: p.start, end: p.end, confidence: p.confidence });
    }
    // Contact details in an ad or in a "this is the city's number" claim belong to other categories.
    const business = ctx.phrases("commercial").length > 0 || ctx.phrases("misleading").length > 0;
    out.push(...phones(ctx, out, business));
    out.push(...emails(ctx, business));
    const addr = addresses(ctx);
    out.push(...addr);
    out.push(...sensitive(ctx, addr.length > 0));
    return out;
  },
};
