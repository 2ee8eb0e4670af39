// A channel's capture chain, verified across disposal: links that were
// disposed (gallrade) under a rule are gone from capture_versions but their
// seq and hashes are in the disposal log (disposed_versions), so the chain
// still links through them. Everything else as capture's own verification:
// the raw fragment against its content hash, every field against the link hash.
import type { Queryable } from "../../platform/db/pool.ts";
import { CAPTURE_GENESIS } from "../capture/index.ts";

export interface CaptureLinkBreak {
  seq: number;
  kind: "missing" | "prev_hash_mismatch" | "content_altered" | "raw_altered";
  expected: string;
  actual: string;
}

export interface CaptureChainCheck {
  checked: number;
  disposed: number;
  headSeq: number;
  ok: boolean;
  firstBreak?: CaptureLinkBreak;
}

const BATCH = 5000;

export async function verifyCaptureChainWithDisposal(db: Queryable, orgId: string, channelId: string): Promise<CaptureChainCheck> {
  let expectedSeq = 1;
  let prevHash = CAPTURE_GENESIS;
  let checked = 0;
  let disposed = 0;
  const fail = (b: CaptureLinkBreak): CaptureChainCheck => ({ checked, disposed, headSeq: expectedSeq - 1, ok: false, firstBreak: b });
  for (;;) {
    const r = await db.query<{ seq: number; prev_hash: string; hash: string; content_hash: string; raw_hash: string | null; recomputed: string | null; disposed: boolean }>(
      `select * from (
         select seq, prev_hash, hash, content_hash, encode(sha256(convert_to(raw, 'UTF8')), 'hex') as raw_hash,
                capture_version_hash(prev_hash, org_id, channel_id, seq, id, item_id, platform_item_id, version_key, event, source,
                  platform_time, received_at, author_platform_id, author_name, text, hidden, url, delivery_sha256, content_hash) as recomputed,
                false as disposed
           from capture_versions where org_id = $1 and channel_id = $2 and seq >= $3
         union all
         select seq, prev_hash, hash, content_hash, null, null, true
           from disposed_versions where org_id = $1 and channel_id = $2 and seq >= $3) x
       order by seq, disposed limit $4`,
      [orgId, channelId, expectedSeq, BATCH]);
    let last = -1;
    for (const row of r.rows) {
      const seq = Number(row.seq);
      if (seq === last) continue; // a link both kept and logged as disposed: the kept row was checked
      last = seq;
      if (seq !== expectedSeq) return fail({ seq: expectedSeq, kind: "missing", expected: String(expectedSeq), actual: String(seq) });
      if (row.prev_hash !== prevHash) return fail({ seq, kind: "prev_hash_mismatch", expected: prevHash, actual: row.prev_hash });
      if (!row.disposed) {
        if (row.raw_hash !== row.content_hash) return fail({ seq, kind: "raw_altered", expected: row.content_hash, actual: row.raw_hash ?? "" });
        if (row.recomputed !== row.hash) return fail({ seq, kind: "content_altered", expected: row.recomputed ?? "", actual: row.hash });
      } else {
        disposed++;
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    if (r.rows.length < BATCH) break;
  }
  return { checked, disposed, headSeq: expectedSeq - 1, ok: true };
}
