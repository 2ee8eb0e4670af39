// Page rules as analyzer input. The published page rules (sidregler) decide what
// is removed; this module turns them into per-category switches, thresholds and
// actions. Defaults follow the Trollhättan seed and DOMAIN.md.
import type { Action, CategoryId } from "./types.ts";
import { ACTION_RANK, CATEGORY_IDS } from "./types.ts";

export interface CategoryRule {
  /** Whether the page rules forbid this category at all. Off → no findings of it. */
  enabled: boolean;
  /** Minimum confidence (0–1) for a finding to be reported and labelled. */
  threshold: number;
  /** Recommended action for a finding at or above the threshold. */
  action: Action;
}

export interface LocalParty {
  /** Full name as written, e.g. "Trollhättepartiet". Inflections (-s, -n, -na) are matched too. */
  name: string;
  /** Optional abbreviation, e.g. "THP"; matched case-sensitively as a whole word. */
  abbreviation?: string;
}

export interface SpamRules {
  /** Cross-comment window: comments older than this (by `at`, else by arrival) are forgotten. */
  windowMinutes: number;
  /** Upper bound on remembered comments (memory bound; oldest are evicted first). */
  maxHistory: number;
  /** Texts shorter than this (after normalisation) never count as cross-comment spam ("Grattis!"). */
  minChars: number;
  /** Same author posting near-identical text this many times within the window → spam. */
  sameAuthorRepeats: number;
  /** Distinct authors posting the same near-identical text this many times within the window → spam. */
  crossAuthorRepeats: number;
  /**
   * The same for a text that carries a link: a second account pasting the same
   * link-bearing text is already a spam campaign (link spam is what sells).
   */
  crossAuthorRepeatsWithLink: number;
  /** Max Hamming distance between 64-bit SimHashes to count as near-identical (0–64). */
  maxHammingDistance: number;
}

export interface ExternalClassifierRules {
  /** HTTP(S) URL that receives `POST` with the JSON contract in `detectors/external-classifier.ts`. */
  url: string;
  /** Give up after this many milliseconds; the local result is then returned unchanged. */
  timeoutMs: number;
  /** Optional bearer token sent as `Authorization: Bearer …`. */
  token?: string;
}

export interface PageRules {
  /** Version label of the published page rules, recorded with decisions. */
  version: string;
  /** Per category: on/off, threshold, action. */
  categories: Record<CategoryId, CategoryRule>;
  /**
   * Words that are never counted by the lexical detectors, e.g. a local place or
   * family name that contains a trigger string. Matched on normalised whole tokens
   * (lowercase, å/ä/ö kept).
   */
  allowWords: string[];
  /**
   * Extra forbidden words per category (page-specific), matched as whole normalised
   * tokens plus common Swedish endings (-en, -et, -ar, -er, -or, -na, -s).
   */
  denyWords: { word: string; category: CategoryId }[];
  /** Local parties (kommunala partier) in addition to the national ones. */
  localParties: LocalParty[];
  spam: SpamRules;
  /** Optional external classifier, used only by `analyzeAsync`; off when absent. */
  externalClassifier?: ExternalClassifierRules;
}

const rule = (threshold: number, action: Action): CategoryRule => ({ enabled: true, threshold, action });

export const DEFAULT_PAGE_RULES: PageRules = Object.freeze({
  version: "default-1",
  categories: {
    // Personal data is hidden at once pending review: privacy harm happens on display.
    personal_data: rule(0.5, "hide"),
    // Olaga hot: hide, escalate and suggest a police report with the evidence.
    threat: rule(0.5, "hide_escalate"),
    insult: rule(0.5, "review"),
    hate: rule(0.5, "hide_escalate"),
    sexism_harassment: rule(0.5, "hide"),
    violence_porn: rule(0.5, "hide_escalate"),
    crime_incitement: rule(0.5, "hide_escalate"),
    copyright: rule(0.5, "hide"),
    profanity: rule(0.5, "review"),
    commercial: rule(0.5, "hide"),
    party_political: rule(0.5, "review"),
    spam: rule(0.5, "hide"),
    misleading: rule(0.5, "hide"),
  },
  allowWords: [],
  denyWords: [],
  localParties: [],
  spam: {
    windowMinutes: 60,
    maxHistory: 5000,
    minChars: 20,
    sameAuthorRepeats: 2,
    crossAuthorRepeats: 3,
    crossAuthorRepeatsWithLink: 2,
    maxHammingDistance: 6,
  },
}) as PageRules;

/** Thrown by `resolvePageRules` on invalid configuration (at set-up, never during analysis). */
export class PageRulesError extends Error {
  override name = "PageRulesError";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Merge partial page rules over the defaults and validate them. Category rules
 * merge field by field, so `{categories: {profanity: {enabled: false}}}` is enough.
 */
export function resolvePageRules(partial: unknown = {}): PageRules {
  if (!isRecord(partial)) throw new PageRulesError("sidregler måste vara ett objekt / page rules must be an object");
  const base = DEFAULT_PAGE_RULES;
  const categories = {} as Record<CategoryId, CategoryRule>;
  const inCats = partial.categories ?? {};
  if (!isRecord(inCats)) throw new PageRulesError("categories måste vara ett objekt / categories must be an object");
  for (const key of Object.keys(inCats)) {
    if (!(CATEGORY_IDS as readonly string[]).includes(key)) {
      throw new PageRulesError(`okänd kategori / unknown category: ${key}`);
    }
  }
  for (const id of CATEGORY_IDS) {
    const over = inCats[id] ?? {};
    if (!isRecord(over)) throw new PageRulesError(`categories.${id} måste vara ett objekt / must be an object`);
    const merged: CategoryRule = { ...base.categories[id], ...(over as Partial<CategoryRule>) };
    if (typeof merged.enabled !== "boolean") throw new PageRulesError(`categories.${id}.enabled: boolean`);
    if (typeof merged.threshold !== "number" || !(merged.threshold >= 0 && merged.threshold <= 1)) {
      throw new PageRulesError(`categories.${id}.threshold: tal 0–1 / number 0–1`);
    }
    if (!(merged.action in ACTION_RANK)) throw new PageRulesError(`categories.${id}.action: okänd åtgärd / unknown action`);
    categories[id] = merged;
  }
  const allowWords = stringList(partial.allowWords ?? base.allowWords, "allowWords");
  const denyRaw = partial.denyWords ?? base.denyWords;
  if (!Array.isArray(denyRaw)) throw new PageRulesError("denyWords: lista / list");
  const denyWords = denyRaw.map((d, i) => {
    if (!isRecord(d) || typeof d.word !== "string" || !(CATEGORY_IDS as readonly unknown[]).includes(d.category)) {
      throw new PageRulesError(`denyWords[${i}]: {word, category}`);
    }
    return { word: d.word, category: d.category as CategoryId };
  });
  const partiesRaw = partial.localParties ?? base.localParties;
  if (!Array.isArray(partiesRaw)) throw new PageRulesError("localParties: lista / list");
  const localParties = partiesRaw.map((p, i): LocalParty => {
    if (!isRecord(p) || typeof p.name !== "string" || p.name.trim() === "") {
      throw new PageRulesError(`localParties[${i}]: {name, abbreviation?}`);
    }
    if (p.abbreviation !== undefined && typeof p.abbreviation !== "string") {
      throw new PageRulesError(`localParties[${i}].abbreviation: sträng / string`);
    }
    return p.abbreviation ? { name: p.name, abbreviation: p.abbreviation } : { name: p.name };
  });
  const spamIn = partial.spam ?? {};
  if (!isRecord(spamIn)) throw new PageRulesError("spam måste vara ett objekt / must be an object");
  const spam: SpamRules = { ...base.spam, ...(spamIn as Partial<SpamRules>) };
  for (const [k, v] of Object.entries(spam)) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new PageRulesError(`spam.${k}: icke-negativt tal / non-negative number`);
  }
  const out: PageRules = {
    version: typeof partial.version === "string" ? partial.version : base.version,
    categories,
    allowWords,
    denyWords,
    localParties,
    spam,
  };
  const ext = partial.externalClassifier;
  if (ext !== undefined && ext !== null) {
    if (!isRecord(ext) || typeof ext.url !== "string" || !/^https?:\/\//.test(ext.url)) {
      throw new PageRulesError("externalClassifier.url: http(s)-URL");
    }
    const timeoutMs = ext.timeoutMs ?? 1500;
    if (typeof timeoutMs !== "number" || !(timeoutMs > 0)) throw new PageRulesError("externalClassifier.timeoutMs: > 0");
    out.externalClassifier = { url: ext.url, timeoutMs, ...(typeof ext.token === "string" ? { token: ext.token } : {}) };
  }
  return out;
}

function stringList(v: unknown, name: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new PageRulesError(`${name}: lista av strängar / list of strings`);
  return [...(v as string[])];
}
