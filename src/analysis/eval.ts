// Evaluation metrics for labelled comment sets (the dev suite and `vaxel eval`):
// per-category precision, recall, F1, macro-F1 over the 13 categories, and the
// false-positive rate on acceptable comments (gold labels empty) — the figure
// that protects lawful criticism (RF 1:9).
import type { CategoryId } from "./types.ts";
import { CATEGORY_IDS } from "./types.ts";

export interface CategoryMetrics {
  category: CategoryId;
  tp: number;
  fp: number;
  fn: number;
  /** Gold positives. */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvaluationReport {
  perCategory: CategoryMetrics[];
  /** Mean F1 over the categories that have gold positives or predictions (all 13 when every category is present). */
  macroF1: number;
  /** Mean F1 over all 13 categories (a category with neither gold nor predictions counts as F1 = 1). */
  macroF1All13: number;
  /** Comments whose gold labels are empty. */
  acceptable: number;
  /** Acceptable comments that got at least one label. */
  acceptableFlagged: number;
  /** acceptableFlagged / acceptable (0 when there are none). */
  falsePositiveRate: number;
  /** Comments whose predicted label set equals the gold set exactly. */
  exactMatch: number;
  total: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Compare predicted label sets with gold label sets, line by line.
 * Precision/recall of a category with no predictions/gold is 0; its F1 is 0
 * unless both are empty (then it is excluded from macroF1 and counts 1 in macroF1All13).
 */
export function evaluate(
  results: readonly { labels: readonly string[] }[],
  gold: readonly { labels: readonly string[] }[],
): EvaluationReport {
  if (results.length !== gold.length) throw new Error(`results (${results.length}) and gold (${gold.length}) differ in length`);
  const counts = new Map(CATEGORY_IDS.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  let acceptable = 0;
  let acceptableFlagged = 0;
  let exactMatch = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = new Set(gold[i]!.labels);
    const p = new Set(results[i]!.labels);
    for (const c of CATEGORY_IDS) {
      const k = counts.get(c)!;
      if (g.has(c) && p.has(c)) k.tp++;
      else if (p.has(c)) k.fp++;
      else if (g.has(c)) k.fn++;
    }
    if (g.size === 0) {
      acceptable++;
      if (p.size > 0) acceptableFlagged++;
    }
    if (g.size === p.size && [...g].every((x) => p.has(x))) exactMatch++;
  }
  const perCategory: CategoryMetrics[] = CATEGORY_IDS.map((category) => {
    const { tp, fp, fn } = counts.get(category)!;
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { category, tp, fp, fn, support: tp + fn, precision, recall, f1 };
  });
  const active = perCategory.filter((m) => m.tp + m.fp + m.fn > 0);
  const macroF1 = active.length ? active.reduce((s, m) => s + m.f1, 0) / active.length : 0;
  const macroF1All13 = perCategory.reduce((s, m) => s + (m.tp + m.fp + m.fn === 0 ? 1 : m.f1), 0) / CATEGORY_IDS.length;
  return {
    perCategory,
    macroF1,
    macroF1All13,
    acceptable,
    acceptableFlagged,
    falsePositiveRate: ratio(acceptableFlagged, acceptable),
    exactMatch,
    total: gold.length,
  };
}

/** A plain-text table of the report (used by `vaxel eval`). */
export function formatReport(r: EvaluationReport): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);
  const lines = [`${"category".padEnd(18)} ${"prec".padStart(6)} ${"recall".padStart(6)} ${"F1".padStart(6)} ${"tp".padStart(5)} ${"fp".padStart(5)} ${"fn".padStart(5)}`];
  for (const m of r.perCategory) {
    lines.push(`${m.category.padEnd(18)} ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)} ${String(m.tp).padStart(5)} ${String(m.fp).padStart(5)} ${String(m.fn).padStart(5)}`);
  }
  lines.push(`macro-F1 ${(r.macroF1 * 100).toFixed(1)} % (över ${r.perCategory.filter((m) => m.tp + m.fp + m.fn > 0).length} kategorier med data)`);
  lines.push(`falskt positiva på godtagbara kommentarer / false-positive rate on acceptable comments: ${r.acceptableFlagged}/${r.acceptable} = ${(r.falsePositiveRate * 100).toFixed(2)} %`);
  lines.push(`exakt rätt etikettmängd / exact label-set match: ${r.exactMatch}/${r.total}`);
  return lines.join("\n");
}
