// Opens a records request (utlämnande): what was asked for, by whom (may be
// anonymous), when it arrived.
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";

export interface CreateRequestInput {
  orgId: string;
  description: string;
  requester?: string | null;
  /** YYYY-MM-DD; default today (Stockholm). */
  receivedAt?: string | null;
  actor: Actor;
}

export async function createRecordsRequest(deps: { pool: Pool }, i: CreateRequestInput): Promise<{ id: string }> {
  return withTx(deps.pool, async (tx) => {
    const r = await tx.query<{ id: string }>(
      `insert into records_requests (org_id, description, requester, received_at, created_by)
       values ($1, $2, $3, coalesce($4::date, (now() at time zone 'Europe/Stockholm')::date), $5) returning id`,
      [i.orgId, i.description, i.requester ?? null, i.receivedAt ?? null, i.actor.label]);
    const id = r.rows[0]!.id;
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.request_created", targetType: "records_request", targetId: id, after: { description: i.description } });
    return { id };
  });
}
