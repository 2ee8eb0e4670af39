// JSON shapes for the API and the CLI: never a raw row.
import type { QueueEntry } from "./use-cases/list-queue.ts";

/** JSON shape of a queue entry (API and CLI): never a raw row. */
export function presentEntry(e: QueueEntry) {
  return {
    item: { id: e.item.id, channelId: e.item.channelId, channel: e.item.channelName, platform: e.item.platform, platformItemId: e.item.platformItemId, url: e.item.url, author: e.item.authorName, authorPlatformId: e.item.authorPlatformId, capturedAt: e.item.firstCapturedAt.toISOString() },
    text: e.item.text,
    findings: (e.analysis?.findings ?? []).map((f) => ({ category: f.category, ruleId: f.ruleId, legalBasis: f.legalBasis, start: f.start, end: f.end, evidence: f.evidence, confidence: f.confidence, action: f.action })),
    state: { view: e.view, visibility: e.state.visibility, escalated: e.state.escalated, pendingConfirmation: e.state.pending?.id ?? null, autoHidden: e.state.autoHidden },
    severity: e.severity,
    criticism: e.criticism,
  };
}
