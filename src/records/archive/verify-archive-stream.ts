// Recomputes every link of one archive stream (archive_entry_hash in SQL) and
// reports the first broken link: a missing sequence number, a wrong previous
// hash, or a row whose content no longer matches its hash.
import type { Queryable } from "../../platform/db/pool.ts";

export interface LinkBreak {
  seq: number;
  kind: "missing" | "prev_hash_mismatch" | "content_altered";
  expected: string;
  actual: string;
}

export interface StreamReport {
  stream: string;
  checked: number;
  headSeq: number;
  headHash: string;
  ok: boolean;
  firstBreak?: LinkBreak;
}

const BATCH = 5000;

export async function verifyArchiveStream(db: Queryable, orgId: string, stream: string): Promise<StreamReport> {
  let expectedSeq = 1;
  let prevHash = "genesis";
  let checked = 0;
  for (;;) {
    const r = await db.query<{ seq: number; prev_hash: string; hash: string; recomputed: string }>(
      `select seq, prev_hash, hash,
              archive_entry_hash(prev_hash, org_id, stream, seq, id, at, record_type, record_id, payload) as recomputed
         from archive_entries where org_id = $1 and stream = $2 and seq >= $3 order by seq limit $4`,
      [orgId, stream, expectedSeq, BATCH],
    );
    for (const row of r.rows) {
      const seq = Number(row.seq);
      const fail = (b: LinkBreak): StreamReport => ({ stream, checked, headSeq: expectedSeq - 1, headHash: prevHash, ok: false, firstBreak: b });
      if (seq !== expectedSeq) return fail({ seq: expectedSeq, kind: "missing", expected: String(expectedSeq), actual: String(seq) });
      if (row.prev_hash !== prevHash) return fail({ seq, kind: "prev_hash_mismatch", expected: prevHash, actual: row.prev_hash });
      if (row.recomputed !== row.hash) return fail({ seq, kind: "content_altered", expected: row.recomputed, actual: row.hash });
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    if (r.rows.length < BATCH) break;
  }
  return { stream, checked, headSeq: expectedSeq - 1, headHash: prevHash, ok: true };
}
