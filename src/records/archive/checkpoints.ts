// Checkpoints: the head (seq + hash) of every chain of an organisation —
// each channel's capture chain, the audit chain, each archive stream — kept at
// intervals with an HMAC. A hash chain alone cannot tell a chain whose tail was
// cut off from a shorter one; a checkpoint can, and the HMAC key is derived
// from the installation's encryption key, which is not in the database, so
// someone with SQL access cannot forge a checkpoint to match a shortened chain.
import { createHmac, hkdfSync } from "node:crypto";
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";

export type ChainKind = "capture" | "audit" | "archive";

export interface ChainHead {
  chain: ChainKind;
  /** Channel id (capture), '' (audit) or the stream name (archive). */
  chainKey: string;
  headSeq: number;
  headHash: string;
}

export function checkpointKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", encryptionKey, Buffer.alloc(0), "vaxel records checkpoints v1", 32));
}

export function signHead(key: Buffer, orgId: string, h: ChainHead): string {
  return createHmac("sha256", key).update([orgId, h.chain, h.chainKey, String(h.headSeq), h.headHash].join("\x1f")).digest("hex");
}

/** The current head of every chain of the organisation. */
export async function readChainHeads(db: Queryable, orgId: string): Promise<ChainHead[]> {
  const heads: ChainHead[] = [];
  const cap = await db.query<{ channel_id: string; seq: number; hash: string }>(
    `select c.id as channel_id, v.seq, v.hash from channels c
       cross join lateral (select seq, hash from (
                             (select seq, hash from capture_versions v where v.org_id = c.org_id and v.channel_id = c.id order by seq desc limit 1)
                             union all
                             (select seq, hash from disposed_versions d where d.org_id = c.org_id and d.channel_id = c.id order by seq desc limit 1)) h
                            order by seq desc limit 1) v
      where c.org_id = $1 order by c.id`, [orgId]);
  for (const r of cap.rows) heads.push({ chain: "capture", chainKey: r.channel_id, headSeq: Number(r.seq), headHash: r.hash });
  const aud = await db.query<{ seq: number; hash: string }>(
    "select seq, hash from audit_events where org_id = $1 order by seq desc limit 1", [orgId]);
  if (aud.rows[0]) heads.push({ chain: "audit", chainKey: "", headSeq: Number(aud.rows[0].seq), headHash: aud.rows[0].hash });
  const arc = await db.query<{ stream: string; seq: number; hash: string }>(
    `select s.stream, a.seq, a.hash from (select distinct stream from archive_entries where org_id = $1) s
       cross join lateral (select seq, hash from archive_entries a
                            where a.org_id = $1 and a.stream = s.stream order by seq desc limit 1) a
      order by s.stream`, [orgId]);
  for (const r of arc.rows) heads.push({ chain: "archive", chainKey: r.stream, headSeq: Number(r.seq), headHash: r.hash });
  return heads;
}

export interface CheckpointResult {
  recorded: ChainHead[];
  unchanged: number;
}

/**
 * Records a checkpoint for every chain whose head moved since its last
 * checkpoint. Run on a schedule (`vaxel records checkpoint`, or the server's
 * timer); the interval bounds how much of a tail could be cut unnoticed.
 */
export async function recordCheckpoints(deps: { pool: Pool; key: Buffer }, o: { orgId: string }): Promise<CheckpointResult> {
  const key = checkpointKey(deps.key);
  return withTx(deps.pool, async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtextextended('checkpoints:' || $1::text, 0))", [o.orgId]);
    const heads = await readChainHeads(tx, o.orgId);
    const last = await tx.query<{ chain: ChainKind; chain_key: string; head_seq: number }>(
      `select distinct on (chain, chain_key) chain, chain_key, head_seq from records_checkpoints
        where org_id = $1 order by chain, chain_key, head_seq desc`, [o.orgId]);
    const known = new Map(last.rows.map((r) => [`${r.chain}/${r.chain_key}`, Number(r.head_seq)]));
    const recorded: ChainHead[] = [];
    for (const h of heads) {
      if (known.get(`${h.chain}/${h.chainKey}`) === h.headSeq) continue;
      await tx.query(
        `with last as (select seq, hash from records_checkpoints where org_id = $1 order by seq desc limit 1),
              v as (select coalesce((select seq from last), 0) + 1 as seq, coalesce((select hash from last), 'genesis') as prev,
                           date_trunc('milliseconds', clock_timestamp()) as at)
         insert into records_checkpoints (org_id, seq, at, chain, chain_key, head_seq, head_hash, signature, prev_hash, hash)
         select $1, v.seq, v.at, $2, $3, $4, $5, $6, v.prev,
                records_checkpoint_hash(v.prev, $1, v.seq, v.at, $2, $3, $4, $5, $6) from v`,
        [o.orgId, h.chain, h.chainKey, h.headSeq, h.headHash, signHead(key, o.orgId, h)]);
      recorded.push(h);
    }
    return { recorded, unchanged: heads.length - recorded.length };
  });
}
