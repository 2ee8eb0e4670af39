// DKhate / OffensEval 2020 Danish, official test split: how far the Swedish
// analyzer carries over to Danish. A comment counts as offensive (OFF) when
// the analyzer gives it any of the abusive categories; the others (ads, party
// politics, spam, …) have no counterpart in the OLID scheme.
//
// Data: Sigurbergsson & Derczynski, "Offensive Language and Hate Speech
// Detection for Danish", LREC 2020, CC-BY-4.0 (../shared/data/dkhate-da/).
//
// Run: npm run eval:dkhate
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CategoryId } from "../types.ts";
import type { LabelAnalyzer } from "./suite.ts";
import { SHARED_DATA } from "./pnr.ts";

export const DKHATE_TEST = path.join(SHARED_DATA, "dkhate-da/oe20da_data/offenseval-da-test-v1.tsv");

/** Categories that correspond to OLID's "offensive": insults, threats, profanity, hate, harassment. */
export const OFFENSIVE_CATEGORIES: readonly CategoryId[] = ["insult", "hate", "threat", "profanity", "sexism_harassment"];

export interface DkhateRow {
  id: string;
  text: string;
  gold: "OFF" | "NOT";
}

/** Parse the OffensEval TSV (`id`, `tweet`, `subtask_a`; one comment per line, no embedded tabs). */
export function parseOffensEval(tsv: string): DkhateRow[] {
  const lines = tsv.split("\n").filter((l) => l.trim() !== "");
  const header = lines.shift()?.split("\t") ?? [];
  if (header[0] !== "id" || header[1] !== "tweet" || header[2]?.trim() !== "subtask_a") {
    throw new Error(`OffensEval TSV: unexpected header ${header.join(",")}`);
  }
  return lines.map((line, i) => {
    const cols = line.split("\t");
    const gold = cols[2]?.trim();
    if (cols.length !== 3 || (gold !== "OFF" && gold !== "NOT")) throw new Error(`OffensEval TSV line ${i + 2}: expected id, tweet, OFF|NOT`);
    return { id: cols[0] ?? "", text: cols[1] ?? "", gold };
  });
}

export function loadDkhateTest(file = DKHATE_TEST): DkhateRow[] {
  return parseOffensEval(readFileSync(file, "utf8"));
}

export interface BinaryScore {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** OffensEval's official metric: the mean of the OFF and NOT F1 scores. */
  macroF1: number;
  /** How often each category fired (on any row), to see which detectors transfer. */
  fired: Partial<Record<CategoryId, number>>;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function scoreDkhate(rows: readonly DkhateRow[], analyzer: LabelAnalyzer): BinaryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const fired: Partial<Record<CategoryId, number>> = {};
  for (const row of rows) {
    // No author or time: these are unrelated comments, not one thread.
    const labels = analyzer.analyze({ id: row.id, text: row.text }).labels;
    for (const l of labels) fired[l] = (fired[l] ?? 0) + 1;
    const off = labels.some((l) => OFFENSIVE_CATEGORIES.includes(l));
    if (off && row.gold === "OFF") tp++;
    else if (off) fp++;
    else if (row.gold === "OFF") fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const notP = tn + fn === 0 ? 0 : tn / (tn + fn);
  const notR = tn + fp === 0 ? 0 : tn / (tn + fp);
  return { n: rows.length, tp, fp, fn, tn, precision, recall, f1: f1(precision, recall), macroF1: (f1(precision, recall) + f1(notP, notR)) / 2, fired };
}

export function formatDkhate(s: BinaryScore): string {
  const fired = Object.entries(s.fired)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return [
    `DKhate (OffensEval 2020 Danish, official test split): ${s.n} comments, ${s.tp + s.fn} OFF`,
    `  OFF  precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`,
    `  macro-F1 (OFF, NOT) ${s.macroF1.toFixed(3)}   confusion: tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, tn ${s.tn}`,
    `  categories fired: ${fired || "none"}`,
  ].join("\n");
}

if (import.meta.main) {
  const { createAnalyzer } = await import("../index.ts");
  console.log(formatDkhate(scoreDkhate(loadDkhateTest(), createAnalyzer())));
}
