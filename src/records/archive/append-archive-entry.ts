// Appends a public record that is not a captured platform item (a moderation
// decision, a reply the city wrote, a block-list change, a registration, a
// disposal) to its organisation's archive stream, inside the caller's
// transaction: the record and its archive link commit together or not at all.
// The chain logic lives in SQL (append_archive_entry, migrations/0400) so that
// every writer links the same way and verification recomputes it there.
import type { Tx } from "../../platform/db/pool.ts";

// The moderation tables (decisions, which include the replies the city wrote,
// the block list, notifications, appeals, police reports) are copied into
// their streams by a trigger on insert (migrations/0590, archive_mirrors);
// records-owned streams are appended by the records use cases.
export const ARCHIVE_STREAMS = {
  decisions: "moderation.decisions",
  blocklist: "moderation.blocklist",
  registrations: "records.registrations",
  disposal: "records.disposal",
  requests: "records.requests",
} as const;

export interface ArchiveEntryInput {
  orgId: string;
  /** Stream name, e.g. ARCHIVE_STREAMS.decisions ('moderation.decisions'). */
  stream: string;
  recordType: string;
  recordId: string;
  /** The record as it was at this moment (JSON). */
  payload: unknown;
}

export async function appendArchiveEntry(tx: Tx, e: ArchiveEntryInput): Promise<{ seq: number; hash: string }> {
  const r = await tx.query<{ seq: number; hash: string }>(
    "select seq, hash from append_archive_entry($1, $2, $3, $4, $5::jsonb)",
    [e.orgId, e.stream, e.recordType, e.recordId, JSON.stringify(e.payload ?? null)],
  );
  const row = r.rows[0];
  if (!row) throw new Error("append_archive_entry returned no row");
  return { seq: Number(row.seq), hash: row.hash };
}
