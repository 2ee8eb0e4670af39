// Recomputes every link of an organisation's audit chain. Reports the first
// broken link: a missing sequence number (a deleted row), a wrong previous hash
// (a row removed or re-ordered) or a hash that no longer matches the row's
// content (an altered row).
import type { Queryable } from "../db/pool.ts";
import { GENESIS_HASH } from "./record-audit-event.ts";

export interface ChainBreak {
  seq: number;
  kind: "missing" | "prev_hash_mismatch" | "content_altered";
  expected: string;
  actual: string;
}

export interface ChainReport {
  orgId: string;
  checked: number;
  ok: boolean;
  firstBreak?: ChainBreak;
}

const BATCH = 5000;

export async function verifyAuditChain(
  db: Queryable,
  orgId: string,
  onProgress?: (checked: number, total: number) => void,
): Promise<ChainReport> {
  const total = (await db.query<{ n: number }>("select count(*)::int as n from audit_events where org_id = $1", [orgId]))
    .rows[0]?.n ?? 0;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const r = await db.query<{ seq: number; prev_hash: string; hash: string; recomputed: string }>(
      `select seq, prev_hash, hash,
              audit_event_hash(prev_hash, org_id, seq, id, at, actor_id, actor_label, action, target_type,
                               target_id, before, after, request_id) as recomputed
         from audit_events where org_id = $1 and seq >= $2 order by seq limit $3`,
      [orgId, expectedSeq, BATCH],
    );
    for (const row of r.rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { orgId, checked, ok: false, firstBreak: { seq: expectedSeq, kind: "missing", expected: String(expectedSeq), actual: String(seq) } };
      }
      if (row.prev_hash !== prevHash) {
        return { orgId, checked, ok: false, firstBreak: { seq, kind: "prev_hash_mismatch", expected: prevHash, actual: row.prev_hash } };
      }
      if (row.recomputed !== row.hash) {
        return { orgId, checked, ok: false, firstBreak: { seq, kind: "content_altered", expected: row.recomputed, actual: row.hash } };
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    onProgress?.(checked, total);
    if (r.rows.length < BATCH) break;
  }
  return { orgId, checked, ok: true };
}
