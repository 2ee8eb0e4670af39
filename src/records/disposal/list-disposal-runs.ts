// Past disposal runs, read from the kept disposal log itself (the archive
// stream 'records.disposal'), not from a copy: what the page shows is what
// the archive holds and `vaxel records verify` checks.
import type { Queryable } from "../../platform/db/pool.ts";
import { ARCHIVE_STREAMS } from "../archive/append-archive-entry.ts";

export interface DisposalRunLogEntry {
  runId: string;
  at: string;
  executedBy: string;
  rule: { id: string; planReference: string; description: string | null; recordType: string | null };
  /** Items written before this were disposable (the rule's cutoff at the time). */
  cutoff: string;
  items: { platformItemId: string; kind: string; occurredAt: string; versions: number }[];
  heldBack: number;
  deliveriesRemoved: number;
}

interface RunPayload {
  runId: string;
  ruleId: string;
  planReference: string;
  cutoff: string;
  executedBy: string;
  items: { platformItemId: string; kind: string; occurredAt: string; links?: unknown[] }[];
  heldBack?: string[];
  deliveriesRemoved?: string[];
}

/** Newest first. Runs that disposed nothing are kept in the log too, and listed. */
export async function listDisposalRuns(db: Queryable, orgId: string, o: { limit?: number } = {}): Promise<DisposalRunLogEntry[]> {
  const r = await db.query<{ at: Date; payload: RunPayload; description: string | null; record_type: string | null }>(
    `select a.at, a.payload, d.description, d.record_type
       from archive_entries a
       left join disposal_rules d on d.org_id = a.org_id and d.id::text = a.payload ->> 'ruleId'
      where a.org_id = $1 and a.stream = $2 and a.record_type = 'disposal_run'
      order by a.seq desc limit $3`, [orgId, ARCHIVE_STREAMS.disposal, o.limit ?? 50]);
  return r.rows.map((x) => ({
    runId: x.payload.runId,
    at: x.at.toISOString(),
    executedBy: x.payload.executedBy,
    rule: { id: x.payload.ruleId, planReference: x.payload.planReference, description: x.description, recordType: x.record_type },
    cutoff: x.payload.cutoff,
    items: (x.payload.items ?? []).map((i) => ({ platformItemId: i.platformItemId, kind: i.kind, occurredAt: i.occurredAt, versions: i.links?.length ?? 0 })),
    heldBack: x.payload.heldBack?.length ?? 0,
    deliveriesRemoved: x.payload.deliveriesRemoved?.length ?? 0,
  }));
}
