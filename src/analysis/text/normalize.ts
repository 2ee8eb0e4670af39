// One normalisation pass that keeps a map back to the original text. Every
// finding is computed on the normalised text and reported on the original, so
// moderators see exactly what the resident wrote.
//
// What is folded: NFKC (fullwidth, mathematical letters, ligatures), case,
// zero-width and bidi controls, Cyrillic/Greek look-alikes, diacritics other
// than å/ä/ö (æ→ä, ø→ö for Danish/Norwegian), leetspeak inside words,
// masked letters (f*n, f-n), spaced letters (j ä v l a) and stretched letters.
// What is NOT folded: å, ä, ö. "höra" is not "hora"; a matcher that wants to
// accept "javla" for "jävla" lists that variant explicitly.
//
// Linear in the input: every pass is a single scan with a write pointer.

/** The normalised unit came from a leet character (digit/symbol); `alt` may hold a second reading. */
export const F_LEET = 1;
/** The unit is a wildcard for 1..alt masked letters (`*` in `f*n`, `-` in `f-n`). */
export const F_WILD = 2;
/** The unit stands for a run of 3+ identical letters; it may match one or two of them. */
export const F_STRETCH = 4;

export interface Normalized {
  readonly original: string;
  /** Normalised text: lowercase, single spaces, `\n` for line breaks, wildcard units as `*`. */
  readonly text: string;
  /** Original UTF-16 start offset of each normalised unit. */
  readonly start: Int32Array;
  /** Original UTF-16 end offset (exclusive) of each normalised unit. */
  readonly end: Int32Array;
  readonly flags: Uint8Array;
  /** For F_LEET: an alternative letter code (0 = none). For F_WILD: max letters masked. */
  readonly alt: Uint16Array;
  /** True when any unit carries a flag (lets matchers take the plain fast path). */
  readonly special: boolean;
  /** Number of decimal digits in the text (detectors for numbers skip texts with too few). */
  readonly digits: number;
  /** Any code unit outside ASCII (emoji checks skip pure-ASCII texts). */
  readonly nonAscii: boolean;
}

// Leet readings: primary letter first, optional alternative second. "1" is i or l,
// "0"/"4"/"@" may stand for ö/ä (a keyboard without Swedish letters).
const LEET: ReadonlyMap<number, readonly [string, string?]> = new Map<number, readonly [string, string?]>([
  [0x30, ["o", "ö"]], // 0
  [0x31, ["i", "l"]], // 1
  [0x33, ["e"]], // 3
  [0x34, ["a", "ä"]], // 4
  [0x35, ["s"]], // 5
  [0x37, ["t"]], // 7
  [0x38, ["b"]], // 8
  [0x40, ["a", "ä"]], // @
  [0x24, ["s"]], // $
  [0x21, ["i"]], // !
  [0x7c, ["l"]], // |
  [0x20ac, ["e"]], // €
]);

// Look-alikes from other scripts that NFKC leaves alone (subset of Unicode
// confusables.txt relevant to Latin letters used in Swedish).
const CONFUSABLES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
    ѕ: "s", і: "i", ї: "i", ј: "j", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w", ӏ: "l", ӓ: "ä", ӧ: "ö", ɑ: "a", ı: "i",
    α: "a", β: "b", γ: "y", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x",
    ω: "w", ϲ: "c", ß: "ss", æ: "ä", ø: "ö", œ: "oe", ð: "d", þ: "th", ł: "l", đ: "d", ħ: "h",
  }),
);

const LETTER_RE = /^\p{L}$/u;
const MARK_RE = /^\p{M}$/u;
const letterCache = new Map<number, boolean>();

/** Is this UTF-16 unit (or BMP code point) a letter? å, ä, ö are. Fast for ASCII. */
export function isLetterCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c === 0xe5 || c === 0xe4 || c === 0xf6) return true;
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral letters are folded by NFKC or dropped
  let v = letterCache.get(c);
  if (v === undefined) {
    v = LETTER_RE.test(String.fromCharCode(c));
    if (letterCache.size < 4096) letterCache.set(c, v);
  }
  return v;
}

function isMarkCode(c: number): boolean {
  if (c < 0x0300) return false;
  if (c <= 0x036f) return true;
  if ((c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f)) {
    return true;
  }
  return c >= 0x0483 && c < 0x2000 && MARK_RE.test(String.fromCharCode(c));
}

/** Invisible controls that only serve to break up words for filters. */
function isInvisible(c: number): boolean {
  return (
    c === 0x00ad || // soft hyphen
    c === 0x034f || // combining grapheme joiner
    c === 0x061c ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) || // zero-width space/joiners, LRM/RLM
    (c >= 0x202a && c <= 0x202e) || // bidi embeddings/overrides
    (c >= 0x2060 && c <= 0x206f) || // word joiner, invisible operators, bidi isolates
    (c >= 0xfe00 && c <= 0xfe0f) || // variation selectors
    c === 0xfeff
  );
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

const foldCache = new Map<string, string>();

/** Fold one grapheme-ish cluster (base + combining marks) to normalised letters. */
function foldCluster(cluster: string): string {
  let out = foldCache.get(cluster);
  if (out !== undefined) return out;
  const lower = cluster.normalize("NFKC").toLowerCase();
  let mapped = "";
  for (const ch of lower) mapped += CONFUSABLES.get(ch) ?? ch;
  // Keep å/ä/ö, drop every other diacritic (é → e, ü → u, Zalgo marks vanish).
  out = mapped
    .normalize("NFD")
    .replace(/a\u030a/g, "å")
    .replace(/a\u0308/g, "ä")
    .replace(/o\u0308/g, "ö")
    .replace(/\p{M}/gu, "");
  out = out.replace(/[\u00e6]/g, "ä").replace(/[\u00f8]/g, "ö");
  if (foldCache.size < 8192) foldCache.set(cluster, out);
  return out;
}

/** Growable parallel arrays for the normalised units. */
class Units {
  codes: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
  alt: Uint16Array;
  n = 0;
  constructor(cap: number) {
    this.codes = new Uint16Array(cap);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.flags = new Uint8Array(cap);
    this.alt = new Uint16Array(cap);
  }
  push(code: number, s: number, e: number): void {
    if (this.n === this.codes.length) this.grow();
    const k = this.n++;
    this.codes[k] = code;
    this.start[k] = s;
    this.end[k] = e;
    this.flags[k] = 0;
    this.alt[k] = 0;
  }
  private grow(): void {
    const cap = this.codes.length * 2 + 16;
    const codes = new Uint16Array(cap);
    codes.set(this.codes);
    const start = new Int32Array(cap);
    start.set(this.start);
    const end = new Int32Array(cap);
    end.set(this.end);
    const flags = new Uint8Array(cap);
    flags.set(this.flags);
    const alt = new Uint16Array(cap);
    alt.set(this.alt);
    Object.assign(this, { codes, start, end, flags, alt });
  }
  /** Copy unit j to slot k (in-place compaction). */
  move(k: number, j: number): void {
    this.codes[k] = this.codes[j]!;
    this.start[k] = this.start[j]!;
    this.end[k] = this.end[j]!;
    this.flags[k] = this.flags[j]!;
    this.alt[k] = this.alt[j]!;
  }
}

const SPACE = 0x20;
const NL = 0x0a;
const STAR = 0x2a;

export function normalize(original: string): Normalized {
  const len = original.length;
  const u = new Units(len + 8);
  let sawLeet = false;
  let sawMask = false;
  let digits = 0;
  let nonAscii = false;

  // Pass 1: fold every code point; collapse whitespace (a newline wins over spaces).
  for (let i = 0; i < len; ) {
    const c = original.charCodeAt(i);
    const next = i + 1 < len ? original.charCodeAt(i + 1) : 0;
    if (c < 0x80 && !(next >= 0x0300 && isMarkCode(next))) {
      if (c >= 0x41 && c <= 0x5a) u.push(c + 32, i, i + 1);
      else if (c === 0x0a || c === 0x0d) pushSpace(u, NL, i);
      else if (isSpaceCode(c)) pushSpace(u, SPACE, i);
      else {
        if (c >= 0x30 && c <= 0x39) digits++;
        if (LEET.has(c)) sawLeet = true;
        else if (c === STAR || c === 0x2d || c === 0x2e || c === 0x5f) sawMask = true;
        u.push(c, i, i + 1);
      }
      i++;
      continue;
    }
    nonAscii = true;
    if (isInvisible(c)) {
      i++;
      continue;
    }
    if (isSpaceCode(c) || c === 0x2028 || c === 0x2029 || c === 0x85) {
      pushSpace(u, c === 0x2028 || c === 0x2029 || c === 0x85 ? NL : SPACE, i);
      i++;
      continue;
    }
    // A cluster: one code point (surrogate pair included) plus following combining marks.
    let j = i + (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1);
    while (j < len && isMarkCode(original.charCodeAt(j))) j++;
    // Invisible controls inside the cluster would otherwise survive NFKC.
    const cluster = original.slice(i, j);
    if (c === 0x20ac) sawLeet = true;
    const folded = c >= 0xd800 && c <= 0xdfff && j - i === 2 && !isMathOrEnclosed(original.codePointAt(i) ?? 0) ? cluster : foldCluster(cluster);
    for (let k = 0; k < folded.length; k++) {
      const fc = folded.charCodeAt(k);
      if (isSpaceCode(fc)) pushSpace(u, SPACE, i);
      else {
        if (fc >= 0x30 && fc <= 0x39) digits++;
        if (LEET.has(fc)) sawLeet = true;
        u.push(fc, i, j);
      }
    }
    i = j;
  }

  let special = false;
  if (sawLeet) special = applyLeet(u) || special;
  if (sawMask || sawLeet) {
    mergeSpacedLetters(u);
    special = applyMasks(u) || special;
  } else mergeSpacedLetters(u);
  special = collapseStretch(u) || special;

  const n = u.n;
  const codes = u.codes.subarray(0, n);
  let text = "";
  for (let k = 0; k < n; k += 8192) text += String.fromCharCode.apply(null, codes.subarray(k, Math.min(n, k + 8192)) as unknown as number[]);
  return {
    original,
    text,
    start: u.start.slice(0, n),
    end: u.end.slice(0, n),
    flags: u.flags.slice(0, n),
    alt: u.alt.slice(0, n),
    special,
    digits,
    nonAscii,
  };
}

/** Astral code points NFKC folds to letters: mathematical alphanumerics, enclosed/regional letters. */
function isMathOrEnclosed(cp: number): boolean {
  return (cp >= 0x1d400 && cp <= 0x1d7ff) || (cp >= 0x1f130 && cp <= 0x1f189) || (cp >= 0x1f1e6 && cp <= 0x1f1ff);
}

function pushSpace(u: Units, code: number, i: number): void {
  const last = u.n - 1;
  if (last >= 0 && (u.codes[last] === SPACE || u.codes[last] === NL)) {
    if (code === NL) u.codes[last] = NL;
    u.end[last] = i + 1;
    return;
  }
  if (u.n === 0 && code === SPACE) return; // no leading space
  u.push(code, i, i + 1);
}

const isL = (u: Units, k: number): boolean => k >= 0 && k < u.n && isLetterCode(u.codes[k]!);

const isDigitAt = (u: Units, k: number): boolean => k >= 0 && k < u.n && u.codes[k]! >= 0x30 && u.codes[k]! <= 0x39 && u.flags[k] === 0;

/** Leet characters inside words become letters ("h3lvete", "j@vla", "sh!t"); bare numbers stay numbers. */
function applyLeet(u: Units): boolean {
  let any = false;
  for (let k = 0; k < u.n; k++) {
    const c = u.codes[k]!;
    const reading = LEET.get(c);
    if (!reading) continue;
    const prevL = isL(u, k - 1) || (k > 0 && (u.flags[k - 1]! & F_LEET) !== 0);
    const nextL = isL(u, k + 1);
    // "@", "!", "|" are ordinary punctuation unless squeezed between letters
    // ("@anna", "hej!", "a|b" stay as they are).
    const symbol = c === 0x40 || c === 0x21 || c === 0x7c;
    if (symbol ? !(prevL && nextL) : !(prevL || nextL)) continue;
    // A digit next to another digit is part of a number ("10st", "2026a"), not a letter.
    if (c >= 0x30 && c <= 0x39 && (isDigitAt(u, k - 1) || (!prevL && isDigitAt(u, k + 1)))) continue;
    u.codes[k] = reading[0].charCodeAt(0);
    u.flags[k] = F_LEET;
    u.alt[k] = reading[1] ? reading[1].charCodeAt(0) : 0;
    any = true;
  }
  return any;
}

const isSepCode = (c: number): boolean => c === SPACE || c === 0x2e || c === 0x2d || c === 0x5f || c === STAR || c === 0x2c || c === 0x7c || c === 0x2f;

/**
 * "j ä v l a", "j.ä.v.l.a", "k-u-k": three or more single letters, each
 * separated by exactly one separator, are joined into one word.
 */
function mergeSpacedLetters(u: Units): void {
  const n = u.n;
  let w = 0;
  let k = 0;
  while (k < n) {
    // Is k the start of a run of single letters?
    if (isL(u, k) && !isL(u, k - 1) && !isL(u, k + 1)) {
      let m = k;
      let count = 1;
      const sep = u.codes[k + 1];
      while (
        sep !== undefined &&
        m + 2 < n &&
        u.codes[m + 1] === sep &&
        isSepCode(sep) &&
        isL(u, m + 2) &&
        !isL(u, m + 3)
      ) {
        m += 2;
        count++;
      }
      if (count >= 3) {
        for (let p = k; p <= m; p += 2) u.move(w++, p);
        k = m + 1;
        continue;
      }
    }
    if (w !== k) u.move(w, k);
    w++;
    k++;
  }
  u.n = w;
}

/**
 * Masked letters. A run of `*` between letters is a wildcard ("f**k", "j*vla").
 * A run of one or two `-`/`.`/`_` between two single letters is a wildcard
 * ("f-n"); a single `-` between longer parts is a compound joiner and is
 * dropped ("skit-snygg" → "skitsnygg").
 */
function applyMasks(u: Units): boolean {
  const n = u.n;
  let any = false;
  let w = 0;
  let k = 0;
  while (k < n) {
    const c = u.codes[k]!;
    if ((c === STAR || c === 0x2d || c === 0x2e || c === 0x5f) && isL(u, k - 1)) {
      let m = k;
      while (m < n && u.codes[m] === c) m++;
      const runLen = m - k;
      if (isL(u, m)) {
        const singleBefore = !isL(u, k - 2);
        const singleAfter = !isL(u, m + 1);
        if (c === STAR || (singleBefore && singleAfter && runLen <= 2)) {
          // One wildcard unit standing for 1..runLen+1 letters (capped at 3).
          u.move(w, k);
          u.codes[w] = STAR;
          u.end[w] = u.end[m - 1]!;
          u.flags[w] = F_WILD;
          u.alt[w] = Math.min(3, runLen + 1);
          w++;
          any = true;
          k = m;
          continue;
        }
        if (c === 0x2d && runLen === 1) {
          k = m; // compound joiner: drop it
          continue;
        }
      }
    }
    if (w !== k) u.move(w, k);
    w++;
    k++;
  }
  u.n = w;
  return any;
}

/** "jäääävla", "fiiitta": a run of 3+ identical letters becomes one unit flagged F_STRETCH. */
function collapseStretch(u: Units): boolean {
  const n = u.n;
  let any = false;
  let w = 0;
  let k = 0;
  while (k < n) {
    const c = u.codes[k]!;
    if (k + 2 < n && u.codes[k + 1] === c && u.codes[k + 2] === c && isLetterCode(c)) {
      let m = k + 3;
      while (m < n && u.codes[m] === c) m++;
      u.move(w, k);
      u.end[w] = u.end[m - 1]!;
      u.flags[w] = F_STRETCH;
      w++;
      any = true;
      k = m;
      continue;
    }
    if (w !== k) u.move(w, k);
    w++;
    k++;
  }
  u.n = w;
  return any;
}

/** Map a normalised span [a, b) back to the original text. */
export function originalSpan(n: Normalized, a: number, b: number): { start: number; end: number } {
  if (n.start.length === 0) return { start: 0, end: 0 };
  const lo = Math.max(0, Math.min(a, n.start.length - 1));
  const hi = Math.max(lo, Math.min(b, n.start.length) - 1);
  const start = n.start[lo]!;
  const end = Math.max(start, n.end[hi]!);
  return { start, end: Math.min(end, n.original.length) };
}
