// Keeps the queue projection (moderation_queue, migration 0510) true to the
// events: items marked dirty by the triggers on new analyses and decisions are
// recomputed with the same pure derivation the item page uses (deriveState,
// queueView), in batches. Any process may drain; a per-organisation advisory
// lock makes drains take turns, so a stale computation can never overwrite a
// newer one, and a reader that drains first always sees its own decisions.
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { readCriticism } from "../domain/criticism.ts";
import { deriveState, queueView } from "../domain/state.ts";
import { loadDecisions, loadLatestAnalyses } from "../store.ts";
import { isQuestion } from "./suggest-reply.ts";
import type { Finding } from "../../analysis/index.ts";
import { SEVERITY } from "../domain/rules.ts";
import type { QueueView } from "../domain/state.ts";
import type { ModAnalysis } from "../store.ts";

const BATCH = 1000;

interface Projected {
  itemId: string; channelId: string; view: string; severity: number; capturedAt: Date; categories: string[]; criticism: boolean; lastReviewAt: Date | null;
}

/** Computes the projection rows of these items (null: nothing open). */
export async function projectItems(db: Queryable, orgId: string, ids: string[]): Promise<Map<string, Projected | null>> {
  const out = new Map<string, Projected | null>(ids.map((id) => [id, null]));
  if (!ids.length) return out;
  // The latest text (questions, the criticism cue) without the full item view.
  const items = await db.query<{ id: string; channel_id: string; first_captured_at: Date; text: string | null }>(
    `select i.id, i.channel_id, i.first_captured_at,
            (select v.text from capture_versions v where v.org_id = i.org_id and v.item_id = i.id and v.text is not null order by v.seq desc limit 1) as text
       from captured_items i where i.org_id = $1 and i.id = any($2::uuid[])`, [orgId, ids]);
  const analyses = await loadLatestAnalyses(db, orgId, ids);
  const decisions = await loadDecisions(db, orgId, ids);
  for (const it of items.rows) {
    const analysis = analyses.get(it.id) ?? null;
    const evs = decisions.get(it.id) ?? [];
    const state = deriveState(evs);
    // Questions nobody has answered or decided (reply suggestions); their age limit applies when listing.
    const view = queueView(state, analysis) ?? (it.text && isQuestion(it.text) && !evs.some((e) => e.actorId !== null) ? "questions" : null);
    if (!view) continue;
    const categories = [...new Set([...(analysis?.labels ?? []), ...evs.map((e) => e.ruleId).filter((r) => r)])];
    out.set(it.id, {
      itemId: it.id, channelId: it.channel_id, view, severity: severityOf(analysis, view), capturedAt: it.first_captured_at, categories,
      criticism: it.text ? readCriticism(it.text).criticism : false, lastReviewAt: state.lastReviewAt,
    });
  }
  return out;
}

/** Writes the projection of these items (upsert the open ones, remove the settled ones). */
export async function writeProjection(db: Queryable, orgId: string, rows: Map<string, Projected | null>): Promise<void> {
  const open = [...rows.values()].filter((r): r is Projected => r !== null);
  const closed = [...rows].filter(([, r]) => r === null).map(([id]) => id);
  if (closed.length) await db.query("delete from moderation_queue where org_id = $1 and item_id = any($2::uuid[])", [orgId, closed]);
  if (!open.length) return;
  await db.query(
    `insert into moderation_queue (org_id, item_id, channel_id, view, severity, rank, captured_at, categories, criticism, last_review_at, refreshed_at)
     select $1, x.item_id, x.channel_id, x.view, x.severity, -x.severity, x.captured_at, array(select jsonb_array_elements_text(x.categories)), x.criticism, x.last_review_at, now()
       from jsonb_to_recordset($2::jsonb) as x(item_id uuid, channel_id uuid, view text, severity double precision, captured_at timestamptz, categories jsonb, criticism boolean, last_review_at timestamptz)
     on conflict (org_id, item_id) do update set channel_id = excluded.channel_id, view = excluded.view, severity = excluded.severity, rank = excluded.rank,
       captured_at = excluded.captured_at, categories = excluded.categories, criticism = excluded.criticism, last_review_at = excluded.last_review_at, refreshed_at = now()`,
    [orgId, JSON.stringify(open.map((r) => ({
      item_id: r.itemId, channel_id: r.channelId, view: r.view, severity: r.severity, captured_at: r.capturedAt.toISOString(), categories: r.categories,
      criticism: r.criticism, last_review_at: r.lastReviewAt?.toISOString() ?? null,
    })))],
  );
}

/**
 * Drains the dirty marks of one organisation (or of every organisation with
 * marks when orgId is omitted). Returns the item ids recomputed, per org.
 */
export async function refreshQueue(pool: Pool, orgId?: string): Promise<Map<string, string[]>> {
  const done = new Map<string, string[]>();
  const orgs = orgId ? [orgId] : (await pool.query<{ org_id: string }>("select distinct org_id from moderation_queue_dirty")).rows.map((r) => r.org_id);
  for (const org of orgs) {
    // The common case (nothing new) costs one indexed read, not a transaction.
    if (!(await pool.query("select 1 from moderation_queue_dirty where org_id = $1 limit 1", [org])).rowCount) continue;
    for (;;) {
      const ids = await withTx(pool, async (tx) => {
        await tx.query("select pg_advisory_xact_lock(hashtextextended('moderation-queue:' || $1::text, 0))", [org]);
        const marks = (await tx.query<{ item_id: string; mark: number }>(
          "select item_id, mark from moderation_queue_dirty where org_id = $1 order by mark limit $2", [org, BATCH])).rows;
        if (!marks.length) return [];
        const ids = marks.map((m) => m.item_id);
        await writeProjection(tx, org, await projectItems(tx, org, ids));
        // Only the marks we computed from: an item re-marked meanwhile stays dirty.
        await tx.query(
          `delete from moderation_queue_dirty d using unnest($2::uuid[], $3::bigint[]) as m(item_id, mark)
            where d.org_id = $1 and d.item_id = m.item_id and d.mark = m.mark`,
          [org, ids, marks.map((m) => m.mark)]);
        return ids;
      });
      if (!ids.length) break;
      done.set(org, [...(done.get(org) ?? []), ...ids]);
      if (ids.length < BATCH) break;
    }
  }
  return done;
}

/** Severity: the analysis action, §5 findings above page-rule ones, escalations on top. */
export function severityOf(a: ModAnalysis | null, view: QueueView): number {
  const findings: Finding[] = a?.findings ?? [];
  const bbs = findings.some((x) => x.legalBasis === "bbs-5") ? 1 : 0;
  const conf = Math.max(0, ...findings.map((x) => x.confidence));
  if (view === "questions") return 0;
  return (view === "escalated" ? 10 : 0) + (SEVERITY[a?.action ?? "none"] ?? 0) * 2 + bbs + conf;
}
