// Phrase rules: small word-sequence patterns compiled to linear regular
// expressions over the normalised text, run only when every required word of
// the pattern occurs in the comment (checked with the token matcher's one
// pass), so a clean comment runs almost no regex at all.
//
// Pattern language (documented for lexicon authors in lexicons/README.md):
//   words separated by spaces; `{a|b|}` alternatives inside a word (may hold
//   spaces for multi-word alternatives); a trailing `*` = any further letters;
//   `@NAME` = a word class from classes.sv.json; `~N` = up to N other words
//   (never a negation, never across a sentence end); a leading `?` makes a
//   token optional; a leading `!` marks the primary gate token (long texts
//   are searched only around it). `^` / `$` = start / end of a sentence.
//   Every non-optional word token (literal or class without `re:` members)
//   is a required gate: the regex runs only if all of them occur as words.
//
// Why regexes stay linear: no unbounded nested quantifiers. Separators are one
// bounded character class, gaps are `{0,N}` repetitions of a delimited word,
// so backtracking per start position is bounded by the pattern, not the input.
// (`re2` would guarantee this, but it downloads a native binary at install.)
import { expandBraces } from "./matcher.ts";

export interface WordClass {
  /** Members: brace patterns, may contain spaces (multi-word) and a trailing `*`. */
  members: readonly string[];
  /** For classes with `re:` members: words that must occur whenever a member matches ("kr" for prices). */
  gates?: readonly string[];
}

export interface PhraseRuleDef {
  /** Rule id suffix; the full id is `<category>.<id>`. */
  id: string;
  /** One pattern or several alternatives. */
  p: string | readonly string[];
  /** Confidence 0–1 of a match (default 0.9). */
  conf?: number;
  /** Free tags the detector interprets (e.g. "place", "passive", "report"). */
  tags?: readonly string[];
  /** Override of the category's default legal basis. */
  basis?: "bbs-5" | "page-rule";
}

export interface Gate {
  /** Key in the gate table, e.g. `gate:@DÖDA` or `gate:bränn{a|er}`. */
  key: string;
  /** Word forms (exact) and prefixes (`*`) that open the gate. */
  forms: string[];
}

export interface CompiledPhrase {
  id: string;
  category: string;
  re: RegExp;
  /** Primary gate key (windows on long texts are centred on its occurrences). */
  gate: string;
  /** All required gate keys (the primary one included). */
  requires: readonly string[];
  /** Filled in by the lexicon builder: gate ids of `gate` and `requires`. */
  gateId: number;
  requireIds: Int32Array;
  /**
   * Anchored search: the same regex, sticky, tried only at the word starts
   * at most `maxBefore` words before each gate word (null when a match may
   * start at a number, e.g. with a price). Without the leading word-start
   * check: run WORD_START at the same position first.
   */
  sticky: RegExp | null;
  /** Whether the rule is searched anchored (`sticky` is non-null), known without building the regex. */
  anchored: boolean;
  /** Gate key the anchored search centres on, and its id (filled in by the lexicon builder). */
  anchor: string;
  anchorId: number;
  maxBefore: number;
  conf: number;
  tags: readonly string[];
  basis?: "bbs-5" | "page-rule";
}

const SEP = "[ ,:;\"'”“’‘»«()\\-–]{1,4}";
const NEG = "(?!(?:inte|aldrig|ej|icke|knappast|inga|ingen)(?![\\p{L}]))";
const GAP_WORD = `${NEG}[^ .!?\\n]{1,40}${SEP}`;
const B_START = "(?<![\\p{L}\\p{N}*])";
/**
 * The word-start check of every pattern on its own. A sticky regex can only
 * match at `lastIndex`, so its leading `B_START` is the same test for every
 * alternative: the anchored forms leave it out and the caller runs this one
 * compiled regex instead. Each `\p{L}` class costs about a millisecond to
 * compile (per regex, per string width, per tier), which made compiling the
 * phrase rules a large part of a run.
 */
export const WORD_START = new RegExp(B_START, "yu");
const B_END = "(?![\\p{L}\\p{N}*])";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Literals are normalised like comment text: lowercase, and a hyphen between
 * letters is a compound joiner that the normaliser drops ("sms-lån" → "smslån").
 */
export function normalizeLiteral(s: string): string {
  // Class references (@PRICE) keep their case.
  return s.replace(/@[A-Z_]+|[^@]+|@/g, (seg) =>
    /^@[A-Z_]+$/.test(seg) ? seg : foldDiacritics(seg.toLowerCase()).replace(/(?<=\p{L}{2})-(?=\p{L}{2})/gu, ""),
  );
}

/** Like the normaliser: é → e, ü → u, æ → ä, ø → ö; å, ä, ö stay. */
function foldDiacritics(s: string): string {
  if (/^[ -~åäö]*$/.test(s)) return s;
  return s
    .normalize("NFD")
    .replace(/a\u030a/g, "å")
    .replace(/a\u0308/g, "ä")
    .replace(/o\u0308/g, "ö")
    .replace(/\p{M}/gu, "")
    .replace(/æ/g, "ä")
    .replace(/ø/g, "ö");
}

/**
 * Convert one brace word pattern (may contain spaces and a trailing `*`) to a
 * regex source. An alternative inside braces may be a class (`{ring|@PRICE}`).
 */
function wordSource(raw: string, classes: Readonly<Record<string, WordClass>>): string {
  const p = normalizeLiteral(raw);
  let out = "";
  let i = 0;
  // A leading `*`: any compound ending in the word ("*skolan" matches "sylteskolan").
  if (p.startsWith("*")) {
    out = "\\p{L}*";
    i = 1;
  }
  while (i < p.length) {
    const ch = p[i]!;
    if (ch === "{") {
      const close = p.indexOf("}", i);
      if (close < 0) throw new Error(`unbalanced brace in "${p}"`);
      if (p.slice(i + 1, close).includes("{")) throw new Error(`nested braces are not supported: "${raw}"`);
      const alts = p
        .slice(i + 1, close)
        .split("|")
        .map((a) => (a.startsWith("@") ? classSourceOf(a, classes) : altSource(a)));
      out += `(?:${alts.join("|")})`;
      i = close + 1;
    } else if (ch === "*" && i === p.length - 1) {
      out += "\\p{L}*";
      i++;
    } else if (ch === " ") {
      // "skjuta {ihjäl|ner|}": a following group with an empty alternative
      // takes its separator with it, so "skjuta dig" still matches.
      const close = p[i + 1] === "{" ? p.indexOf("}", i + 1) : -1;
      const group = close > 0 ? p.slice(i + 2, close).split("|") : [];
      if (close > 0 && group.includes("") && !p.slice(i + 2, close).includes("{")) {
        const alts = group.filter((a) => a !== "").map(altSource);
        out += `(?:${SEP}(?:${alts.join("|")}))?`;
        i = close + 1;
      } else {
        out += SEP;
        i++;
      }
    } else {
      out += escapeRe(ch);
      i++;
    }
  }
  return out;
}

/** Split a pattern into tokens at top-level spaces (spaces inside braces belong to the word). */
function splitTokens(p: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of p.trim()) {
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    if (ch === " " && depth === 0) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Function words that occur in nearly every comment: never chosen to gate a multi-word form. */
const STOPWORDS = new Set([
  "och", "att", "på", "i", "av", "för", "med", "till", "som", "det", "en", "ett", "den", "är", "var", "har", "hade", "jag", "du", "vi",
  "ni", "de", "dom", "han", "hon", "inte", "så", "om", "men", "ska", "kan", "vill", "mig", "dig", "er", "sig", "oss", "ut", "in", "upp",
  "ner", "från", "efter", "när", "nu", "här", "där", "alla", "allt", "min", "din", "sin", "mitt", "ditt", "blir", "bli", "få", "får",
]);

/**
 * Forms of a gate token: exact words, and prefixes ending in `*`; multi-word
 * members gate on their first word. Null when some alternative cannot be
 * recognised as a word (a `re:` member, a number, an empty alternative): then
 * the token is not required.
 */
const gateForms = memoPerClasses(function gateForms(token: string, classes: Readonly<Record<string, WordClass>>): string[] | null {
  if (token.startsWith("@")) {
    const cls = classOf(token, classes);
    if (cls.gates) return [...cls.gates];
  }
  const members = token.startsWith("@") ? classOf(token, classes).members : [token];
  const out: string[] = [];
  for (const m of members) {
    if (m.startsWith("re:")) return null;
    for (const form of expandBraces(m)) {
      if (form.startsWith("@")) {
        const sub = gateForms(form, classes);
        if (!sub) return null;
        out.push(...sub);
        continue;
      }
      // A multi-word form gates on its longest word ("ta livet av" on "livet",
      // "har stulit" on "stulit"): common short words would open the gate everywhere.
      const words = normalizeLiteral(form).split(" ").filter((w) => w.length > 0);
      const content = words.filter((w) => !STOPWORDS.has(w));
      const pool = content.length ? content : words;
      let best = pool[0] ?? "";
      for (const w of pool) if (w.replace(/\*/g, "").length > best.replace(/\*/g, "").length) best = w;
      if (!/^\*?\p{L}/u.test(best)) return null;
      out.push(best);
    }
  }
  return out;
});

/** One brace alternative: words joined by separators; a leading or trailing `*` = any letters. */
function altSource(a: string): string {
  const head = a.startsWith("*") ? "\\p{L}*" : "";
  const body = a.startsWith("*") ? a.slice(1) : a;
  const tail = body.endsWith("*") ? "\\p{L}*" : "";
  return head + (tail ? body.slice(0, -1) : body).split(" ").map(escapeRe).join(SEP) + tail;
}

/** A class as one alternation; `re:` members are raw regex sources (linear by review). */
function classSource(c: WordClass, classes: Readonly<Record<string, WordClass>>): string {
  // Compound-suffix members ("*huset", "*skolan") share one `\p{L}*`: one
  // alternative per suffix would each backtrack over the whole word.
  const suffixes = c.members.filter((m) => m.startsWith("*") && !/[{} ]/.test(m)).map((m) => escapeRe(normalizeLiteral(m.slice(1))));
  const rest = c.members.filter((m) => !(m.startsWith("*") && !/[{} ]/.test(m)));
  const alts = rest.map((m) => (m.startsWith("re:") ? m.slice(3) : wordSource(m, classes)));
  if (suffixes.length) alts.push(`\\p{L}*(?:${suffixes.join("|")})`);
  return `(?:${alts.join("|")})`;
}

/** A class token's regex source (`@HARM`): one class recurs in hundreds of patterns. */
const classSourceOf = memoPerClasses((token: string, classes: Readonly<Record<string, WordClass>>): string => classSource(classOf(token, classes), classes));

/**
 * Memoise a pure function of a pattern token per class table: compiling the
 * phrase rules otherwise recomputes the same class expansions for every
 * pattern that uses them (a large part of building an analyzer). Results are
 * shared, so callers must not mutate them.
 */
function memoPerClasses<T>(fn: (token: string, classes: Readonly<Record<string, WordClass>>) => T): (token: string, classes: Readonly<Record<string, WordClass>>) => T {
  const cache = new WeakMap<object, Map<string, T>>();
  return (token, classes) => {
    let m = cache.get(classes);
    if (!m) cache.set(classes, (m = new Map()));
    if (m.has(token)) return m.get(token) as T;
    const v = fn(token, classes);
    m.set(token, v);
    return v;
  };
}

function classOf(token: string, classes: Readonly<Record<string, WordClass>>): WordClass {
  const c = classes[token.slice(1)];
  if (!c) throw new Error(`unknown word class ${token}`);
  return c;
}

const SENT_START = "(?<=^|[.!?\\n][ ]?|[.!?\\n][\"'”]?[ ]?)";
const SENT_END = "(?=[ ,\"'”]{0,3}(?:[.!?\\n]|$))";

export function compilePattern(
  pattern: string,
  classes: Readonly<Record<string, WordClass>>,
): {
  source: string;
  /** `source` without the leading word-start check, for sticky use with WORD_START. */
  anchoredSource: string;
  gate: Gate;
  requires: Gate[];
  maxBefore: number;
  anchorable: boolean;
  anchor: Gate | null;
  anchorBefore: number;
} {
  const toks = splitTokens(pattern);
  let gate: Gate | null = null;
  // Word slots from the start of a match to each token, for anchored search:
  // a match starts at most `maxBefore` words before its gate word.
  let slots = 0;
  let anchorable = true;
  let gateSlots = -1;
  const slotsOf = new Map<string, number>();
  // The first required word: a match starts at most `anchorBefore` words before it.
  let anchor: Gate | null = null;
  let anchorBefore = 0;
  const requires: Gate[] = [];
  let src = "";
  let first = true;
  // After an optional first token the separator is inside its group.
  let sepInside = false;
  let pendingGap = "";
  let startAnchor = false;
  let endAnchor = false;
  for (let raw of toks) {
    if (/^~\d+$/.test(raw)) {
      pendingGap = `(?:${GAP_WORD}){0,${raw.slice(1)}}`;
      slots += Number(raw.slice(1));
      continue;
    }
    if (raw === "^") {
      if (!first) throw new Error(`"^" must come first in "${pattern}"`);
      startAnchor = true;
      continue;
    }
    if (raw === "$") {
      endAnchor = true;
      // "… ~3 $": up to N more words before the sentence ends.
      if (pendingGap) {
        src += `(?:${SEP}${NEG}[^ .!?\\n]{1,40}){0,${/\{0,(\d+)\}$/.exec(pendingGap)![1]}}`;
        pendingGap = "";
      }
      continue;
    }
    if (endAnchor) throw new Error(`"$" must come last in "${pattern}"`);
    let optional = false;
    let isGate = false;
    while (raw.startsWith("?") || raw.startsWith("!")) {
      if (raw[0] === "?") optional = true;
      else isGate = true;
      raw = raw.slice(1);
    }
    // "{en|ett|}": an empty alternative makes the whole word optional.
    if (!raw.startsWith("@") && /^\{[^{}]*\}$/.test(raw) && expandBraces(raw).includes("")) {
      optional = true;
      raw = raw.replace(/\|\}$/, "}").replace(/^\{\|/, "{").replace(/\|\|/g, "|");
    }
    const body = raw.startsWith("@") ? classSourceOf(raw, classes) : wordSource(raw, classes);
    const g = optional ? null : gateOf(raw, classes);
    if (g && !requires.some((r) => r.key === g.key)) requires.push(g);
    if (g && !slotsOf.has(g.key)) slotsOf.set(g.key, slots + tokenInfo(raw, classes).maxWords - 1);
    if (g && !anchor && anchorable) {
      anchor = g;
      anchorBefore = slots + tokenInfo(raw, classes).maxWords - 1;
    }
    const info = tokenInfo(raw, classes);
    if (anchor === g && g && !info.letterOnly) anchor = null;
    // The gate word of a multi-word form may be its last word ("ta livet av" opens on "livet").
    if (isGate && g) {
      gate = g;
      gateSlots = slots + info.maxWords - 1;
    }
    // Tokens up to the gate must start at a word (not a number) for anchoring.
    if (gateSlots < 0 && !info.letterOnly) anchorable = false;
    slots += info.maxWords;
    if (first) {
      src = optional ? `(?:${pendingGap}${body}${SEP})?` : `${pendingGap}${body}`;
      sepInside = optional;
    } else {
      const piece = `${sepInside ? "" : SEP}${pendingGap}${body}`;
      src += optional ? `(?:${piece})?` : piece;
      sepInside = false;
    }
    first = false;
    pendingGap = "";
  }
  // The marked token is the primary gate; when it cannot be one (a symbol, a
  // number), the first required word takes its place.
  gate ??= requires[0] ?? null;
  if (!gate) throw new Error(`pattern needs at least one required word: "${pattern}"`);
  if (gateSlots < 0) gateSlots = slotsOf.get(gate.key) ?? 0;
  // A trailing gap adds nothing to a match; it is ignored.
  const tail = `(?:${src})${B_END}${endAnchor ? SENT_END : ""}`;
  const head = startAnchor ? SENT_START : "";
  return { source: `${head}${B_START}${tail}`, anchoredSource: `${head}${tail}`, gate, requires, maxBefore: gateSlots, anchorable, anchor, anchorBefore };
}

/** How many words a token can span, and whether every form starts with a letter word. */
const tokenInfo = memoPerClasses(function tokenInfo(raw: string, classes: Readonly<Record<string, WordClass>>): { maxWords: number; letterOnly: boolean } {
  const members = raw.startsWith("@") ? classOf(raw, classes).members : [raw];
  let maxWords = 1;
  let letterOnly = true;
  for (const m of members) {
    if (m.startsWith("re:")) {
      letterOnly = false;
      maxWords = Math.max(maxWords, 4);
      continue;
    }
    for (const form of expandBraces(m)) {
      if (form.startsWith("@")) {
        const sub = tokenInfo(form, classes);
        maxWords = Math.max(maxWords, sub.maxWords);
        letterOnly &&= sub.letterOnly;
        continue;
      }
      const lit = normalizeLiteral(form);
      // Words as the tokenizer sees them: runs of letters.
      maxWords = Math.max(maxWords, lit.split(/[^\p{L}*]+/u).filter(Boolean).length);
      if (!/^\*?\p{L}/u.test(lit)) letterOnly = false;
    }
  }
  return { maxWords, letterOnly };
});

/** The gate of a required token, or null when it cannot be one (a class with `re:` members, no letters). */
function gateOf(raw: string, classes: Readonly<Record<string, WordClass>>): Gate | null {
  const forms = gateForms(raw, classes);
  return forms && forms.length > 0 ? { key: `gate:${raw}`, forms } : null;
}

/**
 * Compile a category's phrase rules. Alternative patterns with the same
 * required words share one regex.
 */
export function compilePhrases(
  category: string,
  defs: readonly PhraseRuleDef[],
  classes: Readonly<Record<string, WordClass>>,
): { rules: CompiledPhrase[]; gates: Gate[] } {
  const rules: CompiledPhrase[] = [];
  const gates = new Map<string, Gate>();
  for (const def of defs) {
    const patterns = typeof def.p === "string" ? [def.p] : def.p;
    const groups = new Map<
      string,
      {
        gate: string;
        requires: string[];
        sources: string[];
        anchoredSources: string[];
        maxBefore: number;
        anchorable: boolean;
        anchors: Set<string>;
        anchorBefore: number;
      }
    >();
    for (const p of patterns) {
      const { source, anchoredSource, gate, requires, maxBefore, anchorable, anchor, anchorBefore } = compilePattern(p, classes);
      for (const g of requires) if (!gates.has(g.key)) gates.set(g.key, g);
      const req = requires.map((g) => g.key).sort();
      const key = `${gate.key}|${req.join("|")}`;
      const grp = groups.get(key) ?? {
        gate: gate.key,
        requires: req,
        sources: [],
        anchoredSources: [],
        maxBefore: 0,
        anchorable: true,
        anchors: new Set<string>(),
        anchorBefore: 0,
      };
      grp.sources.push(source);
      grp.anchoredSources.push(anchoredSource);
      grp.maxBefore = Math.max(grp.maxBefore, maxBefore);
      grp.anchorable &&= anchorable;
      grp.anchors.add(anchor?.key ?? "");
      grp.anchorBefore = Math.max(grp.anchorBefore, anchorBefore);
      groups.set(key, grp);
    }
    for (const grp of groups.values()) {
      const join = (xs: string[]): string => (xs.length === 1 ? xs[0]! : xs.map((s) => `(?:${s})`).join("|"));
      const source = join(grp.sources);
      const anchoredSource = grp.anchorable ? join(grp.anchoredSources) : null;
      // Building a RegExp parses it (Unicode classes make that costly: about
      // 0.8 s for all rules, in every process and every CLI worker), and most
      // comments open the gates of only a few rules. So both forms are built
      // on first use; an anchorable rule never builds its unanchored form.
      // The lexicon tests build every regex, so a bad pattern still fails there.
      let re: RegExp | null = null;
      let sticky: RegExp | null = null;
      rules.push({
        id: `${category}.${def.id}`,
        category,
        get re(): RegExp {
          return (re ??= new RegExp(source, "gu"));
        },
        get sticky(): RegExp | null {
          return anchoredSource === null ? null : (sticky ??= new RegExp(anchoredSource, "yu"));
        },
        anchored: anchoredSource !== null,
        // Anchor on the first required word when every alternative starts with the same one.
        anchor: grp.anchors.size === 1 && !grp.anchors.has("") ? [...grp.anchors][0]! : grp.gate,
        maxBefore: grp.anchors.size === 1 && !grp.anchors.has("") ? grp.anchorBefore : grp.maxBefore,
        anchorId: -1,
        gate: grp.gate,
        requires: grp.requires,
        gateId: -1,
        requireIds: new Int32Array(0),
        conf: def.conf ?? 0.9,
        tags: def.tags ?? [],
        ...(def.basis ? { basis: def.basis } : {}),
      });
    }
  }
  return { rules, gates: [...gates.values()] };
}
