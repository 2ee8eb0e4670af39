// A trie over word stems with Swedish morphology: a stem matches a token when
// the rest of the token is one of the stem's endings (inflection), when the
// stem starts a compound (modifier: "idiot|politiker"), or ends one (head:
// "svenne|jävlar"). One walk per token start serves every category at once,
// and plain tokens are cached, so the cost is about one map lookup per letter.
//
// Innocent words ("beslut", "elefant", "Kukkola") are entries too: a hit whose
// stem lies inside an innocent match of the same token is dropped. This is how
// Swedish compounds stay innocent without a whole dictionary.
import type { Normalized } from "./normalize.ts";
import { F_LEET, F_STRETCH, F_WILD } from "./normalize.ts";
import type { Tokens } from "./tokens.ts";

export interface LexEntry {
  /** Index in the matcher's entry table. */
  idx: number;
  /** Rule id, e.g. `profanity.javel`. */
  id: string;
  /** CategoryId, or `innocent`, or `gate:<name>` for phrase-rule gates. */
  kind: string;
  /** The stem as inserted. */
  form: string;
  /** Allowed rests after the stem for a whole-word match ("" = bare stem); null = any rest (prefix entry). */
  endings: ReadonlySet<string> | null;
  /** May start a compound: true = any rest of 3+ letters; a list = only rests starting with one of these. */
  modifier: boolean | readonly string[];
  /** May end a compound after a first part of 2+ letters. */
  head: boolean;
  severity: number;
  tags: readonly string[];
  /** For `kind === "gate"`: the phrase-rule gates this word opens. */
  gateIds?: number[];
  /** For `kind === "gate"`: a dense number 0..gateSlots-1 among the gate entries (per-comment state is kept by it). */
  gateSlot?: number;
}

export type HitKind = "word" | "modifier" | "head";

export interface LexHit {
  entry: LexEntry;
  /** Token index. */
  tok: number;
  /** Normalised span of the whole token (what is reported). */
  s: number;
  e: number;
  /** Offsets of the matched stem inside the token. */
  ms: number;
  me: number;
  how: HitKind;
}

interface TrieNode {
  next: Map<number, TrieNode> | null;
  entries: LexEntry[] | null;
}

interface RawHit {
  entry: LexEntry;
  ms: number;
  me: number;
  how: HitKind;
}

const EMPTY: readonly RawHit[] = Object.freeze([]);
const MAX_STATES = 64;
const CACHE_MAX = 50_000;

export class LexMatcher {
  readonly entries: LexEntry[] = [];
  private readonly root: TrieNode = { next: null, entries: null };
  /** First letters of entries that may match after position 0 (heads); other starts are skipped. */
  private readonly innerFirst = new Set<number>();
  private maxEnding = 0;
  private readonly cache = new Map<string, readonly RawHit[]>();
  private readonly gateEntries = new Map<string, LexEntry>();

  /** Number of gate entries (their `gateSlot`s are 0..gateSlots-1). */
  get gateSlots(): number {
    return this.gateEntries.size;
  }

  add(e: Omit<LexEntry, "idx">): LexEntry {
    const entry: LexEntry = { ...e, idx: this.entries.length };
    this.entries.push(entry);
    let node = this.root;
    for (let i = 0; i < entry.form.length; i++) {
      const c = entry.form.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(c);
      if (!child) {
        child = { next: null, entries: null };
        node.next.set(c, child);
      }
      node = child;
    }
    (node.entries ??= []).push(entry);
    if (entry.head) this.innerFirst.add(entry.form.charCodeAt(0));
    if (entry.endings) for (const end of entry.endings) this.maxEnding = Math.max(this.maxEnding, end.length);
    this.cache.clear();
    return entry;
  }

  /**
   * A phrase-rule gate word: an exact form, or a prefix (any rest). One entry
   * per form carries all gate ids, so a common word costs one hit, not one per rule.
   */
  addGate(form: string, prefix: boolean, gateId: number, head = false): void {
    const key = `${head ? "*" : ""}${form}${prefix ? "*" : ""}`;
    const existing = this.gateEntries.get(key);
    if (existing) {
      if (!existing.gateIds!.includes(gateId)) existing.gateIds!.push(gateId);
      return;
    }
    const e = this.add({
      id: "gate",
      kind: "gate",
      form,
      endings: prefix ? null : new Set([""]),
      modifier: false,
      head,
      severity: 0,
      tags: [],
      gateIds: [gateId],
      gateSlot: this.gateEntries.size,
    });
    this.gateEntries.set(key, e);
  }

  /**
   * All hits in all tokens, innocent matches already applied (and not
   * returned). Gate words are reported through `onGate` instead of as hits.
   */
  matchAll(n: Normalized, tokens: Tokens, onGate?: (entry: LexEntry, tok: number) => void): LexHit[] {
    const out: LexHit[] = [];
    for (let t = 0; t < tokens.count; t++) {
      const s = tokens.s[t]!;
      const e = tokens.e[t]!;
      const word = tokens.words[t]!;
      let raw: readonly RawHit[];
      if (n.special && hasFlags(n.flags, s, e)) raw = this.matchToken(word, n.flags.subarray(s, e), n.alt.subarray(s, e));
      else {
        const cached = this.cache.get(word);
        if (cached) raw = cached;
        else {
          raw = this.matchToken(word, null, null);
          if (this.cache.size >= CACHE_MAX) this.cache.clear();
          this.cache.set(word, raw);
        }
      }
      for (const r of raw) {
        if (r.entry.gateIds) onGate?.(r.entry, t);
        else out.push({ entry: r.entry, tok: t, s, e, ms: r.ms, me: r.me, how: r.how });
      }
    }
    return out;
  }

  /** Match one token (exposed for tests). */
  matchToken(w: string, flags: Uint8Array | null, alt: Uint16Array | null): readonly RawHit[] {
    const L = w.length;
    let hits: RawHit[] | null = null;
    let innocent: [number, number][] | null = null;
    for (let i = 0; i < L; i++) {
      if (i === 1) continue; // a compound's first part has at least two letters
      const c0 = w.charCodeAt(i);
      if (flags && (flags[i]! & F_WILD) !== 0) continue;
      if (i > 0 && !this.innerFirst.has(c0) && !(flags && flags[i]! & F_LEET && this.innerFirst.has(alt![i]!))) continue;
      const visit = (node: TrieNode, j: number): void => {
        // node reached after consuming w[i..j)
        for (const entry of node.entries!) {
          const how = this.accept(entry, w, i, j);
          if (!how) continue;
          if (entry.kind === "innocent") {
            // Protect the innocent word itself ("fittja" in "fittjabor"), not the whole token:
            // "judejävel" keeps its curse although "jude" is a neutral word.
            (innocent ??= []).push([i, j]);
          } else (hits ??= []).push({ entry, ms: i, me: j, how });
        }
      };
      if (!flags) {
        let node: TrieNode | undefined = this.root;
        for (let j = i; j < L; j++) {
          node = node.next?.get(w.charCodeAt(j));
          if (!node) break;
          if (node.entries) visit(node, j + 1);
        }
      } else this.walkSpecial(w, flags, alt!, i, visit);
    }
    if (!hits) return EMPTY;
    if (!innocent) return hits;
    const inn = innocent as [number, number][];
    // Gate words are never innocent: "titta på" must still open its rule although "titta" protects "titt".
    const kept = (hits as RawHit[]).filter((h) => h.entry.gateIds !== undefined || !inn.some(([a, b]) => h.ms >= a && h.me <= b));
    return kept.length ? kept : EMPTY;
  }

  /** NFA-style walk over wildcard, leet and stretched units (bounded state set). */
  private walkSpecial(w: string, flags: Uint8Array, alt: Uint16Array, i: number, visit: (node: TrieNode, j: number) => void): void {
    let states: TrieNode[] = [this.root];
    for (let j = i; j < w.length && states.length > 0; j++) {
      const f = flags[j]!;
      const c = w.charCodeAt(j);
      const next: TrieNode[] = [];
      const push = (nd: TrieNode | undefined): void => {
        if (nd && next.length < MAX_STATES && !next.includes(nd)) next.push(nd);
      };
      for (const st of states) {
        if (f & F_WILD) {
          // 1..alt arbitrary letters
          let layer: TrieNode[] = [st];
          for (let d = 0; d < alt[j]! && layer.length; d++) {
            const nl: TrieNode[] = [];
            for (const nd of layer) if (nd.next) for (const ch of nd.next.values()) if (nl.length < MAX_STATES) nl.push(ch);
            for (const nd of nl) push(nd);
            layer = nl;
          }
          continue;
        }
        push(st.next?.get(c));
        if (f & F_LEET && alt[j]) push(st.next?.get(alt[j]!));
        if (f & F_STRETCH) push(st.next?.get(c)?.next?.get(c));
      }
      states = next;
      for (const nd of states) if (nd.entries) visit(nd, j + 1);
    }
  }

  private accept(entry: LexEntry, w: string, i: number, j: number): HitKind | null {
    const L = w.length;
    const restLen = L - j;
    const isEnding = entry.endings === null || (restLen <= this.maxEnding && entry.endings.has(restLen === 0 ? "" : w.slice(j)));
    if (i === 0) {
      if (isEnding) return "word";
      if (entry.modifier && restLen >= 3) {
        if (entry.modifier === true) return "modifier";
        for (const h of entry.modifier) if (w.startsWith(h, j)) return "modifier";
      }
      return null;
    }
    if (!entry.head) return null;
    if (isEnding) return "head";
    // A stem in the middle of a compound ("dum|fitt|kärring") needs both flags.
    if (entry.modifier === true && restLen >= 3) return "head";
    return null;
  }
}

function hasFlags(flags: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (flags[k] !== 0) return true;
  return false;
}

/**
 * Expand a brace pattern into its forms: "död{a|ar|ade}" → döda, dödar, dödade;
 * "{|o}fin" → fin, ofin. Groups do not nest. Bounded by the pattern's size.
 */
export function expandBraces(p: string): string[] {
  const open = p.indexOf("{");
  if (open < 0) return [p];
  const close = p.indexOf("}", open);
  if (close < 0) throw new Error(`unbalanced brace in ${p}`);
  const head = p.slice(0, open);
  const alts = p.slice(open + 1, close).split("|");
  const tails = expandBraces(p.slice(close + 1));
  const out: string[] = [];
  for (const a of alts) for (const t of tails) out.push(head + a + t);
  return out;
}
