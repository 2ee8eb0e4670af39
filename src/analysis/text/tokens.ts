// Word tokens over the normalised text. A word is a run of letters (Unicode
// \p{L}, so å/ä/ö are letters, unlike JavaScript's \b) or wildcard units.
import type { Normalized } from "./normalize.ts";
import { F_WILD, isLetterCode } from "./normalize.ts";

export interface Tokens {
  readonly count: number;
  /** Normalised start/end offsets of each token. */
  readonly s: Int32Array;
  readonly e: Int32Array;
  /** Sentence number of each token (a sentence ends at . ! ? or a line break). */
  readonly sent: Int32Array;
  /** Token strings (normalised). */
  readonly words: string[];
}

export function tokenize(n: Normalized): Tokens {
  const t = n.text;
  const len = t.length;
  const s: number[] = [];
  const e: number[] = [];
  const sent: number[] = [];
  const words: string[] = [];
  let sentence = 0;
  let i = 0;
  while (i < len) {
    const c = t.charCodeAt(i);
    if (isLetterCode(c) || (n.flags[i]! & F_WILD) !== 0) {
      let j = i + 1;
      while (j < len) {
        const d = t.charCodeAt(j);
        if (isLetterCode(d) || (n.flags[j]! & F_WILD) !== 0) j++;
        else break;
      }
      s.push(i);
      e.push(j);
      sent.push(sentence);
      words.push(t.slice(i, j));
      i = j;
      continue;
    }
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a) {
      // "t.ex." and "3.5" are not sentence ends: require a following space, newline or end.
      const d = i + 1 < len ? t.charCodeAt(i + 1) : 0x20;
      if (c === 0x0a || d === 0x20 || d === 0x0a || d === 0x21 || d === 0x3f || d === 0x2e) {
        if (s.length > 0 && sent[sent.length - 1] === sentence) sentence++;
      }
    }
    i++;
  }
  return { count: s.length, s: Int32Array.from(s), e: Int32Array.from(e), sent: Int32Array.from(sent), words };
}

/** Index of the first token whose start is >= pos (binary search). */
export function tokenAt(tokens: Tokens, pos: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.s[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
