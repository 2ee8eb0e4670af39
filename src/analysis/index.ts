// Public API of the analyzer: a pure library (no I/O, no database) used by the
// server and the CLI. See README.md in this folder for the design.
export type { Action, AnalysisResult, CategoryId, CommentInput, Finding, LegalBasis, OrgProfile } from "./types.ts";
export { ACTION_RANK, CATEGORY_IDS } from "./types.ts";
export type { CategoryRule, ExternalClassifierRules, LocalParty, PageRules, SpamRules } from "./rules.ts";
export { DEFAULT_PAGE_RULES, PageRulesError, resolvePageRules } from "./rules.ts";
export type { Analyzer } from "./analyzer.ts";
export { createAnalyzer, DEFAULT_LEGAL_BASIS } from "./analyzer.ts";
export { evaluate } from "./eval.ts";
export type { EvaluationReport, CategoryMetrics } from "./eval.ts";
