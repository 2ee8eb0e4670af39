// Appends one event to the organisation's audit chain, inside the caller's
// transaction so the event commits (or rolls back) with the change it records.
import type { Tx } from "../db/pool.ts";

export interface Actor {
  id: string | null; // null = the system
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

export interface AuditEventInput {
  orgId: string;
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export const GENESIS_HASH = "genesis";

export async function recordAuditEvent(tx: Tx, e: AuditEventInput): Promise<{ seq: number; hash: string }> {
  // One writer per organisation at a time: the chain needs the previous link.
  // The lock is released at commit, so keep audited transactions short.
  await tx.query("select pg_advisory_xact_lock(hashtextextended('audit:' || $1::text, 0))", [e.orgId]);
  const r = await tx.query<{ seq: number; hash: string }>(
    `with last as (
       select seq, hash from audit_events where org_id = $1 order by seq desc limit 1
     ), v as (
       select gen_random_uuid() as id, date_trunc('milliseconds', clock_timestamp()) as at,
              coalesce((select seq from last), 0) + 1 as seq,
              coalesce((select hash from last), $10) as prev
     )
     insert into audit_events (org_id, seq, id, at, actor_id, actor_label, action, target_type, target_id,
                               before, after, request_id, prev_hash, hash)
     select $1, v.seq, v.id, v.at, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, v.prev,
            audit_event_hash(v.prev, $1, v.seq, v.id, v.at, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)
     from v
     returning seq, hash`,
    [
      e.orgId,
      e.actor.id,
      e.actor.label,
      e.action,
      e.targetType,
      e.targetId ?? null,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.requestId ?? null,
      GENESIS_HASH,
    ],
  );
  const row = r.rows[0];
  if (!row) throw new Error("audit insert returned no row");
  return row;
}
