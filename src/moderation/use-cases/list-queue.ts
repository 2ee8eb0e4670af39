// The open queue: items whose derived state needs a person, in three views
// (needs review, hidden automatically awaiting confirmation, escalated — plus
// removals of criticism waiting for a second moderator), filtered by channel,
// unit, category and age, sorted by severity then age (oldest first).
import type { Finding } from "../../analysis/index.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { readCriticism } from "../domain/criticism.ts";
import { isQuestion } from "./suggest-reply.ts";
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
  // Candidates, narrowed in SQL: items with something (an analysis asking for
  // attention, or a decision other than a reply/warning/ban) newer than their
  // last human review. The derived state below has the final word; this only
  // keeps settled items (the vast majority) out of the work.
  const cand = await db.query<{ item_id: string }>(
    `with last_review as (
       select item_id, max(at) as t from moderation_decisions
        where org_id = $1 and actor_id is not null and not needs_confirmation
          and kind in ('keep', 'hide', 'unhide', 'delete', 'report_police', 'confirm', 'decline')
        group by item_id),
     activity as (
       select item_id, max(analysed_at) as t from item_analyses where org_id = $1 and action <> 'none' group by item_id
       union all
       select item_id, max(at) as t from moderation_decisions where org_id = $1 and kind not in ('reply', 'warn', 'ban') group by item_id)
     select a.item_id from activity a left join last_review r on r.item_id = a.item_id
      group by a.item_id, r.t having r.t is null or max(a.t) > r.t
      order by max(a.t) desc limit $2`,
    [orgId, CANDIDATES],
  );
  // Questions nobody has answered or decided yet (last 14 days): the reply-suggestion view.
  const questions = new Map((await db.query<{ item_id: string; text: string }>(
    `select distinct on (v.item_id) v.item_id, v.text from capture_versions v
      where v.org_id = $1 and v.received_at > now() - interval '14 days' and v.text is not null and v.event in ('add', 'edit', 'snapshot')
        and (v.text like '%?%' or v.text ~* '^\\s*(vart|var|hur|vem|vilk|när|varför|kan jag|kan man|får jag|får man|finns det|behöver jag|måste jag)')
        and not exists (select 1 from moderation_decisions d where d.org_id = v.org_id and d.item_id = v.item_id and d.actor_id is not null)
      order by v.item_id, v.seq desc limit $2`, [orgId, CANDIDATES])).rows.filter((r) => isQuestion(r.text)).map((r) => [r.item_id, r.text]));
  const ids = [...new Set([...cand.rows.map((r) => r.item_id), ...questions.keys()])];
  // Derive states from the cheap tables first; the item view (text, author,
  // platform state) is read only for the page of entries actually shown.
  const light = new Map((await db.query<{ id: string; channel_id: string; unit_id: string | null; first_captured_at: Date }>(
    `select i.id, i.channel_id, c.unit_id, i.first_captured_at from captured_items i join channels c on c.org_id = i.org_id and c.id = i.channel_id
      where i.org_id = $1 and i.id = any($2::uuid[])`, [orgId, ids])).rows.map((r) => [r.id, r]));
  const analyses = await loadLatestAnalyses(db, orgId, ids);
  const decisions = await loadDecisions(db, orgId, ids);
  const counts: Record<QueueView, number> = { needs_review: 0, auto_hidden: 0, escalated: 0, pending_confirmation: 0, questions: 0 };
  const open: (Omit<QueueEntry, "item" | "criticism"> & { id: string; capturedAt: number })[] = [];
  const now = Date.now();
  for (const id of ids) {
    const it = light.get(id);
    if (!it) continue;
    const analysis = analyses.get(id) ?? null;
    const evs = decisions.get(id) ?? [];
    const state = deriveState(evs);
    const view = queueView(state, analysis) ?? (questions.has(id) && !evs.some((e) => e.actorId !== null) ? "questions" : null);
    if (!view) continue;
    if (f.channelId && it.channel_id !== f.channelId) continue;
    if (f.unitId && it.unit_id !== f.unitId) continue;
    if (f.category && !(analysis?.labels ?? []).includes(f.category) && !evs.some((e) => e.ruleId === f.category)) continue;
    const ageMin = (now - it.first_captured_at.getTime()) / 60_000;
    if (f.minAgeMinutes !== undefined && ageMin < f.minAgeMinutes) continue;
    if (f.maxAgeHours !== undefined && ageMin > f.maxAgeHours * 60) continue;
    counts[view]++;
    if (f.view && view !== f.view) continue;
    open.push({ id, capturedAt: it.first_captured_at.getTime(), analysis, decisions: evs, state, view, severity: severityOf(analysis, view) });
  }
  open.sort((a, b) => b.severity - a.severity || a.capturedAt - b.capturedAt);
  const page = open.slice(0, f.limit ?? 200);
  const items = await loadItems(db, orgId, page.map((e) => e.id));
  const entries: QueueEntry[] = [];
  for (const { id, capturedAt: _c, ...e } of page) {
    const item = items.get(id);
    if (item) entries.push({ ...e, item, criticism: item.text ? readCriticism(item.text).criticism : false });
  }
  return { entries, counts };
}

/** Severity: the analysis action, §5 findings above page-rule ones, escalations on top. */
export function severityOf(a: ModAnalysis | null, view: QueueView): number {
  const findings: Finding[] = a?.findings ?? [];
  const bbs = findings.some((x) => x.legalBasis === "bbs-5") ? 1 : 0;
  const conf = Math.max(0, ...findings.map((x) => x.confidence));
  if (view === "questions") return 0;
  return (view === "escalated" ? 10 : 0) + (SEVERITY[a?.action ?? "none"] ?? 0) * 2 + bbs + conf;
}
