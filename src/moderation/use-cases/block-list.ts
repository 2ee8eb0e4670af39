// The block list, a public record: every ban ever made, lifted or not. Lifting
// is a new row; nothing is removed (enforced in PostgreSQL).
import { recordAuditEvent, type Actor } from "../../platform/audit/index.ts";
import type { Queryable, Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";

export interface BanView { id: string; channelId: string; channelName: string; platform: string; authorPlatformId: string; authorName: string | null; ruleId: string; legalBasis: string; reason: string | null; strikes: number; warned: boolean; actor: string; at: Date; liftedAt: Date | null; liftReason: string | null }

export async function listBans(db: Queryable, orgId: string): Promise<BanView[]> {
  const r = await db.query<{ id: string; channel_id: string; name: string; platform: string; author_platform_id: string; author_name: string | null; rule_id: string; legal_basis: string; reason: string | null; strikes: number; warned: boolean; actor_label: string; at: Date; lifted_at: Date | null; lift_reason: string | null }>(
    `select b.id, b.channel_id, c.name, c.platform, b.author_platform_id, b.author_name, b.rule_id, b.legal_basis, b.reason, b.strikes, b.warned, b.actor_label, b.at,
            l.at as lifted_at, l.reason as lift_reason
       from moderation_bans b join channels c on c.org_id = b.org_id and c.id = b.channel_id
       left join moderation_ban_lifts l on l.ban_id = b.id
      where b.org_id = $1 order by b.at desc`, [orgId]);
  return r.rows.map((x) => ({ id: x.id, channelId: x.channel_id, channelName: x.name, platform: x.platform, authorPlatformId: x.author_platform_id, authorName: x.author_name, ruleId: x.rule_id, legalBasis: x.legal_basis, reason: x.reason, strikes: x.strikes, warned: x.warned, actor: x.actor_label, at: x.at, liftedAt: x.lifted_at, liftReason: x.lift_reason }));
}

export async function liftBan(tx: Tx, o: { orgId: string; banId: string; reason: string; actor: Actor; requestId?: string | undefined }): Promise<void> {
  if (!o.reason.trim()) throw new AppError("validation_failed", { public: { field: "reason" } });
  const r = await tx.query("insert into moderation_ban_lifts (org_id, ban_id, reason, actor_id, actor_label) select org_id, id, $3, $4, $5 from moderation_bans where org_id = $1 and id = $2 on conflict do nothing returning ban_id",
    [o.orgId, o.banId, o.reason.trim(), o.actor.id, o.actor.label]);
  if (!r.rowCount) throw new AppError("conflict");
  await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: "moderation.ban.lifted", targetType: "moderation_ban", targetId: o.banId, after: { reason: o.reason.trim() }, requestId: o.requestId ?? null });
}
