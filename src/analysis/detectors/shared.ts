// Helpers shared by the detector phases: severity → confidence, "mention is
// not use" checks, person frames around a lexicon hit, phrase → candidate.
import type { AnalysisContext, Candidate, PhraseMatch } from "../context.ts";
import { CUE_COUNTER, CUE_META, CUE_QUOTE, CUE_REPORT } from "../context.ts";
import type { LexHit } from "../text/matcher.ts";
import type { CategoryId } from "../types.ts";

/** The detector contract: one phase per file, listed in order in phases.ts. */
export interface Phase {
  id: string;
  /** Bumped whenever the phase's logic or its lexicon changes meaning. */
  version: string;
  category: CategoryId;
  run(ctx: AnalysisContext): Candidate[];
}

const NO_LETTER_BEFORE = /(?<![\p{L}])/yu;

/**
 * A cue test: `new RegExp(`${pre}|(?<![\p{L}])(?:${words})(?![\p{L}])`, "u").test(text)`,
 * the same answer two to three times faster. V8 cannot skip ahead in a
 * regex that opens with a lookbehind, so it runs the whole alternation at
 * every position; without the lookbehind it finds candidates quickly, and
 * the lookbehind is checked at each candidate. (At a candidate the original
 * tries `pre` first too, so a `pre` match there is a match of both.)
 */
export function cueTest(words: string, pre?: string): (text: string) => boolean {
  const scan = new RegExp(pre ? `(${pre})|(?:${words})(?![\\p{L}])` : `(?:${words})(?![\\p{L}])`, "gu");
  return (text) => {
    scan.lastIndex = 0;
    for (let m = scan.exec(text); m; m = scan.exec(text)) {
      if (pre && m[1] !== undefined) return true;
      NO_LETTER_BEFORE.lastIndex = m.index;
      if (NO_LETTER_BEFORE.test(text)) return true;
      scan.lastIndex = m.index + 1;
    }
    return false;
  };
}

export function severityConfidence(severity: number): number {
  return severity >= 4 ? 0.95 : severity === 3 ? 0.9 : severity === 2 ? 0.8 : 0.55;
}

export const MENTION_CUES = CUE_REPORT | CUE_COUNTER | CUE_META;

/**
 * Mention, not use: the words sit in a sentence that reports, condemns or
 * discusses them, or inside quotation marks in a comment that does.
 */
export function isMention(ctx: AnalysisContext, s: number, e: number, mask = MENTION_CUES): boolean {
  if (ctx.cues(ctx.sentenceAt(s)) & mask) return true;
  return ctx.quoted(s, e) && (ctx.commentCues() & (mask | CUE_QUOTE)) !== 0;
}

/** Up to `n` token strings before token `tok` in the same sentence, nearest first. */
export function wordsBefore(ctx: AnalysisContext, tok: number, n: number): string[] {
  const out: string[] = [];
  const sent = ctx.tokens.sent[tok];
  for (let k = tok - 1; k >= 0 && out.length < n && ctx.tokens.sent[k] === sent; k--) out.push(ctx.tokens.words[k]!);
  return out;
}

export function wordsAfter(ctx: AnalysisContext, tok: number, n: number): string[] {
  const out: string[] = [];
  const sent = ctx.tokens.sent[tok];
  for (let k = tok + 1; k < ctx.tokens.count && out.length < n && ctx.tokens.sent[k] === sent; k++) out.push(ctx.tokens.words[k]!);
  return out;
}

// English forms too: comments mix languages ("you are such a moron", "din fuckin clown").
const SECOND_PERSON = new Set(["du", "ni", "din", "ditt", "dina", "er", "ert", "era", "dig", "dej", "u", "you", "your", "ur", "youre"]);
const INTENSIFIERS = new Set([
  "jävla", "djävla", "javla", "förbannade", "satans", "fucking", "dumma", "äckliga", "fula", "feta", "lilla", "store", "stora", "gamla",
  "sjuka", "störda", "korkade", "efterblivna", "patetiska", "värdelösa", "jäkla", "helvetes", "skit", "jävel", "så", "sån", "sådan",
  "en", "ett", "riktig", "riktigt", "total", "totalt", "komplett", "himla", "jävligt", "fet", "stor", "liten", "ful", "dum", "äcklig",
  "helt", "fullständigt", "jätte", "otroligt", "väldigt", "lite", "rätt", "ganska", "sjukt", "lat", "ynklig", "lögnaktig", "liten",
  "gammal", "gamla", "fet", "tjock", "tjocka", "äckliga", "jävla", "fucking",
  "fuckin", "fkn", "such", "a", "an", "the", "total", "complete", "big", "stupid", "little", "damn",
]);
// "Du låter som en idiot", "ni beter er som clowner": a comparison aimed at the addressee.
const LIKE_VERBS = new Set(["låter", "verkar", "pratar", "skriver", "beter", "luktar", "ut", "ser", "känns", "agerar", "framstår", "uppför", "sound", "look", "act"]);
const COPULA = new Set(["är", "e", "var", "blir", "blev", "are", "r", "is", "was"]);

const NEGATION = new Set(["inte", "aldrig", "ingen", "inget", "inga", "knappast", "ej", "not", "never"]);
const SELF = new Set(["jag", "mig", "mej", "själv", "ja"]);
const GENERIC = new Set(["alla", "de", "dom", "folk", "den", "man", "dem", "många", "vissa", "några"]);

export interface Frame {
  /** 0 = no frame, 1 = weak (bare exclamation / 3rd person), 2 = strong (2nd person or vocative). */
  strength: 0 | 1 | 2;
  /** The words describe the speaker ("jag känner mig som en idiot"). */
  self: boolean;
}

/**
 * Is a noun/adjective hit aimed at a person? "du är en X", "din X", "ditt
 * jävla X", "X!", "han är en X", "rektorn är en inkompetent X", "vilken X".
 * Looks back over intensifiers and up to two adjectives.
 */
export function personFrame(ctx: AnalysisContext, tok: number): Frame {
  const before = wordsBefore(ctx, tok, 7);
  let i = 0;
  while (i < before.length && INTENSIFIERS.has(before[i]!)) i++;
  const w1 = before[i];
  if (before.slice(0, i + 3).some((w) => SELF.has(w))) return { strength: 0, self: true };
  // "Jonas är ingen idiot", "var inte så dum": a negated predicate calls nobody anything.
  if (w1 && NEGATION.has(w1)) return { strength: 0, self: false };
  // "Vilken klant jag är": the speaker about themself.
  const after = wordsAfter(ctx, tok, 3);
  const copula = (w: string | undefined): boolean => w === "är" || w === "var" || w === "blir" || w === "blev";
  if ((after[0] === "jag" && copula(after[1])) || (after[0] === "som" && after[1] === "jag" && copula(after[2]))) return { strength: 0, self: true };
  if (w1 && SECOND_PERSON.has(w1)) return { strength: 2, self: false };
  if (w1 === "vilken" || w1 === "vilket" || w1 === "vilka" || w1 === "era" || w1 === "sådana" || w1 === "såna") return { strength: 2, self: false };
  // A copula within five words, with only articles, intensifiers or up to two adjectives between.
  let j = -1;
  let skipped = 0;
  for (let k = 0; k < Math.min(before.length, 6); k++) {
    const w = before[k]!;
    if (COPULA.has(w)) {
      j = k;
      break;
    }
    if (NEGATION.has(w) || w === "som") break;
    if (!INTENSIFIERS.has(w) && ++skipped > 2) break;
  }
  if (j >= 0) {
    // "Alla som betalar skatt är idioter": a generic relative clause, nobody in particular.
    const rel = before.indexOf("som", j + 1);
    if (rel > j && rel <= j + 5 && GENERIC.has(before[rel + 1] ?? "")) return { strength: 0, self: false };
    const subj = before[j + 1];
    const subj2 = before[j + 2];
    if (subj && SECOND_PERSON.has(subj)) return { strength: 2, self: false };
    if (subj && SELF.has(subj)) return { strength: 0, self: true };
    if (subj && THING_SUBJECT.test(subj)) return { strength: 0, self: false };
    // "Homosexuella är äckliga": a group as subject is group derogation (hate), not a personal insult.
    const subjTok = tok - 1 - (j + 1);
    if (subj && ctx.hits.some((h) => h.tok === subjTok && (h.entry.kind === "group" || h.entry.kind === "hate"))) return { strength: 0, self: false };
    if (subj === "det" && subj2 && SECOND_PERSON.has(subj2)) return { strength: 2, self: false };
    if (subj) return { strength: 1, self: false };
  }
  if (w1 === "som" && before[i + 1] && SECOND_PERSON.has(before[i + 1]!)) return { strength: 2, self: false };
  if (w1 === "som" && LIKE_VERBS.has(before[i + 1] ?? "") && before.slice(i + 2, i + 6).some((w) => SECOND_PERSON.has(w))) return { strength: 2, self: false };
  // A bare abusive noun as the whole sentence, or after an intensifier ("jävla idiot!").
  const sent = ctx.tokens.sent[tok];
  const alone = !w1 && (tok + 1 >= ctx.tokens.count || ctx.tokens.sent[tok + 1] !== sent);
  if (alone || (i > 0 && !w1)) return { strength: 2, self: false };
  if (i > 0 && before[0] !== "en" && before[0] !== "ett") return { strength: 1, self: false };
  return { strength: 0, self: false };
}

/** Subjects that are things: harsh words about decisions and plans are criticism, not insults (RF 1:9). */
export const THING_SUBJECT =
  /^(?:beslut|förslag|idé|ide|politik|plan|regel|regler|system|budget|lösning|upphandling|bygge|projekt|utredning|svar|argument|inlägg|kommentar|artikel|sida|hemsida|app|skylt|väg|gata|trafik|parkering|prioritering|satsning|nedläggning|ombyggnad|hantering|ledning|styre|nämnd|det|detta|allt|läget|situationen|resultatet|upplägget|schemat|e-tjänst|tjänst)/u;

/** Convert phrase matches of a category to candidates, skipping mentions. */
export function phraseCandidates(
  ctx: AnalysisContext,
  key: string,
  opts: { mentionMask?: number; filter?: (m: PhraseMatch) => boolean } = {},
): Candidate[] {
  const out: Candidate[] = [];
  const mask = opts.mentionMask ?? MENTION_CUES;
  for (const m of ctx.phrases(key)) {
    if (opts.filter && !opts.filter(m)) continue;
    if (mask && isMention(ctx, m.s, m.e, mask)) continue;
    const { start, end } = ctx.span(m.s, m.e);
    out.push({ ruleId: m.rule.id, start, end, confidence: m.rule.conf, ...(m.rule.basis ? { legalBasis: m.rule.basis } : {}) });
  }
  return out;
}

/** Keep, per token, only the hit with the longest stem (so "idiotisk" wins over "idiot"+"isk"). */
export function longestPerToken(hits: readonly LexHit[]): LexHit[] {
  const best = new Map<number, LexHit>();
  for (const h of hits) {
    const cur = best.get(h.tok);
    if (!cur || h.me - h.ms > cur.me - cur.ms) best.set(h.tok, h);
  }
  return [...best.values()];
}

export function hitCandidate(ctx: AnalysisContext, h: LexHit, ruleId: string, confidence: number): Candidate {
  const { start, end } = ctx.span(h.s, h.e);
  return { ruleId, start, end, confidence };
}
