// The two comparison engines of the analyzer benchmark: the `obscenity`
// library as its README recommends it, and a naive single-regex baseline
// built from the Swedish lexicon (what a quick implementation would do).
import { readFileSync } from "node:fs";
import path from "node:path";
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from "obscenity";

const REPO = path.resolve(import.meta.dirname, "../..");

export function createObscenity(): RegExpMatcher {
  return new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
}

interface LexiconEntry {
  w?: string | string[];
  end?: string | string[] | null;
  c?: string;
}

// Only entries that are themselves abusive; the lexicon also lists innocent
// words (allow entries) and neutral group nouns that are hits only in context.
const ABUSIVE = new Set(["profanity", "insult", "hate", "sexism_harassment", "violence_porn", "threat"]);

/**
 * Surface forms of the analyzer's single-word lexicon (stem × endings), read
 * from its data files; falls back to the LDNOOBW Swedish list when the
 * lexicon is missing or has another shape. Returns the words and their source.
 */
export function lexiconWords(): { words: string[]; source: string } {
  try {
    const lex = JSON.parse(readFileSync(path.join(REPO, "src/analysis/lexicons/words.sv.json"), "utf8")) as { entries?: LexiconEntry[] };
    const morph = JSON.parse(readFileSync(path.join(REPO, "src/analysis/lexicons/morphology.sv.json"), "utf8")) as {
      classes?: Record<string, string[]>;
    };
    const words = new Set<string>();
    for (const e of lex.entries ?? []) {
      if (!e.c || !ABUSIVE.has(e.c)) continue;
      const stems = Array.isArray(e.w) ? e.w : e.w ? [e.w] : [];
      // An ending is either a literal or the name of an inflection class.
      const ends = (Array.isArray(e.end) ? e.end : [e.end ?? ""]).flatMap((x) => morph.classes?.[x] ?? [x]);
      for (const stem of stems) for (const end of ends) if (/^\p{L}+$/u.test(stem + end)) words.add((stem + end).toLowerCase());
    }
    if (words.size > 0) return { words: [...words], source: "src/analysis/lexicons/words.sv.json (stem × endings)" };
  } catch {
    // fall through to the shared seed list
  }
  const file = path.resolve(REPO, "../shared/data/lexicons/ldnoobw-v1/sv.json");
  const list = JSON.parse(readFileSync(file, "utf8")) as string[];
  return { words: list.map((w) => w.toLowerCase()), source: "LDNOOBW v1 sv" };
}

/**
 * One alternation, longest words first, with Unicode-aware word boundaries
 * (`\b` treats å/ä/ö as non-letters). Case-insensitive, nothing else: no
 * normalisation, no context, no morphology beyond the listed forms.
 */
export function createNaiveRegex(words: readonly string[]): RegExp {
  const escaped = [...new Set(words)].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

export function naiveMatches(re: RegExp, text: string): string[] {
  return [...text.matchAll(re)].map((m) => m[0]);
}
