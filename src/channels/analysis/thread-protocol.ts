// Messages between the analysis loop (main thread) and the analyzer threads.
// Plain data only (structured clone). A thread keeps one analyzer per slot
// (organisation + page-rules version), rebuilt when the spec key changes (new
// directory profile), so its cross-comment spam memory spans every channel the
// thread serves.
import type { Action, CommentInput, OrgProfile, PageRules } from "../../analysis/index.ts";

export interface AnalyzerSpec {
  /** Changes whenever the analyzer must be rebuilt: slot plus a hash of the org profile. */
  key: string;
  /** `orgId|rulesVersion`: one analyzer (one spam memory) per slot in a thread. */
  slot: string;
  /** The page-rules version the analysis is judged under (recorded with it). */
  rulesVersion: string;
  org: OrgProfile;
  rules: PageRules;
}

export interface ThreadRequest {
  id: number;
  /** Every spec the items refer to (a new thread has none). */
  specs: AnalyzerSpec[];
  items: { spec: string; input: CommentInput }[];
}

/** One analysis, already in the shapes the insert takes (the thread does the serialising). */
export interface ThreadResult {
  /** PostgreSQL text[] literal of the labels (fixed category ids, no quoting needed). */
  labels: string;
  action: Action;
  /** JSON of the findings, each with the `rulesVersion` it was judged under. */
  findings: string;
  /** The item crashed its thread every time it was tried: stored for review without findings. */
  failed?: true;
}

export interface ThreadResponse {
  id: number;
  results: ThreadResult[];
}
