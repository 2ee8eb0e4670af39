// Brings the change feed, the search index and the webhook queue up to date
// with what is live now. The live state is derived (latest published version
// whose effective_at has passed), so a scheduled change goes live without any
// write; this sync notices it (run at publish time, and by the scheduler at
// the next effective_at) and records it once, whichever process gets there first.
import type { Queryable, Tx } from "../../platform/db/pool.ts";
import type { EntityKind } from "../store/codecs.ts";
import { loadSnapshot } from "../store/versions.ts";
import { rebuildSearchIndex } from "../read/search.ts";

/** NOTIFY channel: the payload is the organisation id whose published directory changed. */
export const DIRECTORY_CHANNEL = "vaxel_directory";

export interface FeedChange {
  seq: number;
  kind: EntityKind;
  id: string;
  op: "upsert" | "delete";
  version: number;
  at: string;
}

export async function syncLive(tx: Tx, orgId: string): Promise<FeedChange[]> {
  // One sync per organisation at a time; a second one waits and then finds nothing to do.
  await tx.query("select pg_advisory_xact_lock(hashtextextended('directory-sync:' || $1::text, 0))", [orgId]);
  const diff = await tx.query<{ id: string; kind: EntityKind; version: number; deleted: boolean; prev: number | null }>(
    `with live as (
       select distinct on (id) id, kind, version, deleted from dir_all_versions
       where org_id = $1 and state = 'published' and effective_at <= now()
       order by id, effective_at desc, version desc
     )
     select l.id, l.kind, l.version, l.deleted, p.version as prev
     from live l left join dir_live p on p.org_id = $1 and p.id = l.id
     where p.version is distinct from l.version
     order by l.kind, l.id`,
    [orgId],
  );
  // An entity created and deleted before it was ever live needs no tombstone.
  const rows = diff.rows.filter((r) => !(r.deleted && r.prev === null));
  const changes: FeedChange[] = [];
  if (rows.length > 0) {
    const seqRow = await tx.query<{ last_seq: number }>(
      `insert into dir_feed_state (org_id, last_seq) values ($1, $2)
       on conflict (org_id) do update set last_seq = dir_feed_state.last_seq + $2 returning last_seq`,
      [orgId, rows.length],
    );
    let seq = seqRow.rows[0]!.last_seq - rows.length;
    const at = new Date().toISOString();
    for (const r of rows) {
      seq++;
      const op = r.deleted ? "delete" : "upsert";
      await tx.query("insert into dir_changes (org_id, seq, id, kind, op, version) values ($1, $2, $3, $4, $5, $6)", [orgId, seq, r.id, r.kind, op, r.version]);
      changes.push({ seq, kind: r.kind, id: r.id, op, version: r.version, at });
    }
  }
  for (const r of diff.rows) {
    await tx.query(
      `insert into dir_live (org_id, id, kind, version) values ($1, $2, $3, $4)
       on conflict (org_id, id) do update set version = excluded.version`,
      [orgId, r.id, r.kind, r.version],
    );
  }
  if (diff.rows.length > 0) {
    await rebuildSearchIndex(tx, orgId, await loadSnapshot(tx, orgId, { mode: "live" }));
  }
  if (changes.length > 0) {
    const hooks = await tx.query<{ id: string }>("select id from dir_webhooks where org_id = $1 and disabled_at is null", [orgId]);
    const body = JSON.stringify({ type: "directory.changed", organisation: orgId, changes });
    for (const h of hooks.rows) {
      await tx.query("insert into dir_webhook_deliveries (org_id, webhook_id, body) values ($1, $2, $3)", [orgId, h.id, body]);
    }
  }
  await tx.query(
    `insert into dir_feed_state (org_id, synced_at, next_effective_at)
     values ($1, now(), (select min(effective_at) from dir_all_versions where org_id = $1 and state = 'published' and effective_at > now()))
     on conflict (org_id) do update set synced_at = excluded.synced_at, next_effective_at = excluded.next_effective_at`,
    [orgId],
  );
  // Delivered at commit to every Växel process (including this one): caches drop the
  // organisation's snapshot and open pages are told over SSE.
  if (diff.rows.length > 0) await tx.query("select pg_notify($1, $2)", [DIRECTORY_CHANNEL, orgId]);
  return changes;
}

/** Organisations whose next scheduled change is due. */
export async function dueOrganisations(db: Queryable): Promise<string[]> {
  const r = await db.query<{ org_id: string }>("select org_id from dir_feed_state where next_effective_at <= now()");
  return r.rows.map((x) => x.org_id);
}

export async function listChanges(db: Queryable, orgId: string, since: number, limit: number): Promise<{ changes: FeedChange[]; lastSeq: number }> {
  const r = await db.query<{ seq: number; id: string; kind: EntityKind; op: "upsert" | "delete"; version: number; at: Date }>(
    "select seq, id, kind, op, version, at from dir_changes where org_id = $1 and seq > $2 order by seq limit $3",
    [orgId, since, limit],
  );
  const s = await db.query<{ last_seq: number }>("select last_seq from dir_feed_state where org_id = $1", [orgId]);
  return {
    changes: r.rows.map((x) => ({ seq: x.seq, id: x.id, kind: x.kind, op: x.op, version: x.version, at: x.at.toISOString() })),
    lastSeq: s.rows[0]?.last_seq ?? 0,
  };
}
