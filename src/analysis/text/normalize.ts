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
const LATIN1_LETTER = new Uint8Array(256);
for (let c = 0; c < 256; c++) LATIN1_LETTER[c] = LETTER_RE.test(String.fromCharCode(c)) ? 1 : 0;

/** Is this UTF-16 unit (or BMP code point) a letter? å, ä, ö are. Table lookup below U+0100. */
export function isLetterCode(c: number): boolean {
  if (c < 0x100) return LATIN1_LETTER[c] === 1;
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
  /** Make room for at least `cap` units (keeps nothing: call on an empty buffer). */
  reserve(cap: number): void {
    if (this.codes.length >= cap) return;
    const size = Math.max(cap, this.codes.length * 2);
    this.codes = new Uint16Array(size);
    this.start = new Int32Array(size);
    this.end = new Int32Array(size);
    this.flags = new Uint8Array(size);
    this.alt = new Uint16Array(size);
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

// Character classes for the fast path (code units below 0x100).
const C_OTHER = 0;
const C_UPPER = 1;
const C_KEEP = 2;
const C_SPACE = 3;
const C_NL = 4;
const C_DIGIT = 5;
const C_LEET = 6;
const C_MASK = 7;
const C_LATIN1 = 8;
const C_INVISIBLE = 9;
const C_SLOW = 10;

const CLASS = new Uint8Array(256);
/** Folded single code unit for Latin-1 letters (Å → å, É → e, Æ → ä, Ø → ö). */
const LATIN1 = new Uint16Array(256);
for (let c = 0; c < 256; c++) {
  if (c >= 0x41 && c <= 0x5a) CLASS[c] = C_UPPER;
  else if (c === 0x0a || c === 0x0d) CLASS[c] = C_NL;
  else if (isSpaceCode(c)) CLASS[c] = C_SPACE;
  else if (c >= 0x30 && c <= 0x39) CLASS[c] = C_DIGIT;
  else if (LEET.has(c)) CLASS[c] = C_LEET;
  else if (c === STAR || c === 0x2d || c === 0x2e || c === 0x5f) CLASS[c] = C_MASK;
  else if (c < 0x80) CLASS[c] = c >= 0x61 && c <= 0x7a ? C_KEEP : C_OTHER;
  else if (c === 0xad) CLASS[c] = C_INVISIBLE;
  else {
    const f = foldCluster(String.fromCharCode(c));
    if (f.length === 1 && f.charCodeAt(0) !== SPACE && !LEET.has(f.charCodeAt(0))) {
      CLASS[c] = C_LATIN1;
      LATIN1[c] = f.charCodeAt(0);
    } else CLASS[c] = C_SLOW;
  }
}

/** Reused work buffers: analysis is synchronous, and the results are copied out. */
const scratch = new Units(4096);

/** Code units that normalise to their own lowercase form (`toLowerCase` gives the same result). */
const PLAIN = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const cls = CLASS[c];
  PLAIN[c] = cls === C_UPPER || cls === C_KEEP || cls === C_OTHER || (cls === C_LATIN1 && LATIN1[c] === String.fromCharCode(c).toLowerCase().charCodeAt(0)) ? 1 : 0;
}

// Shared read-only views for the plain fast path (grown on demand, never written by readers).
let IDENTITY = new Int32Array(0);
let IDENTITY_END = new Int32Array(0);
let ZEROS8 = new Uint8Array(0);
let ZEROS16 = new Uint16Array(0);

/**
 * The common case: Latin-1 text with single spaces and nothing for the
 * normaliser to undo (no leet, masks, spaced or stretched letters). Its
 * normalised form is `toLowerCase()` and the offset map is the identity.
 */
function plainFastPath(original: string): Normalized | null {
  const len = original.length;
  let digits = 0;
  let nonAscii = false;
  let run = 0;
  let prev = -1;
  // Emoji (astral pictographs) stay as they are, as in slowCluster: both code
  // units of the pair map to the whole pair. A third of all comments have one.
  let pairs: number[] | null = null;
  for (let i = 0; i < len; i++) {
    const c = original.charCodeAt(i);
    if (c >= 0x100) {
      if (!isPlainEmojiPair(original, i)) return null;
      (pairs ??= []).push(i);
      nonAscii = true;
      prev = c;
      run = 0;
      i++;
      continue;
    }
    if (c >= 0x80) nonAscii = true;
    if (PLAIN[c] === 1) {
      // Three identical letters in a row would be collapsed.
      run = c === prev ? run + 1 : 1;
      if (run >= 3 && LATIN1_LETTER[c] === 1) return null;
      prev = c;
      continue;
    }
    prev = c;
    run = 0;
    const cls = CLASS[c];
    const before = i > 0 ? original.charCodeAt(i - 1) : 0x20;
    const after = i + 1 < len ? original.charCodeAt(i + 1) : 0x20;
    if (cls === C_SPACE) {
      // (A space before an emoji is kept like one before punctuation.)
      if (c !== 0x20 || i === 0 || after === 0x20 || CLASS[after] === C_SPACE || CLASS[after] === C_NL || (after >= 0x100 && !isHighSurrogate(after))) return null;
      // "j ä v l a": a single letter between spaces may start a spaced-out word.
      if (i >= 2 && LATIN1_LETTER[before] === 1 && !isLetterCode(original.charCodeAt(i - 2)) && LATIN1_LETTER[after] === 1 && (i + 2 >= len || !isLetterCode(original.charCodeAt(i + 2)))) return null;
      continue;
    }
    if (cls === C_DIGIT) digits++;
    if (cls === C_MASK) {
      // A run of masks between letters ("f**k", "t.ex") would change.
      let j = i + 1;
      while (j < len && original.charCodeAt(j) === c) j++;
      const end = j < len ? original.charCodeAt(j) : 0x20;
      if (before >= 0x100 || end >= 0x100) return null;
      if (LATIN1_LETTER[before] === 1 && LATIN1_LETTER[end] === 1) return null;
      i = j - 1;
      continue;
    }
    if (cls === C_DIGIT || cls === C_LEET) {
      if (before >= 0x100 || after >= 0x100) return null;
      const lb = LATIN1_LETTER[before] === 1;
      const la = LATIN1_LETTER[after] === 1;
      // Mirrors applyLeet/applyMasks: digits and "$" next to a letter (on
      // either side: "hej$" reads "hejs" there), "@ ! |" and masks between two
      // letters would change.
      if (cls === C_DIGIT || c === 0x24 ? lb || la : lb && la) return null;
      continue;
    }
    return null;
  }
  if (IDENTITY.length < len) {
    const size = Math.max(len, IDENTITY.length * 2, 1024);
    IDENTITY = new Int32Array(size);
    IDENTITY_END = new Int32Array(size);
    for (let k = 0; k < size; k++) {
      IDENTITY[k] = k;
      IDENTITY_END[k] = k + 1;
    }
    ZEROS8 = new Uint8Array(size);
    ZEROS16 = new Uint16Array(size);
  }
  let start = IDENTITY.subarray(0, len);
  let end = IDENTITY_END.subarray(0, len);
  if (pairs) {
    start = start.slice();
    end = end.slice();
    for (const p of pairs) {
      start[p + 1] = p;
      end[p] = p + 2;
    }
  }
  return {
    original,
    text: original.toLowerCase(),
    start,
    end,
    flags: ZEROS8.subarray(0, len),
    alt: ZEROS16.subarray(0, len),
    special: false,
    digits,
    nonAscii,
  };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * A surrogate pair at `i` that the full path keeps unchanged with no other
 * effect: a pictograph (U+1F300–U+1FAFF: emoji, no letters, no case) not
 * followed by a combining mark (which would join its cluster).
 */
function isPlainEmojiPair(s: string, i: number): boolean {
  const hi = s.charCodeAt(i);
  if (!isHighSurrogate(hi) || i + 1 >= s.length) return false;
  const lo = s.charCodeAt(i + 1);
  if (lo < 0xdc00 || lo > 0xdfff) return false;
  const cp = ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  if (cp < 0x1f300 || cp > 0x1faff) return false;
  return i + 2 >= s.length || !isMarkCode(s.charCodeAt(i + 2));
}

export function normalize(original: string): Normalized {
  return plainFastPath(original) ?? normalizeFull(original);
}

/** The full normalisation, without the fast path (exported for the test that compares the two). */
export function normalizeFull(original: string): Normalized {
  const len = original.length;
  const u = scratch;
  u.n = 0;
  u.reserve(len + 8);
  let sawLeet = false;
  let sawMask = false;
  let digits = 0;
  let nonAscii = false;

  // Pass 1: fold every code point; collapse whitespace (a newline wins over spaces).
  for (let i = 0; i < len; ) {
    const c = original.charCodeAt(i);
    const next = i + 1 < len ? original.charCodeAt(i + 1) : 0;
    if (c < 0x100 && (next < 0x0300 || !isMarkCode(next))) {
      switch (CLASS[c]) {
        case C_UPPER:
          u.push(c + 32, i, i + 1);
          break;
        case C_KEEP:
        case C_OTHER:
          u.push(c, i, i + 1);
          break;
        case C_SPACE:
          if (c === 0xa0) nonAscii = true;
          pushSpace(u, SPACE, i);
          break;
        case C_NL:
          pushSpace(u, NL, i);
          break;
        case C_DIGIT:
          digits++;
          sawLeet = true;
          u.push(c, i, i + 1);
          break;
        case C_LEET:
          sawLeet = true;
          u.push(c, i, i + 1);
          break;
        case C_MASK:
          sawMask = true;
          u.push(c, i, i + 1);
          break;
        case C_LATIN1:
          nonAscii = true;
          u.push(LATIN1[c]!, i, i + 1);
          break;
        case C_INVISIBLE:
          nonAscii = true;
          break;
        default:
          nonAscii = true;
          i = slowCluster(original, i, u);
          continue;
      }
      i++;
      continue;
    }
    nonAscii = true;
    i = slowCluster(original, i, u);
  }

  let special = false;
  if (sawLeet) special = applyLeet(u) || special;
  mergeSpacedLetters(u);
  if (sawMask || sawLeet) special = applyMasks(u) || special;
  special = collapseStretch(u) || special;

  const n = u.n;
  const codes = u.codes.subarray(0, n);
  let text = "";
  for (let k = 0; k < n; k += 4096) text += String.fromCharCode.apply(null, codes.subarray(k, Math.min(n, k + 4096)) as unknown as number[]);
  if (sawLeet || sawMask) digits = countDigits(u);
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

/** Digits left after leet mapping (only these can be numbers). */
function countDigits(u: Units): number {
  let d = 0;
  for (let k = 0; k < u.n; k++) {
    const c = u.codes[k]!;
    if (c >= 0x30 && c <= 0x39) d++;
  }
  return d;
}

/** The general path: one code point plus its combining marks, folded (NFKC, case, confusables). */
function slowCluster(original: string, i: number, u: Units): number {
  const len = original.length;
  const c = original.charCodeAt(i);
  const next = i + 1 < len ? original.charCodeAt(i + 1) : 0;
  if (isInvisible(c)) return i + 1;
  if (isSpaceCode(c) || c === 0x2028 || c === 0x2029 || c === 0x85) {
    pushSpace(u, c === 0x2028 || c === 0x2029 || c === 0x85 ? NL : SPACE, i);
    return i + 1;
  }
  let j = i + (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1);
  while (j < len && isMarkCode(original.charCodeAt(j))) j++;
  const cluster = original.slice(i, j);
  // Emoji and other astral symbols stay as they are; mathematical letters are folded.
  const folded = c >= 0xd800 && c <= 0xdfff && j - i === 2 && !isMathOrEnclosed(original.codePointAt(i) ?? 0) ? cluster : foldCluster(cluster);
  for (let k = 0; k < folded.length; k++) {
    const fc = folded.charCodeAt(k);
    if (isSpaceCode(fc)) pushSpace(u, SPACE, i);
    else u.push(fc, i, j);
  }
  return j;
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

const isL = (u: Units, k: number): boolean => {
  if (k < 0 || k >= u.n) return false;
  const c = u.codes[k]!;
  return c < 0x100 ? LATIN1_LETTER[c] === 1 : isLetterCode(c);
};

/** 1 for code units below U+0100 that have a leet reading (digits, @ $ ! |). */
const LEET_TABLE = new Uint8Array(256);
for (const c of LEET.keys()) if (c < 0x100) LEET_TABLE[c] = 1;

const isDigitAt = (u: Units, k: number): boolean => k >= 0 && k < u.n && u.codes[k]! >= 0x30 && u.codes[k]! <= 0x39 && u.flags[k] === 0;

/** Leet characters inside words become letters ("h3lvete", "j@vla", "sh!t"); bare numbers stay numbers. */
function applyLeet(u: Units): boolean {
  let any = false;
  for (let k = 0; k < u.n; k++) {
    const c = u.codes[k]!;
    if (c < 0x100 ? LEET_TABLE[c] === 0 : c !== 0x20ac) continue;
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
 * separated by one separator, are joined into one word. A wider gap (two or
 * more spaces, a line break) separates words inside such a run:
 * "j a g  s k a  d ö d a  d i g" → "jag ska döda dig".
 */
function mergeSpacedLetters(u: Units): void {
  const n = u.n;
  let w = 0;
  let k = 0;
  while (k < n) {
    if (isL(u, k) && !isL(u, k - 1) && !isL(u, k + 1)) {
      let m = k;
      let count = 1;
      while (m + 2 < n && isSepCode(u.codes[m + 1]!) && isL(u, m + 2) && !isL(u, m + 3)) {
        m += 2;
        count++;
      }
      if (count >= 3) {
        for (let p = k; p <= m; p += 2) {
          u.move(w++, p);
          if (p < m && isWideGap(u, p + 1)) {
            u.move(w, p + 1);
            u.codes[w] = SPACE;
            w++;
          }
        }
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

/** A separator unit standing for two or more spaces, or a line break. */
function isWideGap(u: Units, k: number): boolean {
  const c = u.codes[k]!;
  return c === NL || (c === SPACE && u.end[k]! - u.start[k]! >= 2);
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
