// The block list, a public record: every ban ever made, lifted or not. Lifting
// is a new row; nothing is removed (enforced in PostgreSQL).
import { recordAuditEvent, type Actor } from "../../platform/audit/index.ts";
import type { Queryable, Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";

/**
 * Platforms whose API can lift a ban again: Facebook (DELETE /{page-id}/blocked)
 * and Mastodon (admin unsuspend). YouTube's banAuthor has no way back in the
 * Data API (the channel owner lifts it in YouTube Studio), so there the block
 * list says it must be done by hand.
 */
export const UNBAN_PLATFORMS = new Set(["facebook", "mastodon"]);

export interface BanView {
  id: string; channelId: string; channelName: string; platform: string; authorPlatformId: string; authorName: string | null; ruleId: string; legalBasis: string;
  reason: string | null; strikes: number; warned: boolean; actor: string; at: Date; liftedAt: Date | null; liftReason: string | null;
  /** The lift's decision, rule and legal basis (null for lifts recorded before lifting became a decision). */
  liftDecisionId: string | null; liftRuleId: string | null; liftLegalBasis: string | null; liftActor: string | null;
  /** How a lift reaches the platform: through the outbox, or by hand (no API for it). */
  unban: "platform" | "manual";
}

export async function listBans(db: Queryable, orgId: string): Promise<BanView[]> {
  const r = await db.query<{ id: string; channel_id: string; name: string; platform: string; author_platform_id: string; author_name: string | null; rule_id: string; legal_basis: string; reason: string | null; strikes: number; warned: boolean; actor_label: string; at: Date; lifted_at: Date | null; lift_reason: string | null; lift_decision_id: string | null; lift_rule_id: string | null; lift_legal_basis: string | null; lift_actor: string | null }>(
    `select b.id, b.channel_id, c.name, c.platform, b.author_platform_id, b.author_name, b.rule_id, b.legal_basis, b.reason, b.strikes, b.warned, b.actor_label, b.at,
            l.at as lifted_at, l.reason as lift_reason, l.decision_id as lift_decision_id, l.rule_id as lift_rule_id, l.legal_basis as lift_legal_basis, l.actor_label as lift_actor
       from moderation_bans b join channels c on c.org_id = b.org_id and c.id = b.channel_id
       left join moderation_ban_lifts l on l.org_id = b.org_id and l.ban_id = b.id
      where b.org_id = $1 order by b.at desc`, [orgId]);
  return r.rows.map((x) => ({
    id: x.id, channelId: x.channel_id, channelName: x.name, platform: x.platform, authorPlatformId: x.author_platform_id, authorName: x.author_name, ruleId: x.rule_id,
    legalBasis: x.legal_basis, reason: x.reason, strikes: x.strikes, warned: x.warned, actor: x.actor_label, at: x.at, liftedAt: x.lifted_at, liftReason: x.lift_reason,
    liftDecisionId: x.lift_decision_id, liftRuleId: x.lift_rule_id, liftLegalBasis: x.lift_legal_basis, liftActor: x.lift_actor,
    unban: UNBAN_PLATFORMS.has(x.platform) ? "platform" : "manual",
  }));
}

/** The ban a ban decision made, if any (the block list row an undo lifts). */
export async function banOfDecision(db: Queryable, orgId: string, decisionId: string): Promise<{ id: string; authorPlatformId: string } | null> {
  const r = await db.query<{ id: string; author_platform_id: string }>("select id, author_platform_id from moderation_bans where org_id = $1 and decision_id = $2", [orgId, decisionId]);
  return r.rows[0] ? { id: r.rows[0].id, authorPlatformId: r.rows[0].author_platform_id } : null;
}

/**
 * Writes the lift row for a ban (append-only; a ban is lifted at most once).
 * Called by record-decision.ts for the undo of a ban, so a lift always has its
 * decision, rule, legal basis and reason, and reaches the platform the same way.
 */
export async function liftBan(tx: Tx, o: { orgId: string; banId: string; decisionId: string; ruleId: string; legalBasis: string; reason: string; actor: Actor; requestId?: string | undefined }): Promise<void> {
  if (!o.reason.trim()) throw new AppError("validation_failed", { public: { field: "reason" } });
  const r = await tx.query(
    `insert into moderation_ban_lifts (org_id, ban_id, reason, actor_id, actor_label, decision_id, rule_id, legal_basis)
     select org_id, id, $3, $4, $5, $6, $7, $8 from moderation_bans where org_id = $1 and id = $2 on conflict do nothing returning ban_id`,
    [o.orgId, o.banId, o.reason.trim(), o.actor.id, o.actor.label, o.decisionId, o.ruleId, o.legalBasis]);
  if (!r.rowCount) throw new AppError("conflict");
  await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: "moderation.ban.lifted", targetType: "moderation_ban", targetId: o.banId, after: { reason: o.reason.trim(), decision: o.decisionId, rule: o.ruleId, legalBasis: o.legalBasis }, requestId: o.requestId ?? null });
}
