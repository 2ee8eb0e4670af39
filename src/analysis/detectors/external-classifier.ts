// Optional external classifier: a municipality can add a model of its own
// behind an HTTP endpoint. Off by default; used only by analyzeAsync; a slow
// or failing endpoint never blocks moderation (the local result stands).
//
// Contract (version 1)
//   Request:  POST <url>, Content-Type: application/json,
//             Authorization: Bearer <token> when configured.
//     {
//       "version": 1,
//       "comment": { "id"?, "text", "author"?, "at"?, "thread"? },
//       "categories": ["threat", …],          // enabled categories
//       "local": { "labels": [...], "findings": [{ "category", "ruleId", "start", "end", "confidence" }] }
//     }
//   Response: 200, application/json
//     {
//       "model"?: "name-or-version",          // recorded as detectorVersion
//       "findings": [
//         { "category": "<CategoryId>", "confidence": 0.0–1.0,
//           "start"?: n, "end"?: n,            // UTF-16 offsets; default: whole text
//           "ruleId"?: "suffix" }              // becomes external.<suffix>
//       ]
//     }
//   Anything else (timeout, non-2xx, invalid JSON, unknown category) is
//   ignored. Findings go through the same thresholds and actions as local ones.
import type { AnalysisResult, CategoryId, CommentInput } from "../types.ts";
import { CATEGORY_IDS } from "../types.ts";
import type { ExternalClassifierRules } from "../rules.ts";

export interface ExternalFinding {
  category: CategoryId;
  ruleId: string;
  start: number;
  end: number;
  confidence: number;
}

export interface ExternalResult {
  model: string;
  findings: ExternalFinding[];
}

const MAX_RESPONSE_FINDINGS = 100;

export async function classifyExternally(
  cfg: ExternalClassifierRules,
  input: CommentInput,
  local: AnalysisResult,
  categories: readonly CategoryId[],
): Promise<ExternalResult | null> {
  const body = JSON.stringify({
    version: 1,
    comment: { id: input.id, text: input.text, author: input.author, at: input.at, thread: input.thread },
    categories,
    local: {
      labels: local.labels,
      findings: local.findings.map((f) => ({ category: f.category, ruleId: f.ruleId, start: f.start, end: f.end, confidence: f.confidence })),
    },
  });
  let res: Response;
  try {
    res = await fetch(cfg.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cfg.token ? { authorization: `Bearer ${cfg.token}` } : {}) },
      body,
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
  } catch {
    return null;
  }
  if (!res.ok) return null;
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    return null;
  }
  return parseExternal(json, input.text.length);
}

/** Validate a classifier response; invalid entries are dropped, never trusted. */
export function parseExternal(json: unknown, textLength: number): ExternalResult | null {
  if (typeof json !== "object" || json === null) return null;
  const obj = json as { model?: unknown; findings?: unknown };
  if (!Array.isArray(obj.findings)) return null;
  const model = typeof obj.model === "string" && obj.model.length <= 100 ? obj.model : "1";
  const findings: ExternalFinding[] = [];
  for (const f of obj.findings.slice(0, MAX_RESPONSE_FINDINGS)) {
    if (typeof f !== "object" || f === null) continue;
    const { category, confidence, start, end, ruleId } = f as Record<string, unknown>;
    if (typeof category !== "string" || !(CATEGORY_IDS as readonly string[]).includes(category)) continue;
    if (typeof confidence !== "number" || !(confidence >= 0 && confidence <= 1)) continue;
    const s = typeof start === "number" && Number.isInteger(start) ? Math.max(0, Math.min(textLength, start)) : 0;
    const e = typeof end === "number" && Number.isInteger(end) ? Math.max(0, Math.min(textLength, end)) : textLength;
    const suffix = typeof ruleId === "string" && /^[\w.-]{1,60}$/.test(ruleId) ? ruleId : category;
    findings.push({ category: category as CategoryId, ruleId: `external.${suffix}`, start: s, end: e > s ? e : textLength, confidence });
  }
  return { model, findings };
}
