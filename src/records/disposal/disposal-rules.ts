// Disposal rules from the document management plan, and legal holds.
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";

export interface DisposalRule {
  id: string;
  recordType: "post" | "comment" | "reply" | "mention";
  keepMonths: number;
  planReference: string;
  description: string;
  createdBy: string;
  retired: boolean;
}

export async function createDisposalRule(deps: { pool: Pool }, i: Omit<DisposalRule, "id" | "createdBy" | "retired"> & { orgId: string; actor: Actor }): Promise<{ id: string }> {
  return withTx(deps.pool, async (tx) => {
    const r = await tx.query<{ id: string }>(
      `insert into disposal_rules (org_id, record_type, keep_months, plan_reference, description, created_by)
       values ($1, $2, $3, $4, $5, $6) returning id`, [i.orgId, i.recordType, i.keepMonths, i.planReference, i.description, i.actor.label]);
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.disposal_rule_created", targetType: "disposal_rule", targetId: r.rows[0]!.id,
      after: { recordType: i.recordType, keepMonths: i.keepMonths, planReference: i.planReference } });
    return { id: r.rows[0]!.id };
  });
}

export async function listDisposalRules(db: Queryable, orgId: string): Promise<DisposalRule[]> {
  const r = await db.query("select * from disposal_rules where org_id = $1 order by plan_reference, created_at", [orgId]);
  return r.rows.map((x) => ({ id: x.id, recordType: x.record_type, keepMonths: x.keep_months, planReference: x.plan_reference, description: x.description, createdBy: x.created_by, retired: x.retired_at !== null }));
}

export interface LegalHoldInput {
  orgId: string;
  reason: string;
  channelId?: string | null;
  postPlatformId?: string | null;
  from?: string | null;
  to?: string | null;
  itemIds?: string[] | null;
  actor: Actor;
}

export async function placeLegalHold(deps: { pool: Pool }, i: LegalHoldInput): Promise<{ id: string }> {
  if (!i.channelId && !i.postPlatformId && !i.from && !i.to && !i.itemIds?.length) throw new AppError("validation_failed", { public: { field: "scope" } });
  return withTx(deps.pool, async (tx) => {
    const r = await tx.query<{ id: string }>(
      `insert into legal_holds (org_id, reason, channel_id, post_platform_id, from_at, to_at, item_ids, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [i.orgId, i.reason, i.channelId ?? null, i.postPlatformId ?? null, i.from ?? null, i.to ?? null, i.itemIds?.length ? i.itemIds : null, i.actor.label]);
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.legal_hold_placed", targetType: "legal_hold", targetId: r.rows[0]!.id, after: { ...i, actor: undefined } });
    return { id: r.rows[0]!.id };
  });
}

/**
 * Releases a hold by recording the release (legal_hold_releases): the hold
 * itself is never changed, and both rows are archived on insert (0475, 0592).
 */
export async function releaseLegalHold(deps: { pool: Pool }, i: { orgId: string; holdId: string; reason?: string | null; actor: Actor }): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    // Lock the hold so two releases at once cannot both pass the check.
    const hold = await tx.query("select 1 from legal_holds where org_id = $1 and id = $2 for share", [i.orgId, i.holdId]);
    if (!hold.rowCount) throw new AppError("not_found");
    const r = await tx.query(
      `insert into legal_hold_releases (org_id, hold_id, reason, released_by) values ($1, $2, $3, $4)
       on conflict (org_id, hold_id) do nothing`, [i.orgId, i.holdId, i.reason || null, i.actor.label]);
    if (!r.rowCount) throw new AppError("conflict", { public: { hold: i.holdId, why: "already_released" } });
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.legal_hold_released", targetType: "legal_hold", targetId: i.holdId, after: { reason: i.reason || null } });
  });
}

export interface LegalHold {
  id: string;
  reason: string;
  /** What it covers, readable: the post, channel, items or period. */
  scope: string;
  createdBy: string;
  createdAt: string;
  released: { by: string; at: string; reason: string | null } | null;
}

/** Holds, newest first; active only unless `all`. */
export async function listLegalHolds(db: Queryable, orgId: string, o: { all?: boolean } = {}): Promise<LegalHold[]> {
  const r = await db.query(
    `select h.id, h.reason, coalesce(h.post_platform_id, h.channel_id::text, array_to_string(h.item_ids, ','), concat_ws('–', h.from_at::date, h.to_at::date)) as scope,
            h.created_by, h.created_at, r.released_by, r.released_at, r.reason as release_reason
       from legal_holds h left join legal_hold_releases r on r.org_id = h.org_id and r.hold_id = h.id
      where h.org_id = $1 and ($2 or r.hold_id is null)
      order by h.created_at desc, h.id`, [orgId, o.all ?? false]);
  return r.rows.map((h) => ({
    id: h.id, reason: h.reason, scope: h.scope ?? "", createdBy: h.created_by, createdAt: new Date(h.created_at).toISOString(),
    released: h.released_at ? { by: h.released_by, at: new Date(h.released_at).toISOString(), reason: h.release_reason } : null,
  }));
}
