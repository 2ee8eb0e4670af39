// The open queue: items whose derived state needs a person, in views (needs
// review, hidden automatically awaiting confirmation, escalated, removals of
// criticism waiting for a second moderator, unanswered questions), filtered by
// channel, unit, category and age, sorted by severity then age (oldest
// first). Reads the projection (refresh-queue.ts) after draining its dirty
// marks, and pages by keyset, so a flood of any size lists as fast as a calm day.
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import type { ItemState, QueueView } from "../domain/state.ts";
import { deriveState } from "../domain/state.ts";
import { loadDecisions, loadItems, loadLatestAnalyses, type DecisionRow, type ModAnalysis, type ModItem } from "../store.ts";
import { refreshQueue } from "./refresh-queue.ts";

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
  /** Opaque keyset cursor from a previous page's `next`. */
  after?: string | undefined;
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

export const QUEUE_VIEWS: QueueView[] = ["needs_review", "auto_hidden", "escalated", "pending_confirmation", "questions"];

/** Unanswered questions stay in their view this long (reply suggestions are for current conversations). */
const QUESTION_DAYS = 14;

/**
 * The SQL condition for a filter on `moderation_queue q join channels c`
 * (everything but the view), appending its values to `params`. Shared by the
 * listing, the counts and the "select all matching" bulk action.
 */
export function filterCondition(f: Omit<QueueFilter, "view" | "limit" | "after">, params: unknown[]): string {
  const p = (v: unknown) => `$${params.push(v)}`;
  const w = [`(q.view <> 'questions' or q.captured_at > now() - interval '${QUESTION_DAYS} days')`];
  if (f.channelId) w.push(`q.channel_id::text = ${p(f.channelId)}`);
  if (f.unitId) w.push(`c.unit_id::text = ${p(f.unitId)}`);
  if (f.category) w.push(`${p(f.category)} = any(q.categories)`);
  if (f.minAgeMinutes !== undefined) w.push(`q.captured_at <= now() - make_interval(mins => ${p(f.minAgeMinutes)})`);
  if (f.maxAgeHours !== undefined) w.push(`q.captured_at >= now() - make_interval(hours => ${p(f.maxAgeHours)})`);
  return w.join(" and ");
}

interface Cursor { r: number; t: string; i: string }
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    return typeof c.r === "number" && typeof c.t === "string" && typeof c.i === "string" && /^[0-9a-f-]{36}$/.test(c.i) ? c : null;
  } catch {
    return null;
  }
}

export async function listQueue(pool: Pool, orgId: string, f: QueueFilter = {}): Promise<{ entries: QueueEntry[]; counts: Record<QueueView, number>; next: string | null }> {
  await refreshQueue(pool, orgId);
  return readQueue(pool, orgId, f);
}

/** The listing from the projection as it is (callers that drained already). */
export async function readQueue(db: Queryable, orgId: string, f: QueueFilter = {}): Promise<{ entries: QueueEntry[]; counts: Record<QueueView, number>; next: string | null }> {
  const cp: unknown[] = [orgId];
  const cond = filterCondition(f, cp);
  const counts = Object.fromEntries(QUEUE_VIEWS.map((v) => [v, 0])) as Record<QueueView, number>;
  for (const r of (await db.query<{ view: QueueView; n: number }>(
    `select q.view, count(*)::int as n from moderation_queue q join channels c on c.org_id = q.org_id and c.id = q.channel_id
      where q.org_id = $1 and ${cond} group by q.view`, cp)).rows) counts[r.view] = r.n;

  const limit = Math.max(1, Math.min(f.limit ?? 200, 5000));
  const params: unknown[] = [orgId];
  const where = [filterCondition(f, params)];
  if (f.view) where.push(`q.view = $${params.push(f.view)}`);
  const cur = decodeCursor(f.after);
  // captured_at travels as text: a JS Date would cut microseconds and skip or repeat rows at a page edge.
  if (cur) where.push(`(q.rank, q.captured_at, q.item_id) > ($${params.push(cur.r)}, $${params.push(cur.t)}::timestamptz, $${params.push(cur.i)}::uuid)`);
  const page = (await db.query<{ item_id: string; view: QueueView; severity: number; rank: number; t: string; criticism: boolean }>(
    `select q.item_id, q.view, q.severity, q.rank, q.captured_at::text as t, q.criticism
       from moderation_queue q join channels c on c.org_id = q.org_id and c.id = q.channel_id
      where q.org_id = $1 and ${where.join(" and ")}
      order by q.rank, q.captured_at, q.item_id limit ${limit + 1}`, params)).rows;
  const more = page.length > limit;
  const shown = page.slice(0, limit);
  const ids = shown.map((r) => r.item_id);
  // One after the other: db may be a single client (a transaction).
  const items = await loadItems(db, orgId, ids);
  const analyses = await loadLatestAnalyses(db, orgId, ids);
  const decisions = await loadDecisions(db, orgId, ids);
  const entries: QueueEntry[] = [];
  for (const r of shown) {
    const item = items.get(r.item_id);
    if (!item) continue;
    const evs = decisions.get(r.item_id) ?? [];
    entries.push({ item, analysis: analyses.get(r.item_id) ?? null, decisions: evs, state: deriveState(evs), view: r.view, severity: r.severity, criticism: r.criticism });
  }
  const last = shown.at(-1);
  return { entries, counts, next: more && last ? encodeCursor({ r: last.rank, t: last.t, i: last.item_id }) : null };
}
