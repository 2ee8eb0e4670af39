// Recomputes every link of a channel's capture chain in PostgreSQL
// (capture_version_hash) and checks each row's content hash against its raw
// fragment. Reports the first broken link: a missing sequence number, a wrong
// previous hash, a raw fragment that no longer matches its content hash, or a
// row whose fields no longer match its link hash.
import type { Queryable } from "../../platform/db/pool.ts";
import { CAPTURE_GENESIS } from "./hash.ts";

export interface CaptureChainBreak {
  seq: number;
  kind: "missing" | "prev_hash_mismatch" | "content_altered" | "raw_altered";
  expected: string;
  actual: string;
}

export interface CaptureChainReport {
  channelId: string;
  checked: number;
  ok: boolean;
  firstBreak?: CaptureChainBreak;
}

const BATCH = 5000;

export async function verifyCaptureChain(
  db: Queryable,
  orgId: string,
  channelId: string,
  onProgress?: (checked: number) => void,
): Promise<CaptureChainReport> {
  let expectedSeq = 1;
  let prevHash = CAPTURE_GENESIS;
  let checked = 0;
  for (;;) {
    const r = await db.query<{ seq: number; prev_hash: string; hash: string; recomputed: string; content_hash: string; raw_hash: string }>(
      `select seq, prev_hash, hash, content_hash, encode(sha256(convert_to(raw, 'UTF8')), 'hex') as raw_hash,
              capture_version_hash(prev_hash, org_id, channel_id, seq, id, item_id, platform_item_id, version_key, event, source,
                platform_time, received_at, author_platform_id, author_name, text, hidden, url, delivery_sha256, content_hash) as recomputed
         from capture_versions where org_id = $1 and channel_id = $2 and seq >= $3 order by seq limit $4`,
      [orgId, channelId, expectedSeq, BATCH],
    );
    for (const row of r.rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { channelId, checked, ok: false, firstBreak: { seq: expectedSeq, kind: "missing", expected: String(expectedSeq), actual: String(seq) } };
      }
      if (row.prev_hash !== prevHash) {
        return { channelId, checked, ok: false, firstBreak: { seq, kind: "prev_hash_mismatch", expected: prevHash, actual: row.prev_hash } };
      }
      if (row.raw_hash !== row.content_hash) {
        return { channelId, checked, ok: false, firstBreak: { seq, kind: "raw_altered", expected: row.content_hash, actual: row.raw_hash } };
      }
      if (row.recomputed !== row.hash) {
        return { channelId, checked, ok: false, firstBreak: { seq, kind: "content_altered", expected: row.recomputed, actual: row.hash } };
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    onProgress?.(checked);
    if (r.rows.length < BATCH) break;
  }
  return { channelId, checked, ok: true };
}
