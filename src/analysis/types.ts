// Domain types of the analyzer. They live here, not in a transport layer, so the
// server, the CLI and the dev suite all speak the same language.

/** The 13 page-rule categories (ids fixed by DOMAIN.md; the order is the page-rule order). */
export type CategoryId =
  | "personal_data"
  | "threat"
  | "insult"
  | "hate"
  | "sexism_harassment"
  | "violence_porn"
  | "crime_incitement"
  | "copyright"
  | "profanity"
  | "commercial"
  | "party_political"
  | "spam"
  | "misleading";

export const CATEGORY_IDS: readonly CategoryId[] = Object.freeze([
  "personal_data",
  "threat",
  "insult",
  "hate",
  "sexism_harassment",
  "violence_porn",
  "crime_incitement",
  "copyright",
  "profanity",
  "commercial",
  "party_political",
  "spam",
  "misleading",
]);

/**
 * Why a comment may be removed. `bbs-5`: the BBS law §5 obliges removal
 * (olaga hot, hets mot folkgrupp, olaga integritetsintrång, …). `page-rule`:
 * removed only because the published page rules say so.
 */
export type LegalBasis = "bbs-5" | "page-rule";

/**
 * Recommended action, in increasing severity:
 * - `none`: publish as is.
 * - `review`: keep visible, put in the moderation queue.
 * - `hide`: hide at once, pending human review (hiding is reversible; deletion is not).
 * - `hide_escalate`: hide at once, escalate to the responsible officer and
 *   suggest a police report (polisanmälan) with the captured evidence.
 */
export type Action = "none" | "review" | "hide" | "hide_escalate";

export const ACTION_RANK: Readonly<Record<Action, number>> = Object.freeze({
  none: 0,
  review: 1,
  hide: 2,
  hide_escalate: 3,
});

export interface Finding {
  category: CategoryId;
  /** Stable rule id, e.g. `threat.kill-2p`; cited in the moderation decision. */
  ruleId: string;
  legalBasis: LegalBasis;
  /** UTF-16 offsets into the ORIGINAL text, `start < end <= text.length`. */
  start: number;
  end: number;
  /** The original text of the span (capped at 200 UTF-16 units). */
  evidence: string;
  /** 0–1. Compared with the category threshold in the page rules. */
  confidence: number;
  /** Detector (phase) id and version, so a decision can be traced to the code that made it. */
  detector: string;
  detectorVersion: string;
  action: Action;
}

/** The organisation's official identity; in the server it comes from the directory. */
export interface OrgProfile {
  name: string;
  /** Official domains, e.g. `trollhattan.se` (subdomains are included). */
  domains: string[];
  /** Official phone numbers in any format that libphonenumber-js understands (Swedish default). */
  phones: string[];
  /** Official e-mail addresses. Any address at an official domain is also official. */
  emails: string[];
}

export interface CommentInput {
  id?: string;
  text: string;
  author?: string;
  /** ISO 8601 time of the comment; used by the cross-comment spam window. */
  at?: string;
  thread?: string;
}

export interface AnalysisResult {
  /** Categories with at least one finding at or above the category threshold, in CATEGORY_IDS order. */
  labels: CategoryId[];
  /** The most severe action of all findings (`none` when there are none). */
  action: Action;
  /** Sorted by start offset, then category order. */
  findings: Finding[];
}
