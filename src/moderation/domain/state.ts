// The current moderation state of an item, derived from its append-only
// decision events (undo is an event, never a deletion) and its latest
// analysis. Pure: the same events always give the same state, so the queue,
// the item page and the CLI agree.
import type { DecisionKind } from "./rules.ts";
import { REVIEW_KINDS } from "./rules.ts";

export interface DecisionEvent {
  id: string;
  seq: number;
  kind: DecisionKind;
  ruleId: string;
  legalBasis: "bbs-5" | "page-rule";
  reason: string | null;
  actorId: string | null;
  actorLabel: string;
  refId: string | null;
  needsConfirmation: boolean;
  at: Date;
}

export type Visibility = "visible" | "hidden" | "deleted";
/** `questions`: comments that ask something and nobody has answered (reply suggestions); set by list-queue, not by the rules. */
export type QueueView = "needs_review" | "auto_hidden" | "escalated" | "pending_confirmation" | "questions";

export interface ItemState {
  visibility: Visibility;
  escalated: boolean;
  /** A criticism-guarded removal waiting for a second moderator. */
  pending: DecisionEvent | null;
  /** Hidden by the system (page rules) and not yet looked at by a person. */
  autoHidden: boolean;
  reported: boolean;
  banned: boolean;
  /** Time of the last effective human review decision. */
  lastReviewAt: Date | null;
  firstReviewAt: Date | null;
  undone: Set<string>;
}

/** Effects of one effective removal/restore decision on visibility. */
function visibilityAfter(kind: DecisionKind, v: Visibility): Visibility {
  if (v === "deleted") return v;
  if (kind === "hide" || kind === "report_police") return "hidden";
  if (kind === "delete") return "deleted";
  if (kind === "unhide" || kind === "keep") return "visible";
  return v;
}

export function deriveState(events: readonly DecisionEvent[]): ItemState {
  const undone = new Set(events.filter((e) => e.kind === "undo" && e.refId).map((e) => e.refId!));
  const byId = new Map(events.map((e) => [e.id, e]));
  const s: ItemState = { visibility: "visible", escalated: false, pending: null, autoHidden: false, reported: false, banned: false, lastReviewAt: null, firstReviewAt: null, undone };
  for (const e of events) {
    if (undone.has(e.id)) continue;
    const human = e.actorId !== null;
    switch (e.kind) {
      case "undo": {
        // Undoing a removal restores; undoing an escalation or a keep reopens the item.
        const ref = e.refId ? byId.get(e.refId) : undefined;
        if (ref && (ref.kind === "hide" || (ref.kind === "confirm" && byId.get(ref.refId ?? "")?.kind === "hide")) && s.visibility === "hidden") s.visibility = "visible";
        if (ref?.kind === "escalate") s.escalated = false;
        if (ref?.kind === "keep") s.lastReviewAt = null;
        if (ref?.kind === "ban") s.banned = false;
        continue;
      }
      case "confirm": {
        const ref = e.refId ? byId.get(e.refId) : undefined;
        if (ref && s.pending?.id === ref.id) {
          s.visibility = visibilityAfter(ref.kind, s.visibility);
          s.pending = null;
        }
        break;
      }
      case "decline":
        if (s.pending && s.pending.id === e.refId) s.pending = null;
        break;
      case "hide":
      case "delete":
        if (e.needsConfirmation) {
          s.pending = e;
          continue; // not a review: the item waits for the second moderator
        }
        s.visibility = visibilityAfter(e.kind, s.visibility);
        if (!human) s.autoHidden = true;
        break;
      case "keep":
      case "unhide":
        s.visibility = visibilityAfter(e.kind, s.visibility);
        break;
      case "report_police":
        s.reported = true;
        s.visibility = visibilityAfter(e.kind, s.visibility);
        break;
      case "escalate":
        s.escalated = true;
        break;
      case "ban":
        s.banned = true;
        break;
      default:
        break;
    }
    if (human && REVIEW_KINDS.has(e.kind)) {
      s.autoHidden = false;
      // A person has judged the content: escalation and the automatic hide are settled.
      s.escalated = false;
      s.lastReviewAt = e.at;
      s.firstReviewAt ??= e.at;
    }
  }
  return s;
}

/**
 * Which queue view an item belongs to, or null when nothing is open.
 * `analysedAt`/`analysisAction`: the latest analysis of the item.
 */
export function queueView(s: ItemState, latest: { analysedAt: Date; action: string } | null): QueueView | null {
  if (s.pending) return "pending_confirmation";
  if (s.escalated) return "escalated";
  if (s.autoHidden) return "auto_hidden";
  if (latest && latest.action !== "none" && (!s.lastReviewAt || s.lastReviewAt < latest.analysedAt) && s.visibility !== "deleted") return "needs_review";
  return null;
}
