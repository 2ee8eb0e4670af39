// Shared fixtures for the detector tests: the organisation profile of the
// seed municipality and helpers that run one comment through an analyzer.
import { createAnalyzer } from "../analyzer.ts";
import type { PageRules } from "../rules.ts";
import type { AnalysisResult, CategoryId, OrgProfile } from "../types.ts";

export const TEST_ORG: OrgProfile = {
  name: "Trollhättans stad",
  domains: ["trollhattan.se"],
  phones: ["0520-49 50 00"],
  emails: ["kontaktcenter@trollhattan.se"],
};

const shared = createAnalyzer({ org: TEST_ORG });

/** Analyse one comment with a fresh-history analyzer (or a given one). */
export function analyzeOne(text: string, opts: { rules?: Partial<PageRules> } = {}): AnalysisResult {
  const a = opts.rules ? createAnalyzer({ org: TEST_ORG, rules: opts.rules }) : shared;
  return a.analyze({ text });
}

/** Does the comment get this category label? */
export function hasLabel(text: string, category: CategoryId): boolean {
  return analyzeOne(text).labels.includes(category);
}

/** Texts among `texts` that do (positives) or do not (negatives) get `category`, for readable assertion messages. */
export function misses(texts: readonly string[], category: CategoryId): string[] {
  return texts.filter((t) => !hasLabel(t, category));
}
export function falseHits(texts: readonly string[], category: CategoryId): string[] {
  return texts.filter((t) => hasLabel(t, category));
}
