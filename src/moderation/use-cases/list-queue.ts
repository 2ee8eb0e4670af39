// The open queue: items whose derived state needs a person, in three views
// (needs review, hidden automatically awaiting confirmation, escalated — plus
// removals of criticism waiting for a second moderator), filtered by channel,
// unit, category and age, sorted by severity then age (oldest first).
import type { Finding } from "../../analysis/index.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { readCriticism } from "../domain/criticism.ts";
import { SEVERITY } from "../domain/rules.ts";
import { deriveState, queueView, type ItemState, type QueueView } from "../domain/state.ts";
import { loadDecisions, loadItems, loadLatestAnalyses, type DecisionRow, type ModAnalysis, type ModItem } from "../store.ts";

export interface QueueFilter {
  view?: QueueView | undefined;
  channelId?: string | undefined;
  unitId?: string | undefined;
  category?: string | undefined;
  /** Only items captured at least this many minutes ago. */
  minAgeMinutes?: number | undefined;
  /** Only items captured at most this many hours ago. */
  maxAgeHours?: number | undefined;
  limit?: number | undefined;
}

export interface QueueEntry {
  item: ModItem;
  analysis: ModAnalysis | null;
  decisions: DecisionRow[];
  state: ItemState;
  view: QueueView;
  severity: number;
  criticism: boolean;
}

/** Upper bound of candidate items read per listing (the newest analysed first). */
const CANDIDATES = 5000;

export async function listQueue(db: Queryable, orgId: string, f: QueueFilter = {}): Promise<{ entries: QueueEntry[]; counts: Record<QueueView, number> }> {
  // Candidates: items with a non-trivial analysis or any decision. The derived
  // state then says which are open; the filter narrows after that.
  const cand = await db.query<{ item_id: string }>(
    `select item_id from (
       select item_id, max(analysed_at) as t from item_analyses where org_id = $1 and action <> 'none' group by item_id
       union all
       select item_id, max(at) as t from moderation_decisions where org_id = $1 group by item_id) x
     group by item_id order by max(t) desc limit $2`,
    [orgId, CANDIDATES],
  );
  const ids = cand.rows.map((r) => r.item_id);
  const items = await loadItems(db, orgId, ids);
  const analyses = await loadLatestAnalyses(db, orgId, ids);
  const decisions = await loadDecisions(db, orgId, ids);
  const counts: Record<QueueView, number> = { needs_review: 0, auto_hidden: 0, escalated: 0, pending_confirmation: 0 };
  const entries: QueueEntry[] = [];
  const now = Date.now();
  for (const id of ids) {
    const item = items.get(id);
    if (!item) continue;
    const analysis = analyses.get(id) ?? null;
    const evs = decisions.get(id) ?? [];
    const state = deriveState(evs);
    const view = queueView(state, analysis);
    if (!view) continue;
    if (f.channelId && item.channelId !== f.channelId) continue;
    if (f.unitId && item.unitId !== f.unitId) continue;
    if (f.category && !(analysis?.labels ?? []).includes(f.category) && !evs.some((e) => e.ruleId === f.category)) continue;
    const ageMin = (now - item.firstCapturedAt.getTime()) / 60_000;
    if (f.minAgeMinutes !== undefined && ageMin < f.minAgeMinutes) continue;
    if (f.maxAgeHours !== undefined && ageMin > f.maxAgeHours * 60) continue;
    counts[view]++;
    if (f.view && view !== f.view) continue;
    entries.push({ item, analysis, decisions: evs, state, view, severity: severityOf(analysis, view), criticism: item.text ? readCriticism(item.text).criticism : false });
  }
  entries.sort((a, b) => b.severity - a.severity || a.item.firstCapturedAt.getTime() - b.item.firstCapturedAt.getTime());
  return { entries: entries.slice(0, f.limit ?? 200), counts };
}

/** Severity: the analysis action, §5 findings above page-rule ones, escalations on top. */
export function severityOf(a: ModAnalysis | null, view: QueueView): number {
  const findings: Finding[] = a?.findings ?? [];
  const bbs = findings.some((x) => x.legalBasis === "bbs-5") ? 1 : 0;
  const conf = Math.max(0, ...findings.map((x) => x.confidence));
  return (view === "escalated" ? 10 : 0) + (SEVERITY[a?.action ?? "none"] ?? 0) * 2 + bbs + conf;
}
