// Loads the lexicon data files and compiles them, together with the page rules
// and the organisation profile, into one token matcher and per-category phrase
// rules. Built once per analyzer; nothing here runs per comment.
import morphology from "./morphology.sv.json" with { type: "json" };
import words from "./words.sv.json" with { type: "json" };
import classesFile from "./classes.sv.json" with { type: "json" };
import partiesFile from "./parties.sv.json" with { type: "json" };
import domainsFile from "./domains.json" with { type: "json" };
import threat from "./phrases/threat.sv.json" with { type: "json" };
import hate from "./phrases/hate.sv.json" with { type: "json" };
import insult from "./phrases/insult.sv.json" with { type: "json" };
import sexism from "./phrases/sexism_harassment.sv.json" with { type: "json" };
import crime from "./phrases/crime_incitement.sv.json" with { type: "json" };
import copyright from "./phrases/copyright.sv.json" with { type: "json" };
import commercial from "./phrases/commercial.sv.json" with { type: "json" };
import party from "./phrases/party_political.sv.json" with { type: "json" };
import misleading from "./phrases/misleading.sv.json" with { type: "json" };
import violencePorn from "./phrases/violence_porn.sv.json" with { type: "json" };
import personal from "./phrases/personal_data.sv.json" with { type: "json" };
import context from "./phrases/context.sv.json" with { type: "json" };
import type { CategoryId, OrgProfile } from "../types.ts";
import type { PageRules } from "../rules.ts";
import { expandBraces, LexMatcher } from "../text/matcher.ts";
import type { CompiledPhrase, PhraseRuleDef, WordClass } from "../text/phrases.ts";
import { compilePhrases, normalizeLiteral } from "../text/phrases.ts";

/** Phrase files by the key detectors use (`context` holds mention/report/counter cues). */
// JSON imports are typed structurally (basis: string); the shapes are checked by lexicons.test.ts.
const PHRASE_FILES = {
  threat,
  hate,
  insult,
  sexism_harassment: sexism,
  crime_incitement: crime,
  copyright,
  commercial,
  party_political: party,
  misleading,
  violence_porn: violencePorn,
  personal_data: personal,
  context,
} as unknown as Readonly<Record<string, { rules: readonly PhraseRuleDef[] }>>;

interface WordEntryDef {
  id: string;
  w: readonly string[];
  end: readonly string[] | null;
  c: string;
  s: number;
  mod?: boolean | readonly string[];
  head?: boolean;
  tags: readonly string[];
}

export interface PartyDef {
  abbr: string;
  names: readonly string[];
  abbreviations: readonly string[];
  leaders: readonly string[];
  sites: readonly string[];
}

export interface Domains {
  porn: ReadonlySet<string>;
  gore: ReadonlySet<string>;
  pirate: ReadonlySet<string>;
  shorteners: ReadonlySet<string>;
  freemail: ReadonlySet<string>;
  publicBodies: ReadonlySet<string>;
  partySites: ReadonlySet<string>;
  /** Substrings of pirate and stream-ripping hosts. */
  pirateKeywords: readonly string[];
}

export interface Lexicon {
  matcher: LexMatcher;
  /** Compiled phrase rules per category key. */
  phrases: ReadonlyMap<string, readonly CompiledPhrase[]>;
  /** Gate key → small integer id (index into the per-comment fired-gates array). */
  gateIds: ReadonlyMap<string, number>;
  gateCount: number;
  domains: Domains;
  parties: readonly PartyDef[];
}

const ENDING_CLASSES = morphology.classes as Readonly<Record<string, readonly string[]>>;

function resolveEndings(end: readonly string[] | null): ReadonlySet<string> | null {
  if (end === null) return null;
  const out = new Set<string>();
  for (const e of end) {
    const cls = ENDING_CLASSES[e];
    if (cls) for (const x of cls) out.add(x);
    else out.add(e);
  }
  return out;
}

const GENERIC_ENDINGS: readonly string[] = ["", "en", "et", "er", "ar", "or", "na", "n", "s", "ens", "ets", "arna", "erna", "orna"];
const VOWEL_STEM_ENDINGS: readonly string[] = ["ar", "arna", "or", "orna", "er", "erna", "ars", "ors"];

function addWordEntries(m: LexMatcher): void {
  for (const def of words.entries as readonly WordEntryDef[]) {
    const endings = resolveEndings(def.end);
    for (const pattern of def.w) {
      for (const raw of expandBraces(pattern)) {
        const form = normalizeLiteral(raw);
        if (!/^\p{L}+$/u.test(form)) throw new Error(`lexicon form must be one word: "${raw}" (${def.id})`);
        m.add({
          id: def.c === "innocent" ? `innocent.${def.id}` : `${def.c}.${def.id}`,
          kind: def.c,
          form,
          endings,
          modifier: def.mod ?? false,
          head: def.head ?? false,
          severity: def.s,
          tags: def.tags,
        });
      }
    }
  }
}

/** Gate word forms → matcher gate entries (exact words, or prefixes written with a trailing `*`). */
function addGates(m: LexMatcher, gateIds: Map<string, number>, key: string, forms: readonly string[]): void {
  if (gateIds.has(key)) return;
  const id = gateIds.size;
  gateIds.set(key, id);
  for (const f of forms) {
    let lit = normalizeLiteral(f);
    const head = lit.startsWith("*");
    if (head) lit = lit.slice(1);
    const prefix = lit.endsWith("*");
    const run = /^\p{L}+/u.exec(lit)?.[0];
    if (!run) continue;
    m.addGate(run, prefix && run.length === lit.length - 1, id, head);
  }
}

function partyClasses(localParties: PageRules["localParties"]): Record<string, WordClass> {
  const parties = partiesFile.parties as readonly PartyDef[];
  const names: string[] = [];
  const abbreviations: string[] = [];
  for (const p of parties) {
    names.push(...p.names, ...p.leaders);
    abbreviations.push(...p.abbreviations);
  }
  for (const lp of localParties) {
    const n = normalizeLiteral(lp.name.trim());
    // Local party names inflect like other names: -s, -n, -na, -ns.
    names.push(`${n}{|s|n|na|ns|t|ts}`);
    if (lp.abbreviation) abbreviations.push(normalizeLiteral(lp.abbreviation));
  }
  const literal = (xs: string[]) => xs.map(normalizeLiteral);
  return {
    PARTY_NAME: { members: literal(names) },
    PARTY: { members: [...literal(names), ...literal(abbreviations).map((a) => `${a}{|:s|-}`)] },
  };
}

function orgClasses(org: OrgProfile | undefined): Record<string, WordClass> {
  const never = { members: ["re:(?!)"] };
  if (!org || !org.name.trim()) return { ORG: never, ORG_GEN: never };
  const name = normalizeLiteral(org.name.trim()).replace(/[^\p{L} ]/gu, "");
  // "Trollhättans Stad" → also "trollhättan", "trollhättans stad", "staden".
  const first = name.split(" ")[0] ?? name;
  const base = first.endsWith("s") ? first.slice(0, -1) : first;
  const forms = [...new Set([name, first, base, `${base} kommun`, `${base}s kommun`, `${base}s stad`])].filter(Boolean);
  return {
    ORG: { members: forms },
    ORG_GEN: { members: [...new Set(forms.map((f) => (f.endsWith("s") ? f : `${f}s`)))] },
  };
}

// Compiling the lexicon takes ~100 ms; analyzers with the same page rules and
// organisation share one (the lexicon is immutable once built).
const built = new Map<string, Lexicon>();

export function buildLexicon(opts: { rules: PageRules; org?: OrgProfile }): Lexicon {
  const key = JSON.stringify([opts.rules.allowWords, opts.rules.denyWords, opts.rules.localParties, opts.org?.name ?? ""]);
  const cached = built.get(key);
  if (cached) return cached;
  const lex = compileLexicon(opts);
  if (built.size >= 16) built.delete(built.keys().next().value!);
  built.set(key, lex);
  return lex;
}

function compileLexicon(opts: { rules: PageRules; org?: OrgProfile }): Lexicon {
  const matcher = new LexMatcher();
  addWordEntries(matcher);
  for (const w of opts.rules.allowWords) {
    const form = normalizeLiteral(w.trim());
    if (!/^\p{L}+$/u.test(form)) continue;
    matcher.add({ id: "innocent.allow", kind: "innocent", form, endings: null, modifier: false, head: true, severity: 0, tags: ["allow"] });
  }
  for (const d of opts.rules.denyWords) {
    const form = normalizeLiteral(d.word.trim());
    if (!/^\p{L}+$/u.test(form)) continue;
    const entry = { id: `${d.category}.deny`, kind: d.category, modifier: false, head: true, severity: 3, tags: ["deny"] };
    matcher.add({ ...entry, form, endings: new Set(GENERIC_ENDINGS) });
    // "tomtenisse" → "tomtenissar", "tomtenissarna": a final vowel gives way to the plural ending.
    if (/[aeo]$/.test(form) && form.length > 3) matcher.add({ ...entry, form: form.slice(0, -1), endings: new Set(VOWEL_STEM_ENDINGS) });
  }
  const classes: Record<string, WordClass> = {
    ...(classesFile.classes as Record<string, WordClass>),
    ...partyClasses(opts.rules.localParties),
    ...orgClasses(opts.org),
  };
  const gateIds = new Map<string, number>();
  const phrases = new Map<string, CompiledPhrase[]>();
  for (const [key, file] of Object.entries(PHRASE_FILES)) {
    const { rules, gates } = compilePhrases(key, file.rules, classes);
    for (const g of gates) addGates(matcher, gateIds, g.key, g.forms);
    for (const r of rules) {
      r.gateId = gateIds.get(r.gate)!;
      r.anchorId = gateIds.get(r.anchor)!;
      r.requireIds = Int32Array.from(r.requires.map((k) => gateIds.get(k)!));
    }
    phrases.set(key, rules);
  }
  const parties = partiesFile.parties as readonly PartyDef[];
  const d = domainsFile;
  return {
    matcher,
    phrases,
    gateIds,
    gateCount: gateIds.size,
    parties,
    domains: {
      porn: new Set(d.porn),
      gore: new Set(d.gore),
      pirate: new Set(d.pirate),
      shorteners: new Set(d.shorteners),
      freemail: new Set(d.freemail),
      publicBodies: new Set(d.publicBodies),
      partySites: new Set(parties.flatMap((p) => p.sites)),
      pirateKeywords: d.pirateKeywords,
    },
  };
}

export type { CategoryId };
