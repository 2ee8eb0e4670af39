// spam: within a comment (word repetition, keyboard gibberish, link,
// hashtag and mention stuffing) and across comments (the same or a
// near-identical text again from one author, or from several authors, within
// the time window; SimHash with an LSH index in spam-history.ts). Short
// greetings never count across comments: many people writing "Grattis!" is
// not spam (`spam.minChars`).
import type { AnalysisContext, Candidate } from "../context.ts";
import type { SpamRules } from "../rules.ts";
import type { SpamHistory } from "../spam-history.ts";
import { simhash } from "../spam-history.ts";
import type { CommentInput } from "../types.ts";
import type { Phase } from "./shared.ts";

const VOWEL = new Set([..."aeiouyåäöé"].map((c) => c.charCodeAt(0)));
const KEYBOARD_RUNS = /(?:qwert|asdf|sdfg|dfgh|fghj|ghjk|hjkl|zxcv|xcvb|cvbn|vbnm|yxcv|wert|ertz|uiop|jkjk|hjhj|lkjh|mnbv|poiu|ölkj|åpoi)/;

function repetition(ctx: AnalysisContext): Candidate | null {
  const n = ctx.tokens.count;
  if (n < 6) return null;
  const counts = new Map<string, number>();
  let max = 0;
  for (const w of ctx.tokens.words) {
    const c = (counts.get(w) ?? 0) + 1;
    counts.set(w, c);
    if (c > max) max = c;
  }
  const distinct = counts.size / n;
  // Real prose of 8+ words has a distinct-word ratio well above 0.4.
  if (distinct < 0.25 || (distinct < 0.4 && max >= 6) || (n < 12 && distinct <= 0.34 && max >= 3)) {
    return { ruleId: "spam.repetition", start: 0, end: ctx.text.length, confidence: distinct < 0.25 ? 0.85 : 0.7 };
  }
  // The same line pasted three or more times (needs two line breaks at least; most comments have none).
  const t = ctx.norm.text;
  const nl = t.indexOf("\n");
  const lines = nl >= 0 && t.indexOf("\n", nl + 1) >= 0 ? t.split("\n").map((l) => l.trim()).filter((l) => l.length >= 10) : [];
  if (lines.length >= 3) {
    const seen = new Map<string, number>();
    for (const l of lines) seen.set(l, (seen.get(l) ?? 0) + 1);
    if (Math.max(...seen.values()) >= 3) return { ruleId: "spam.repeated-lines", start: 0, end: ctx.text.length, confidence: 0.8 };
  }
  return null;
}

// A short digit group pasted over and over ("123123123123…"); bounded: the group is 1–4 digits.
const DIGIT_CYCLE = /(\d{1,4})\1{5,}/;

/** "dddddddddddd", "!!!!!!!!!!!!!!!!": one character flooded; "123123123…": a digit cycle. */
function flood(ctx: AnalysisContext): Candidate | null {
  const t = ctx.text;
  if (ctx.norm.digits >= 12) {
    const m = DIGIT_CYCLE.exec(t.length > 20_000 ? t.slice(0, 20_000) : t);
    if (m && m[0].length >= 18) return { ruleId: "spam.flood", start: m.index, end: m.index + m[0].length, confidence: 0.8 };
  }
  let run = 1;
  for (let i = 1; i < t.length; i++) {
    if (t.charCodeAt(i) === t.charCodeAt(i - 1) && t.charCodeAt(i) !== 0x20) {
      if (++run >= 20) return { ruleId: "spam.flood", start: 0, end: t.length, confidence: 0.8 };
    } else run = 1;
  }
  return null;
}

function gibberish(ctx: AnalysisContext): Candidate | null {
  const n = ctx.tokens.count;
  // Gibberish spam is short; long texts are judged by repetition instead.
  if (n === 0 || n > 30) return null;
  let bad = 0;
  let letters = 0;
  for (const w of ctx.tokens.words) {
    letters += w.length;
    if (w.length < 5) continue;
    // Longest consonant run and whether there is a vowel at all, in one pass.
    let run = 0;
    let longest = 0;
    let vowels = 0;
    for (let i = 0; i < w.length; i++) {
      if (VOWEL.has(w.charCodeAt(i))) {
        vowels++;
        run = 0;
      } else if (++run > longest) longest = run;
    }
    // Swedish compounds reach four consonants in a row ("handskfack" five, rarely); keyboard mashing goes further.
    if (vowels === 0 || (longest >= 3 && KEYBOARD_RUNS.test(w)) || (w.length >= 12 && longest >= 6) || (longest >= 5 && vowels * 4 <= w.length)) bad++;
  }
  if (bad >= 3 || (bad >= 1 && bad / n >= 0.5 && letters >= 8)) {
    return { ruleId: "spam.gibberish", start: 0, end: ctx.text.length, confidence: bad / n >= 0.5 ? 0.8 : 0.6 };
  }
  return null;
}

function stuffing(ctx: AnalysisContext): Candidate | null {
  const urls = ctx.urls().filter((u) => !u.email && !ctx.org.domains.has(u.domain));
  if (urls.length >= 3 || (urls.length >= 2 && ctx.tokens.count < 12)) {
    return { ruleId: "spam.link-stuffing", start: urls[0]!.start, end: urls[urls.length - 1]!.end, confidence: 0.8 };
  }
  const t = ctx.text;
  let tags = 0;
  let mentions = 0;
  for (let i = t.indexOf("#"); i >= 0 && tags < 100; i = t.indexOf("#", i + 1)) if (/\p{L}/u.test(t[i + 1] ?? "")) tags++;
  for (let i = t.indexOf("@"); i >= 0 && mentions < 100; i = t.indexOf("@", i + 1)) if (/\p{L}/u.test(t[i + 1] ?? "") && !/\p{L}/u.test(t[i - 1] ?? "")) mentions++;
  if (tags >= 6) return { ruleId: "spam.hashtag-stuffing", start: t.indexOf("#"), end: t.length, confidence: tags >= 10 ? 0.85 : 0.7 };
  if (mentions >= 8) return { ruleId: "spam.mention-stuffing", start: t.indexOf("@"), end: t.length, confidence: 0.75 };
  return null;
}

/** What the cross-comment check needs from a comment; pure, so it can be cached with the text. */
export interface SpamFingerprint {
  hi: number;
  lo: number;
  /** Letters in words (digits, links and emoji vary between copies of the same spam). */
  letters: number;
  words: number;
  links: number;
}

export function spamFingerprint(ctx: AnalysisContext): SpamFingerprint {
  const words = ctx.tokens.words;
  let letters = 0;
  for (const w of words) letters += w.length;
  const { hi, lo } = words.length >= 3 ? simhash(words.length > 2000 ? words.slice(0, 2000) : words) : { hi: 0, lo: 0 };
  return { hi, lo, letters, words: words.length, links: ctx.urls().length };
}

/**
 * Across comments: the same or a near-identical text again from one author,
 * or from several authors, within the window. Updates the history; the only
 * part of the analysis that depends on earlier comments.
 */
export function crossCommentSpam(
  fp: SpamFingerprint,
  input: Pick<CommentInput, "author" | "at">,
  history: SpamHistory,
  r: SpamRules,
  textLength: number,
): Candidate | null {
  const at = history.timeOf(input.at);
  if (fp.letters < r.minChars || fp.words < 3) return null;
  const author = input.author ?? `anonymous:${history.size}`;
  const m = history.checkAndAdd({ hi: fp.hi, lo: fp.lo, author, at }, r.windowMinutes * 60_000, r.maxHammingDistance);
  if (m.sameAuthor + 1 >= r.sameAuthorRepeats) {
    return { ruleId: "spam.repeat-same-author", start: 0, end: textLength, confidence: 0.85 };
  }
  const needed = fp.links > 0 ? Math.min(r.crossAuthorRepeats, r.crossAuthorRepeatsWithLink) : r.crossAuthorRepeats;
  if (m.otherAuthors + 1 >= needed && (fp.words >= 8 || fp.links > 0)) {
    return { ruleId: "spam.repeat-many-authors", start: 0, end: textLength, confidence: 0.75 };
  }
  return null;
}

export const spamPhase: Phase = {
  id: "spam",
  version: "1.1.0",
  category: "spam",
  run(ctx) {
    const out: Candidate[] = [];
    // Within the comment only; the cross-comment check runs in the analyzer
    // (crossCommentSpam) because it is the one part that depends on history.
    for (const c of [repetition(ctx), flood(ctx), gibberish(ctx), stuffing(ctx)]) if (c && c.end > c.start) out.push(c);
    return out;
  },
};
