// The Swedish development suite: loading, running an analyzer over it in file
// order (the cross-comment spam detector needs the history), and scoring the
// way the issue states its targets: per-category precision/recall/F1,
// macro-F1 over the 13 categories, the false-positive rate on acceptable
// comments (RF 1:9: hiding lawful criticism is the worst error) and
// personnummer recall. Scores also break down by functional case (HateCheck
// style), so a regression names the kind of comment that broke.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CATEGORY_IDS } from "../types.ts";
import type { CategoryId, CommentInput } from "../types.ts";
import { findValidNumbers } from "./pnr.ts";

export const SUITE_DIR = import.meta.dirname;
export const SUITE_FILE = path.join(SUITE_DIR, "devsuite.jsonl");
export const SUITE_ORG_FILE = path.join(SUITE_DIR, "org.json");
export const SUITE_RULES_FILE = path.join(SUITE_DIR, "rules.json");

/** `holdout2` is a blind batch written before the detectors were tuned for generalisation; never tune on it. */
export type Split = "dev" | "holdout" | "holdout2";
export const SPLITS: readonly Split[] = ["dev", "holdout", "holdout2"];

export interface SuiteCase {
  id: string;
  text: string;
  /** Gold labels: every category that applies; empty = acceptable comment. */
  labels: CategoryId[];
  author?: string;
  at?: string;
  thread?: string;
  split: Split;
  /** Functional case, e.g. `lawful-criticism`, `pos:threat`, `sequence:spam`. */
  case: string;
  note?: string;
}

const CATEGORY_SET: ReadonlySet<string> = new Set(CATEGORY_IDS);

function isCategory(v: unknown): v is CategoryId {
  return typeof v === "string" && CATEGORY_SET.has(v);
}

/** Parse and validate the suite; throws with the line number on the first bad line. */
export function parseSuite(jsonl: string): SuiteCase[] {
  const cases: SuiteCase[] = [];
  const lines = jsonl.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const where = `devsuite line ${i + 1}`;
    const o = JSON.parse(line) as Record<string, unknown>;
    if (typeof o.id !== "string" || typeof o.text !== "string") throw new Error(`${where}: id and text are required`);
    if (!Array.isArray(o.labels) || !o.labels.every(isCategory)) throw new Error(`${where}: labels must be category ids`);
    if (!SPLITS.includes(o.split as Split)) throw new Error(`${where}: split must be one of ${SPLITS.join(", ")}`);
    if (typeof o.case !== "string") throw new Error(`${where}: case is required`);
    for (const key of ["author", "at", "thread", "note"] as const) {
      if (o[key] !== undefined && typeof o[key] !== "string") throw new Error(`${where}: ${key} must be a string`);
    }
    cases.push({
      id: o.id,
      text: o.text,
      labels: o.labels,
      split: o.split as Split,
      case: o.case,
      ...(o.author !== undefined ? { author: o.author as string } : {}),
      ...(o.at !== undefined ? { at: o.at as string } : {}),
      ...(o.thread !== undefined ? { thread: o.thread as string } : {}),
      ...(o.note !== undefined ? { note: o.note as string } : {}),
    });
  }
  return cases;
}

export function loadSuite(file = SUITE_FILE): SuiteCase[] {
  return parseSuite(readFileSync(file, "utf8"));
}

/** The analyzer surface the suite needs (structural, so any analyzer version fits). */
export interface LabelAnalyzer {
  analyze(input: CommentInput): { labels: readonly CategoryId[] };
}

/** Run one analyzer instance over the whole suite in file order; returns labels by id. */
export function runSuite(analyzer: LabelAnalyzer, cases: readonly SuiteCase[]): Map<string, CategoryId[]> {
  const out = new Map<string, CategoryId[]>();
  for (const c of cases) {
    const input: CommentInput = { id: c.id, text: c.text };
    if (c.author !== undefined) input.author = c.author;
    if (c.at !== undefined) input.at = c.at;
    if (c.thread !== undefined) input.thread = c.thread;
    out.set(c.id, [...analyzer.analyze(input).labels]);
  }
  return out;
}

export interface CategoryScore {
  category: CategoryId;
  support: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Failure {
  id: string;
  case: string;
  text: string;
  gold: CategoryId[];
  predicted: CategoryId[];
  missed: CategoryId[];
  extra: CategoryId[];
}

export interface SuiteScore {
  n: number;
  categories: CategoryScore[];
  macroF1: number;
  /** Comments with no gold label that the analyzer labelled anyway. */
  acceptable: { n: number; flagged: number; fpRate: number };
  /** Comments holding a Skatteverket test number: share labelled personal_data. */
  personnummer: { n: number; hit: number; recall: number };
  byCase: { case: string; n: number; passed: number }[];
  failures: Failure[];
}

// Conventional edge values: a category nobody predicted and nobody labelled is
// perfect; a ratio with an empty denominator is otherwise 0.
function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function scoreSuite(
  cases: readonly SuiteCase[],
  predicted: ReadonlyMap<string, readonly CategoryId[]>,
  opts: { split?: Split } = {},
): SuiteScore {
  const selected = opts.split ? cases.filter((c) => c.split === opts.split) : [...cases];
  const counts = new Map(CATEGORY_IDS.map((c) => [c, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const acceptable = { n: 0, flagged: 0 };
  const pnr = { n: 0, hit: 0 };
  const byCase = new Map<string, { n: number; passed: number }>();
  const failures: Failure[] = [];

  for (const c of selected) {
    const pred = new Set(predicted.get(c.id) ?? []);
    const gold = new Set(c.labels);
    for (const cat of CATEGORY_IDS) {
      const k = counts.get(cat);
      if (!k) continue;
      if (gold.has(cat)) k.support++;
      if (gold.has(cat) && pred.has(cat)) k.tp++;
      else if (pred.has(cat)) k.fp++;
      else if (gold.has(cat)) k.fn++;
    }
    if (gold.size === 0) {
      acceptable.n++;
      if (pred.size > 0) acceptable.flagged++;
    }
    if (findValidNumbers(c.text).length > 0) {
      pnr.n++;
      if (pred.has("personal_data")) pnr.hit++;
    }
    const missed = c.labels.filter((l) => !pred.has(l));
    const extra = CATEGORY_IDS.filter((l) => pred.has(l) && !gold.has(l));
    const bucket = byCase.get(c.case) ?? { n: 0, passed: 0 };
    bucket.n++;
    if (missed.length === 0 && extra.length === 0) bucket.passed++;
    else failures.push({ id: c.id, case: c.case, text: c.text, gold: c.labels, predicted: [...pred], missed, extra });
    byCase.set(c.case, bucket);
  }

  const categories: CategoryScore[] = CATEGORY_IDS.map((category) => {
    const k = counts.get(category) ?? { tp: 0, fp: 0, fn: 0, support: 0 };
    const precision = ratio(k.tp, k.tp + k.fp);
    const recall = ratio(k.tp, k.tp + k.fn);
    const empty = k.tp + k.fp + k.fn === 0;
    const f1 = empty ? 1 : ratio(2 * precision * recall, precision + recall);
    return { category, ...k, precision, recall, f1 };
  });
  return {
    n: selected.length,
    categories,
    macroF1: categories.reduce((s, c) => s + c.f1, 0) / categories.length,
    acceptable: { ...acceptable, fpRate: ratio(acceptable.flagged, acceptable.n) },
    personnummer: { ...pnr, recall: pnr.n === 0 ? 1 : pnr.hit / pnr.n },
    byCase: [...byCase.entries()].map(([name, v]) => ({ case: name, ...v })).sort((a, b) => a.case.localeCompare(b.case)),
    failures,
  };
}

/** Plain-text report for the test log. */
export function formatScore(title: string, s: SuiteScore): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const rows = s.categories.map(
    (c) =>
      `  ${c.category.padEnd(18)} P ${c.precision.toFixed(3)}  R ${c.recall.toFixed(3)}  F1 ${c.f1.toFixed(3)}  (n=${c.support}, fp=${c.fp}, fn=${c.fn})`,
  );
  const weakCases = s.byCase.filter((b) => b.passed < b.n).map((b) => `  ${b.case.padEnd(32)} ${b.passed}/${b.n}`);
  return [
    `${title}: ${s.n} comments`,
    ...rows,
    `  macro-F1 ${s.macroF1.toFixed(3)} | FP rate on acceptable ${pct(s.acceptable.fpRate)} (${s.acceptable.flagged}/${s.acceptable.n}) | personnummer recall ${pct(s.personnummer.recall)} (${s.personnummer.hit}/${s.personnummer.n})`,
    ...(weakCases.length > 0 ? ["  functional cases with failures (passed/total):", ...weakCases] : []),
  ].join("\n");
}
