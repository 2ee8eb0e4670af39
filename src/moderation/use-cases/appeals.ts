// Appeals: a resident follows the link in the notice and writes why the
// decision is wrong (no sign-in: anonymous by design), while the appeal is
// open. Another moderator than the one who decided takes it; upheld → the
// item is restored (unhide through the outbox), rejected → recorded. Either
// way the resident is told the outcome (a reply through the outbox where the
// platform allows, else listed for manual sending). All rows are append-only
// public records.
import { recordAuditEvent, type Actor } from "../../platform/audit/index.ts";
import type { Queryable, Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { enqueuePlatformAction } from "../../channels/index.ts";
import type { CategoryId } from "../../analysis/index.ts";
import { appealOutcomeText } from "../domain/templates.ts";
import { isRuleId } from "../domain/rules.ts";
import { loadItem } from "../store.ts";
import { recordDecision, REPLY_PLATFORMS } from "./record-decision.ts";

export interface NoticeForAppeal { id: string; orgId: string; decisionId: string; itemId: string; openUntil: Date; body: string; lang: string; appealed: boolean }

export async function findNotice(db: Queryable, token: string): Promise<NoticeForAppeal | null> {
  const r = await db.query<{ id: string; org_id: string; decision_id: string; item_id: string; appeal_open_until: Date; body: string; lang: string; appealed: boolean }>(
    `select n.id, n.org_id, n.decision_id, n.item_id, n.appeal_open_until, n.body, n.lang,
            exists (select 1 from moderation_appeals a where a.notification_id = n.id) as appealed
       from moderation_notifications n where n.appeal_token = $1`, [token]);
  const n = r.rows[0];
  return n ? { id: n.id, orgId: n.org_id, decisionId: n.decision_id, itemId: n.item_id, openUntil: n.appeal_open_until, body: n.body, lang: n.lang, appealed: n.appealed } : null;
}

export async function submitAppeal(tx: Tx, o: { token: string; body: string; contact?: string | undefined; requestId?: string | undefined }): Promise<string> {
  const n = await findNotice(tx, o.token);
  if (!n) throw new AppError("not_found");
  if (n.openUntil.getTime() < Date.now()) throw new AppError("appeal_closed");
  if (n.appealed) throw new AppError("conflict");
  const body = o.body.trim();
  if (!body) throw new AppError("validation_failed", { public: { field: "body" } });
  const r = await tx.query<{ id: string }>(
    "insert into moderation_appeals (org_id, notification_id, decision_id, item_id, body, contact) values ($1, $2, $3, $4, $5, $6) returning id",
    [n.orgId, n.id, n.decisionId, n.itemId, body.slice(0, 4000), o.contact?.trim().slice(0, 300) || null]);
  const id = r.rows[0]!.id;
  await recordAuditEvent(tx, { orgId: n.orgId, actor: { id: null, label: "resident" }, action: "moderation.appeal.submitted", targetType: "moderation_appeal", targetId: id, requestId: o.requestId ?? null });
  return id;
}

export interface AppealView { id: string; itemId: string; body: string; contact: string | null; at: Date; decisionKind: string; decisionRule: string; decisionActorId: string | null; decisionActor: string; itemText: string | null; outcome: string | null; outcomeReason: string | null; outcomeBy: string | null }

export async function listAppeals(db: Queryable, orgId: string): Promise<AppealView[]> {
  const r = await db.query<{ id: string; item_id: string; body: string; contact: string | null; at: Date; kind: string; rule_id: string; actor_id: string | null; actor_label: string; text: string | null; outcome: string | null; reason: string | null; by: string | null }>(
    `select a.id, a.item_id, a.body, a.contact, a.at, d.kind, d.rule_id, d.actor_id, d.actor_label, s.text, o.outcome, o.reason, o.actor_label as by
       from moderation_appeals a join moderation_decisions d on d.id = a.decision_id
       join captured_item_state s on s.org_id = a.org_id and s.item_id = a.item_id
       left join moderation_appeal_outcomes o on o.appeal_id = a.id
      where a.org_id = $1 order by (o.outcome is null) desc, a.at`, [orgId]);
  return r.rows.map((x) => ({ id: x.id, itemId: x.item_id, body: x.body, contact: x.contact, at: x.at, decisionKind: x.kind, decisionRule: x.rule_id, decisionActorId: x.actor_id, decisionActor: x.actor_label, itemText: x.text, outcome: x.outcome, outcomeReason: x.reason, outcomeBy: x.by }));
}

export async function decideAppeal(tx: Tx, o: { orgId: string; appealId: string; outcome: "upheld" | "rejected"; reason: string; actor: Actor & { id: string }; publicUrl: string; requestId?: string | undefined }): Promise<{ restoredDecisionId: string | null; messageId: string; delivery: "reply" | "manual" }> {
  const r = await tx.query<{ item_id: string; decision_id: string; actor_id: string | null; rule_id: string; legal_basis: "bbs-5" | "page-rule"; decided: boolean; lang: "sv" | "en" }>(
    `select a.item_id, a.decision_id, d.actor_id, d.rule_id, d.legal_basis, exists (select 1 from moderation_appeal_outcomes o where o.appeal_id = a.id) as decided, n.lang
       from moderation_appeals a join moderation_decisions d on d.id = a.decision_id join moderation_notifications n on n.id = a.notification_id
      where a.org_id = $1 and a.id = $2 for update of a`, [o.orgId, o.appealId]);
  const a = r.rows[0];
  if (!a) throw new AppError("not_found");
  if (a.decided) throw new AppError("conflict");
  // Decided by another moderator than the one whose decision is appealed.
  if (a.actor_id === o.actor.id) throw new AppError("moderation_second_moderator_required");
  if (!o.reason.trim()) throw new AppError("validation_failed", { public: { field: "reason" } });
  let restored: string | null = null;
  const deleted = o.outcome === "upheld" && (await tx.query("select 1 from moderation_decisions d where d.org_id = $1 and d.item_id = $2 and (d.kind = 'delete' or (d.kind = 'confirm' and exists (select 1 from moderation_decisions p where p.id = d.ref_id and p.kind = 'delete')))", [o.orgId, a.item_id])).rowCount;
  // A deleted comment cannot be restored on the platform (deletion is final there);
  // the upheld outcome is still recorded, and an upheld appeal takes the strike away (author-strikes.ts).
  if (o.outcome === "upheld" && !deleted) {
    const d = await recordDecision(tx, { orgId: o.orgId, itemId: a.item_id, kind: "unhide", ruleId: a.rule_id, legalBasis: a.legal_basis, reason: `Överklagande bifallet: ${o.reason.trim()}`, actor: o.actor, publicUrl: o.publicUrl, requestId: o.requestId });
    restored = d.decision.id;
  }
  await tx.query("insert into moderation_appeal_outcomes (org_id, appeal_id, outcome, reason, decision_id, actor_id, actor_label) values ($1, $2, $3, $4, $5, $6, $7)",
    [o.orgId, o.appealId, o.outcome, o.reason.trim(), restored, o.actor.id, o.actor.label]);
  const message = await tellOutcome(tx, { ...o, itemId: a.item_id, lang: a.lang, rule: a.rule_id, restored: restored !== null, deleted: !!deleted });
  await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: `moderation.appeal.${o.outcome}`, targetType: "moderation_appeal", targetId: o.appealId, after: { restoredDecisionId: restored, message }, requestId: o.requestId ?? null });
  return { restoredDecisionId: restored, messageId: message.id, delivery: message.delivery };
}

/** The outcome to the resident: a reply on the platform where it can take one (not on a deleted comment), else a manual list entry. */
async function tellOutcome(tx: Tx, o: { orgId: string; appealId: string; itemId: string; outcome: "upheld" | "rejected"; reason: string; lang: "sv" | "en"; rule: string; restored: boolean; deleted: boolean; actor: Actor }) {
  const item = await loadItem(tx, o.orgId, o.itemId);
  const body = appealOutcomeText({ lang: o.lang, outcome: o.outcome, rule: (isRuleId(o.rule) ? o.rule : "spam") as CategoryId, reason: o.reason.trim(), restored: o.restored });
  const delivery: "reply" | "manual" = item && !o.deleted && REPLY_PLATFORMS.has(item.platform) ? "reply" : "manual";
  const actionId = delivery === "reply" && item
    ? (await enqueuePlatformAction(tx, { orgId: o.orgId, channelId: item.channelId, itemId: item.id, action: "reply", params: { message: body }, idempotencyKey: `moderation:appeal:${o.appealId}:reply`, actor: o.actor })).id
    : null;
  const r = await tx.query<{ id: string }>(
    "insert into moderation_appeal_messages (org_id, appeal_id, item_id, lang, body, delivery, platform_action_id) values ($1, $2, $3, $4, $5, $6, $7) returning id",
    [o.orgId, o.appealId, o.itemId, o.lang, body, delivery, actionId]);
  return { id: r.rows[0]!.id, delivery, platformActionId: actionId };
}
