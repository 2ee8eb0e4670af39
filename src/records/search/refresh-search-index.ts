// Brings record_search up to date with the append-only tables, incrementally:
// new capture versions per channel (by chain seq), new analyses (by time, with
// a margin because analyses commit out of order), new moderation decisions (by
// stream seq). Upserts are idempotent, so reprocessing is harmless. Runs
// before each search and on the server's timer; capture itself is not slowed.
import type { Pool, Tx } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { ARCHIVE_STREAMS } from "../archive/append-archive-entry.ts";

const ANALYSIS_MARGIN_MS = 5 * 60_000;

async function cursor(tx: Tx, orgId: string, source: string, key: string): Promise<number> {
  const r = await tx.query<{ position: number }>("select position from record_search_cursor where org_id = $1 and source = $2 and key = $3", [orgId, source, key]);
  return Number(r.rows[0]?.position ?? 0);
}

async function setCursor(tx: Tx, orgId: string, source: string, key: string, position: number): Promise<void> {
  await tx.query(
    `insert into record_search_cursor (org_id, source, key, position) values ($1, $2, $3, $4)
     on conflict (org_id, source, key) do update set position = excluded.position`, [orgId, source, key, position]);
}

/** Upserts the search rows of `itemIds` from the items' current state. */
export async function indexItems(tx: Tx, orgId: string, itemIds: string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const r = await tx.query(
    `insert into record_search (org_id, item_id, channel_id, platform, kind, platform_item_id, post_platform_id, author_name, text,
                                occurred_at, removed, hidden, categories, indexed_at)
     select s.org_id, s.item_id, s.channel_id, s.platform, s.kind, s.platform_item_id, s.post_platform_id, s.author_name, s.text,
            coalesce((select min(coalesce(v.platform_time, v.received_at)) from capture_versions v
                       where v.org_id = s.org_id and v.item_id = s.item_id), s.first_captured_at),
            s.removed, s.hidden,
            coalesce((select a.labels from item_analyses a where a.org_id = s.org_id and a.item_id = s.item_id
                       order by a.analysed_at desc limit 1), '{}'), now()
       from captured_item_state s where s.org_id = $1 and s.item_id = any($2::uuid[])
     on conflict (org_id, item_id) do update set
       author_name = excluded.author_name, text = excluded.text, occurred_at = excluded.occurred_at,
       removed = excluded.removed, hidden = excluded.hidden, categories = excluded.categories, indexed_at = now()`,
    [orgId, itemIds]);
  return r.rowCount ?? 0;
}

export async function refreshSearchIndex(pool: Pool, o: { orgId: string }): Promise<{ indexed: number }> {
  let indexed = 0;
  const channels = await pool.query<{ id: string }>("select id from channels where org_id = $1", [o.orgId]);
  for (const c of channels.rows) {
    indexed += await withTx(pool, async (tx) => {
      await tx.query("select pg_advisory_xact_lock(hashtextextended('search:' || $1::text, 0))", [c.id]);
      const from = await cursor(tx, o.orgId, "capture", c.id);
      const r = await tx.query<{ item_id: string; max_seq: number }>(
        `select item_id, max(seq) as max_seq from capture_versions
          where org_id = $1 and channel_id = $2 and seq > $3 group by item_id`, [o.orgId, c.id, from]);
      if (r.rows.length === 0) return 0;
      const n = await indexItems(tx, o.orgId, r.rows.map((x) => x.item_id));
      await setCursor(tx, o.orgId, "capture", c.id, Math.max(...r.rows.map((x) => Number(x.max_seq))));
      return n;
    });
  }
  await withTx(pool, async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtextextended('search-meta:' || $1::text, 0))", [o.orgId]);
    // Analyses arrive after capture: refresh the categories of items analysed since the cursor.
    const since = await cursor(tx, o.orgId, "analysis", "");
    const a = await tx.query<{ item_id: string; at: number }>(
      `select item_id, (extract(epoch from max(analysed_at)) * 1000)::bigint as at from item_analyses
        where org_id = $1 and analysed_at > to_timestamp($2 / 1000.0) group by item_id`, [o.orgId, Math.max(0, since - ANALYSIS_MARGIN_MS)]);
    if (a.rows.length) {
      await tx.query(
        `update record_search r set categories = coalesce((select x.labels from item_analyses x where x.org_id = r.org_id and x.item_id = r.item_id
                                                            order by x.analysed_at desc limit 1), '{}')
          where r.org_id = $1 and r.item_id = any($2::uuid[])`, [o.orgId, a.rows.map((x) => x.item_id)]);
      await setCursor(tx, o.orgId, "analysis", "", Math.max(since, ...a.rows.map((x) => Number(x.at))));
    }
    // Moderation decisions are archive entries (copies of moderation_decisions rows,
    // migrations/0590) whose payload names the item and the action.
    const dFrom = await cursor(tx, o.orgId, "decisions", "");
    const d = await tx.query<{ seq: number; item_id: string; action: string }>(
      `select seq, coalesce(payload->>'itemId', payload->>'item_id') as item_id, coalesce(payload->>'action', payload->>'kind') as action from archive_entries
        where org_id = $1 and stream = $2 and seq > $3 order by seq`, [o.orgId, ARCHIVE_STREAMS.decisions, dFrom]);
    for (const x of d.rows) {
      if (x.item_id && /^[0-9a-f-]{36}$/.test(x.item_id)) {
        await tx.query("update record_search set decision = $3 where org_id = $1 and item_id = $2", [o.orgId, x.item_id, x.action]);
      }
    }
    if (d.rows.length) await setCursor(tx, o.orgId, "decisions", "", Number(d.rows.at(-1)!.seq));
  });
  return { indexed };
}
