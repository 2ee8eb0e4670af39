// The audit page's query: filters by actor, action, target type and period,
// newest first, keyset-paged by sequence number.
import type { Queryable } from "../db/pool.ts";

export interface AuditFilter {
  orgId: string;
  actor?: string;
  action?: string;
  targetType?: string;
  from?: string; // ISO date
  to?: string; // ISO date, inclusive
  beforeSeq?: number;
  limit?: number;
}

export interface AuditEventView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

export async function listAuditEvents(db: Queryable, f: AuditFilter): Promise<AuditEventView[]> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const r = await db.query(
    `select seq, at, actor_label, action, target_type, target_id, before, after, request_id, hash
       from audit_events
      where org_id = $1
        and ($2::text is null or actor_label = $2)
        and ($3::text is null or action like $3 || '%')
        and ($4::text is null or target_type = $4)
        and ($5::date is null or at >= $5::date)
        and ($6::date is null or at < $6::date + 1)
        and ($7::bigint is null or seq < $7)
      order by seq desc limit $8`,
    [f.orgId, f.actor || null, f.action || null, f.targetType || null, f.from || null, f.to || null, f.beforeSeq ?? null, limit],
  );
  return r.rows.map((x) => ({
    seq: Number(x.seq),
    at: (x.at as Date).toISOString(),
    actor: x.actor_label as string,
    action: x.action as string,
    targetType: x.target_type as string,
    targetId: (x.target_id as string | null) ?? null,
    before: x.before,
    after: x.after,
    requestId: (x.request_id as string | null) ?? null,
    hash: x.hash as string,
  }));
}
