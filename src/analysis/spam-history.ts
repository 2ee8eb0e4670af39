// Cross-comment memory for the spam detector: a bounded ring of 64-bit
// SimHashes with an LSH band index, so "the same or near-identical text again"
// is found in constant time per comment instead of scanning the history.
//
// Memory is bounded by `maxHistory` entries. Time comes from the comments'
// `at` (ISO 8601), never from the wall clock, so a replay gives the same
// result (determinism); a comment without `at` inherits the last known time.

export interface HistoryEntry {
  id: number;
  hi: number;
  lo: number;
  author: string;
  at: number;
}

export interface HistoryMatch {
  /** Near-identical earlier comments by the same author within the window. */
  sameAuthor: number;
  /** Distinct other authors who posted near-identical text within the window. */
  otherAuthors: number;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function hamming64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
}

const FNV_PRIME = 0x01000193;
const SEED_B = 0x9e3779b9;

/** FNV-1a 32-bit state after `s`, starting from state `h` (so a bigram hashes as its words plus a space, without building the string). */
function fnvFrom(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/**
 * 64-bit SimHash (as two 32-bit halves) over the words and word bigrams of
 * the normalised text: a dropped or changed word moves only a few features,
 * so near-identical copies stay within a few bits. Long texts sample their
 * features by hash (the same features are sampled in every copy).
 * Each feature hashes with FNV-1a twice (two seeds, one per half); a bigram
 * "w1 w2" continues w1's hash states, so no bigram string is built.
 */
export function simhash(words: readonly string[]): { hi: number; lo: number } {
  // The vote counts how many features have each of the 64 bits set. The
  // counters are bit-sliced: LO[j] / HI[j] hold bit j of all 32 counts of a
  // half, so adding a feature is a ripple-carry addition of one word (a few
  // operations) instead of 64 increments.
  LO.fill(0);
  HI.fill(0);
  let features = 0;
  const add = (a: number, b: number): void => {
    features++;
    for (let j = 0, carry = a | 0; carry !== 0; j++) {
      const t = LO[j]! & carry;
      LO[j]! ^= carry;
      carry = t;
    }
    for (let j = 0, carry = b | 0; carry !== 0; j++) {
      const t = HI[j]! & carry;
      HI[j]! ^= carry;
      carry = t;
    }
  };
  const sample = words.length > 64;
  const seedA = 0x811c9dc5 | 0;
  const seedB = (0x811c9dc5 ^ SEED_B) | 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const ha = fnvFrom(seedA, w);
    const hb = fnvFrom(seedB, w);
    if (!sample || (w.charCodeAt(0) + w.length) % 4 === 0) add(ha >>> 0, hb >>> 0);
    if (i + 1 < words.length) {
      const next = words[i + 1]!;
      if (!sample || (next.charCodeAt(0) + w.length) % 4 === 0) {
        const sa = Math.imul(ha ^ 0x20, FNV_PRIME);
        const sb = Math.imul(hb ^ 0x20, FNV_PRIME);
        add(fnvFrom(sa, next) >>> 0, fnvFrom(sb, next) >>> 0);
      }
    }
  }
  // A bit of the result is set when more than half of the features have it.
  let lo = 0;
  let hi = 0;
  // A count is at most `features`, so it has no more bits than that.
  const levels = 32 - Math.clz32(features);
  for (let k = 0; k < 32; k++) {
    let countLo = 0;
    let countHi = 0;
    for (let j = 0; j < levels; j++) {
      countLo += ((LO[j]! >>> k) & 1) << j;
      countHi += ((HI[j]! >>> k) & 1) << j;
    }
    if (2 * countLo > features) lo |= 1 << k;
    if (2 * countHi > features) hi |= 1 << k;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** Bit-sliced vote counters (see simhash); 31 bits hold any count of features. */
const LO = new Int32Array(32);
const HI = new Int32Array(32);

/** LSH bands: 4 × 16 bits, so any pair within Hamming distance 3 shares a band exactly. */
const BUCKET_MAX = 16;

function bandKeys(hi: number, lo: number): number[] {
  // Band number in the top bits keeps the four bands in one map.
  return [lo & 0xffff, (lo >>> 16) | 0x10000, (hi & 0xffff) | 0x20000, (hi >>> 16) | 0x30000];
}

export class SpamHistory {
  private readonly ring: (HistoryEntry | undefined)[];
  private readonly index = new Map<number, number[]>();
  private nextId = 0;
  private lastAt = 0;
  private readonly max: number;
  /** Per ring slot: the query that last looked at it (an id sits in up to four buckets; count it once). */
  private readonly seenBy: Uint32Array;
  private query = 0;

  constructor(maxHistory: number) {
    this.max = Math.max(1, Math.floor(maxHistory));
    this.ring = new Array<HistoryEntry | undefined>(this.max);
    this.seenBy = new Uint32Array(this.max);
  }

  /** Time of a comment in ms: its `at`, else the last known time. */
  timeOf(at: string | undefined): number {
    if (at) {
      const t = Date.parse(at);
      if (Number.isFinite(t)) {
        this.lastAt = t;
        return t;
      }
    }
    return this.lastAt;
  }

  /**
   * Count near-identical earlier comments within the window, then remember
   * this one. Each LSH bucket keeps only its BUCKET_MAX most recent ids: the
   * thresholds are small counts, so the newest near-duplicates are all that
   * matter, and a flood of one template cannot make a query slow.
   */
  checkAndAdd(e: { hi: number; lo: number; author: string; at: number }, windowMs: number, maxDistance: number): HistoryMatch {
    let sameAuthor = 0;
    const others: string[] = [];
    if (++this.query === 0xffffffff) {
      this.seenBy.fill(0);
      this.query = 1;
    }
    const query = this.query;
    const keys = bandKeys(e.hi, e.lo);
    const oldest = this.nextId - this.max;
    for (const key of keys) {
      const list = this.index.get(key);
      if (!list) continue;
      for (let r = list.length - 1; r >= 0; r--) {
        const id = list[r]!;
        if (id < oldest) break; // older ids follow; they were evicted from the ring
        // Ids still in the ring have distinct slots.
        const slot = id % this.max;
        if (this.seenBy[slot] === query) continue;
        this.seenBy[slot] = query;
        const h = this.ring[slot]!;
        if (Math.abs(e.at - h.at) > windowMs) continue;
        if (hamming64(e.hi, e.lo, h.hi, h.lo) > maxDistance) continue;
        if (h.author === e.author) sameAuthor++;
        else if (!others.includes(h.author)) others.push(h.author);
      }
    }
    const id = this.nextId++;
    this.ring[id % this.max] = { id, hi: e.hi, lo: e.lo, author: e.author, at: e.at };
    for (const key of keys) {
      const list = this.index.get(key);
      if (!list) this.index.set(key, [id]);
      else {
        list.push(id);
        if (list.length > BUCKET_MAX * 2) list.splice(0, list.length - BUCKET_MAX);
      }
    }
    // Drop buckets whose ids have all left the ring (bounded memory).
    if (id % (this.max * 4) === this.max * 4 - 1) {
      for (const [k, l] of this.index) if (l[l.length - 1]! < this.nextId - this.max) this.index.delete(k);
    }
    return { sameAuthor, otherAuthors: others.length };
  }

  get size(): number {
    return Math.min(this.nextId, this.max);
  }
}
