// The per-comment analysis context: the text is normalised and tokenised once,
// the lexicon is matched once, and everything more expensive (URLs, phone
// numbers, phrase rules, context cues) is computed lazily, at most once, and
// only when a detector asks. Detectors receive only what they need.
import { parse as parseDomain } from "tldts";
import type { CategoryId, CommentInput, OrgProfile } from "./types.ts";
import type { PageRules } from "./rules.ts";
import type { Lexicon } from "./lexicons/index.ts";
import type { Normalized } from "./text/normalize.ts";
import { normalize, originalSpan } from "./text/normalize.ts";
import type { Tokens } from "./text/tokens.ts";
import { tokenAt, tokenize } from "./text/tokens.ts";
import type { LexEntry, LexHit } from "./text/matcher.ts";
import type { CompiledPhrase } from "./text/phrases.ts";
import { WORD_START } from "./text/phrases.ts";
import { findLinks } from "./text/links.ts";
import type { OrgIdentity } from "./org.ts";
import type { SpamHistory } from "./spam-history.ts";

export interface PhraseMatch {
  rule: CompiledPhrase;
  /** Normalised span. */
  s: number;
  e: number;
  sentence: number;
}

export interface UrlInfo {
  /** Original span. */
  start: number;
  end: number;
  url: string;
  /** Lowercased hostname ("" for e-mail). */
  host: string;
  /** Registrable domain (tldts), lowercased; for e-mail the domain after @. */
  domain: string;
  email: boolean;
}

/** Sentence cue bits (see `cues`). */
export const CUE_REPORT = 1;
export const CUE_COUNTER = 2;
export const CUE_META = 4;
export const CUE_QUESTION = 8;
/** Words that frame a quotation as reported ("står sprejat", "full av", "var är moderatorn"); applies to quoted words only. */
export const CUE_QUOTE = 16;

/** A candidate finding from a detector; the analyzer applies thresholds and actions. */
export interface Candidate {
  ruleId: string;
  /** ORIGINAL offsets. */
  start: number;
  end: number;
  confidence: number;
  legalBasis?: "bbs-5" | "page-rule";
}

const URLISH = /[\p{L}\d]\.\p{L}{2}|@\p{L}|:\/\//u;
const MAX_PHRASE_MATCHES = 32;
const WINDOW = 400;
// Bounds for very long comments (a 1 MB paste): phrase rules look around the
// first MAX_GATE_POS occurrences of their gate word, and at most MAX_HITS
// lexicon hits are kept. One finding per rule is enough to decide; this keeps
// the worst case linear and well under a second.
const MAX_GATE_POS = 256;
const MAX_HITS = 4096;
const MAX_URLS = 1000;

/**
 * Which phrase-rule gates fired in the current comment. Owned by the analyzer
 * and reused for every comment (a generation stamp instead of clearing), so a
 * comment costs no allocation proportional to the number of rules.
 *
 * Positions are kept per gate *word* (matcher entry), not per gate: a common
 * word opens dozens of gates ("på" about 40), and recording every occurrence
 * under each of them was three times the cost of the lexicon match itself.
 * A word stamps its gates only at its first occurrence in a comment; the
 * positions of a gate are assembled from its words when a rule asks.
 */
export class GateState {
  private gen = 0;
  /** Per gate: the comment it last fired in, and the first token where it did. */
  private readonly stamp: Uint32Array;
  private readonly firstTok: Int32Array;
  /** Per gate: the first word (entry slot) that opened it, and whether another word opened it too. */
  private readonly opener: Int32Array;
  private readonly multiStamp: Uint32Array;
  /** Per gate word (entry slot): its token positions in this comment (arrays reused across comments). */
  private readonly wordStamp: Uint32Array;
  private readonly wordPos: (number[] | undefined)[];
  private readonly wordGates: (readonly number[] | undefined)[];
  /** Slots of the gate words seen in this comment, in order of first occurrence. */
  private readonly seenWords: number[] = [];
  /** Merged positions of gates opened by several words, per comment. */
  private readonly merged = new Map<number, number[]>();

  constructor(count: number, wordSlots: number) {
    this.stamp = new Uint32Array(count);
    this.firstTok = new Int32Array(count);
    this.opener = new Int32Array(count);
    this.multiStamp = new Uint32Array(count);
    this.wordStamp = new Uint32Array(wordSlots);
    this.wordPos = new Array<number[] | undefined>(wordSlots);
    this.wordGates = new Array<readonly number[] | undefined>(wordSlots);
  }

  /** Start a comment. */
  begin(): void {
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.multiStamp.fill(0);
      this.wordStamp.fill(0);
      this.gen = 1;
    }
    this.seenWords.length = 0;
    this.merged.clear();
  }

  /** A gate word (matcher entry with gate ids and a slot) at token `tok`. Tokens arrive in increasing order. */
  fire(entry: LexEntry, tok: number): void {
    const slot = entry.gateSlot!;
    const gen = this.gen;
    if (this.wordStamp[slot] === gen) {
      const list = this.wordPos[slot]!;
      if (list.length < MAX_GATE_POS && list[list.length - 1] !== tok) list.push(tok);
      return;
    }
    this.wordStamp[slot] = gen;
    const list = this.wordPos[slot];
    if (list) {
      list.length = 0;
      list.push(tok);
    } else this.wordPos[slot] = [tok];
    const ids = entry.gateIds!;
    this.wordGates[slot] = ids;
    this.seenWords.push(slot);
    for (const id of ids) {
      if (this.stamp[id] !== gen) {
        this.stamp[id] = gen;
        this.firstTok[id] = tok;
        this.opener[id] = slot;
      } else if (this.opener[id] !== slot) this.multiStamp[id] = gen;
    }
  }

  fired(id: number): boolean {
    return this.stamp[id] === this.gen;
  }

  /** Token positions of a gate in increasing order (the first MAX_GATE_POS distinct tokens). */
  positionsOf(id: number): readonly number[] {
    if (this.stamp[id] !== this.gen) return [this.firstTok[id]!];
    if (this.multiStamp[id] !== this.gen) return this.wordPos[this.opener[id]!]!;
    const cached = this.merged.get(id);
    if (cached) return cached;
    // Several words opened it: the sorted union of their positions. Each word
    // kept its first MAX_GATE_POS tokens, so the union's first MAX_GATE_POS are exact.
    const all: number[] = [];
    for (const slot of this.seenWords) if (this.wordGates[slot]!.includes(id)) for (const t of this.wordPos[slot]!) all.push(t);
    all.sort((a, b) => a - b);
    const out: number[] = [];
    for (const t of all) {
      if (out.length >= MAX_GATE_POS) break;
      if (out.length === 0 || out[out.length - 1] !== t) out.push(t);
    }
    this.merged.set(id, out);
    return out;
  }
}

export class AnalysisContext {
  readonly input: CommentInput;
  readonly text: string;
  readonly norm: Normalized;
  readonly tokens: Tokens;
  readonly lex: Lexicon;
  readonly rules: PageRules;
  readonly org: OrgIdentity;
  readonly orgProfile: OrgProfile | undefined;
  readonly history: SpamHistory;
  /** Lexicon hits (gates and innocents excluded). */
  readonly hits: LexHit[];
  private readonly gates: GateState;
  private readonly phraseCache = new Map<string, PhraseMatch[]>();
  private urlCache: UrlInfo[] | null = null;
  private cueCache: Uint8Array | null = null;
  private quoteCache: [number, number][] | null = null;

  constructor(deps: {
    input: CommentInput;
    lex: Lexicon;
    rules: PageRules;
    org: OrgIdentity;
    orgProfile?: OrgProfile;
    history: SpamHistory;
    gates?: GateState;
  }) {
    this.input = deps.input;
    this.text = deps.input.text;
    this.lex = deps.lex;
    this.rules = deps.rules;
    this.org = deps.org;
    this.orgProfile = deps.orgProfile;
    this.history = deps.history;
    this.norm = normalize(this.text);
    this.tokens = tokenize(this.norm);
    this.gates = deps.gates ?? new GateState(deps.lex.gateCount, deps.lex.matcher.gateSlots);
    this.gates.begin();
    const gates = this.gates;
    const all = deps.lex.matcher.matchAll(this.norm, this.tokens, (entry, tok) => gates.fire(entry, tok));
    this.hits = all.length > MAX_HITS ? all.slice(0, MAX_HITS) : all;
  }

  /** First normalised offset whose original start is >= `orig` (binary search). */
  normIndex(orig: number): number {
    const a = this.norm.start;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! < orig) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Original span of a normalised span. */
  span(s: number, e: number): { start: number; end: number } {
    return originalSpan(this.norm, s, e);
  }

  hitsOf(kind: CategoryId | "group" | "curse"): LexHit[] {
    return this.hits.filter((h) => h.entry.kind === kind);
  }

  /**
   * Run a category's phrase rules (memoised). A rule's regex runs only if its
   * gate word occurred; on long texts only in a window around that word.
   */
  phrases(key: string): PhraseMatch[] {
    const cached = this.phraseCache.get(key);
    if (cached) return cached;
    const out: PhraseMatch[] = [];
    const rules = this.lex.phrases.get(key) ?? [];
    const text = this.norm.text;
    const gates = this.gates;
    for (const rule of rules) {
      if (!gates.fired(rule.gateId)) continue;
      let all = true;
      for (const id of rule.requireIds) {
        if (!gates.fired(id)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      if (rule.anchored) {
        this.anchored(rule, gates.positionsOf(rule.anchorId), out);
        continue;
      }
      const pos = gates.positionsOf(rule.gateId);
      const re = rule.re;
      let n = 0;
      // Windows around the gate words (never re-scanning a stretch), or the
      // whole text when it is short. A window starts at a token start so the
      // regex's word-boundary lookbehind sees what it would see in the full text.
      let done = 0;
      for (let w = 0; w < pos.length && n < MAX_PHRASE_MATCHES; w++) {
        let from = 0;
        let to = text.length;
        if (text.length > 2 * WINDOW) {
          const t = pos[w]!;
          from = this.tokens.s[Math.min(tokenAt(this.tokens, Math.max(0, this.tokens.s[t]! - WINDOW)), t)]!;
          if (done > from) from = this.tokens.s[Math.min(tokenAt(this.tokens, done), this.tokens.count - 1)]!;
          to = Math.min(text.length, this.tokens.e[t]! + WINDOW);
          if (from >= to) continue;
        } else if (w > 0) break;
        const chunk = from === 0 && to === text.length ? text : text.slice(from, to);
        re.lastIndex = 0;
        for (let m = re.exec(chunk); m && n < MAX_PHRASE_MATCHES; m = re.exec(chunk)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          const s0 = from + m.index;
          const ti = Math.min(tokenAt(this.tokens, s0), Math.max(0, this.tokens.count - 1));
          out.push({ rule, s: s0, e: s0 + m[0].length, sentence: this.tokens.sent[ti] ?? 0 });
          n++;
        }
        done = to;
      }
    }
    this.phraseCache.set(key, out);
    return out;
  }

  /**
   * Anchored search: try the sticky regex only at word starts up to
   * `maxBefore` words before each occurrence of the gate word, in its
   * sentence. Nothing is scanned that cannot contain the gate.
   */
  private anchored(rule: CompiledPhrase, pos: readonly number[], out: PhraseMatch[]): void {
    const re = rule.sticky!;
    const text = this.norm.text;
    const t = this.tokens;
    let n = 0;
    let next = 0; // first token not yet tried (and after the last match)
    for (const g of pos) {
      const sent = t.sent[g];
      for (let k = Math.max(next, g - rule.maxBefore); k <= g && n < MAX_PHRASE_MATCHES; k++) {
        if (t.sent[k] !== sent) continue;
        // The word-start check of the pattern, hoisted out of the sticky regex (see WORD_START).
        WORD_START.lastIndex = t.s[k]!;
        re.lastIndex = t.s[k]!;
        const m = WORD_START.test(text) ? re.exec(text) : null;
        next = k + 1;
        if (!m || m[0].length === 0) continue;
        out.push({ rule, s: m.index, e: m.index + m[0].length, sentence: sent ?? 0 });
        n++;
        const end = m.index + m[0].length;
        while (next < t.count && t.s[next]! < end) next++;
        break;
      }
      if (n >= MAX_PHRASE_MATCHES) break;
    }
  }

  /** Sentence number of the token at or after a normalised offset. */
  sentenceAt(pos: number): number {
    if (this.tokens.count === 0) return 0;
    const ti = Math.min(tokenAt(this.tokens, pos), this.tokens.count - 1);
    return this.tokens.sent[ti]!;
  }

  /** Cue bits of a sentence: it reports, condemns or talks about words, or asks a question. */
  cues(sentence: number): number {
    if (!this.cueCache) {
      const count = this.tokens.count ? this.tokens.sent[this.tokens.count - 1]! + 1 : 1;
      const c = new Uint8Array(count);
      for (const m of this.phrases("context")) {
        const tags = m.rule.tags;
        const bit = tags.includes("report")
          ? CUE_REPORT
          : tags.includes("counter")
            ? CUE_COUNTER
            : tags.includes("quote")
              ? CUE_QUOTE
              : CUE_META;
        c[m.sentence] = c[m.sentence]! | bit;
      }
      // A sentence that ends in "?" is a question.
      const t = this.norm.text;
      for (let k = 0; k < this.tokens.count; k++) {
        const last = k + 1 === this.tokens.count || this.tokens.sent[k + 1] !== this.tokens.sent[k];
        if (!last) continue;
        let p = this.tokens.e[k]!;
        while (p < t.length && t.charCodeAt(p) !== 0x3f && !/[.!\n]/.test(t[p]!) && p - this.tokens.e[k]! < 8) p++;
        if (t.charCodeAt(p) === 0x3f) c[this.tokens.sent[k]!] = c[this.tokens.sent[k]!]! | CUE_QUESTION;
      }
      this.cueCache = c;
    }
    return this.cueCache[sentence] ?? 0;
  }

  /** Cue bits of the whole comment (OR over sentences). */
  commentCues(): number {
    this.cues(0);
    let all = 0;
    for (const b of this.cueCache!) all |= b;
    return all;
  }

  /** Is the normalised span inside quotation marks ("…", “…”, «…», '…')? */
  quoted(s: number, e: number): boolean {
    if (!this.quoteCache) {
      const q: [number, number][] = [];
      const t = this.norm.text;
      let open = -1;
      let closeCh = "";
      for (let i = 0; i < t.length; i++) {
        const ch = t[i]!;
        if (open < 0) {
          if (ch === '"' || ch === "“" || ch === "”" || ch === "«" || ch === "»" || ch === "„" || ch === "'" || ch === "‘" || ch === "’") {
            // An apostrophe inside a word ("Anna's") is not a quote.
            if ((ch === "'" || ch === "’") && i > 0 && /\p{L}/u.test(t[i - 1]!)) continue;
            open = i;
            closeCh = ch === "“" || ch === "„" ? "”" : ch === "«" ? "»" : ch === "»" ? "«" : ch === "‘" ? "’" : ch;
          }
        } else if (ch === closeCh || (closeCh === "”" && ch === '"') || (closeCh === '"' && ch === "”") || ch === "\n") {
          if (ch !== "\n") q.push([open, i + 1]);
          open = -1;
        }
      }
      this.quoteCache = q;
    }
    return this.quoteCache.some(([a, b]) => s >= a && e <= b);
  }

  /** Is the original span [start, end) inside a URL or e-mail address? (binary search; URLs are sorted) */
  inUrl(start: number, end: number): boolean {
    const u = this.urls();
    let lo = 0;
    let hi = u.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u[mid]!.start <= start) lo = mid + 1;
      else hi = mid;
    }
    const cand = u[lo - 1];
    return cand !== undefined && start >= cand.start && end <= cand.end;
  }

  /** URLs and e-mail addresses in the original text (linkify-it via text/links.ts + tldts), memoised. */
  urls(): UrlInfo[] {
    if (this.urlCache) return this.urlCache;
    const out: UrlInfo[] = [];
    if (URLISH.test(this.text)) {
      const matches = findLinks(this.text);
      for (const m of matches.length > MAX_URLS ? matches.slice(0, MAX_URLS) : matches) {
        const email = m.schema === "mailto:";
        let host: string;
        let domain: string;
        if (email) {
          domain = m.url.slice(m.url.indexOf("@") + 1).toLowerCase();
          host = domain;
        } else {
          const p = parseDomain(m.url);
          host = (p.hostname ?? "").toLowerCase();
          domain = (p.domain ?? host).toLowerCase();
        }
        out.push({ start: m.index, end: m.lastIndex, url: m.url, host, domain, email });
      }
    }
    this.urlCache = out;
    return out;
  }
}
