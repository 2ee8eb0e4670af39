// Records one moderation decision as an append-only event and fans out its
// effects in the same transaction: the platform action through the outbox,
// the notification to the author, the block-list entry for a ban (and its
// lift when a ban is undone), and the audit event. The item is locked for the transaction so two moderators
// cannot race on the same item's derived state.
import { randomBytes } from "node:crypto";
import type { CategoryId, LegalBasis } from "../../analysis/index.ts";
import { enqueuePlatformAction, type PlatformActionKind } from "../../channels/index.ts";
import { recordAuditEvent, type Actor } from "../../platform/audit/index.ts";
import type { Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { readCriticism } from "../domain/criticism.ts";
import { DECISION_KINDS, POLICE_RULES, strongestFinding, isRuleId, legalBasisAllowed, type DecisionKind } from "../domain/rules.ts";
import { deriveState, type ItemState } from "../domain/state.ts";
import { noticeText, type NoticeKind } from "../domain/templates.ts";
import { loadDecisions, loadItem, loadLatestAnalyses, loadSettings, type DecisionRow, type ModerationSettings, type ModItem } from "../store.ts";
import { authorStanding } from "./author-strikes.ts";
import { banOfDecision, liftBan, UNBAN_PLATFORMS } from "./block-list.ts";
import { queueNote } from "../queue-note.ts";

export interface DecisionInput {
  orgId: string;
  itemId: string;
  kind: DecisionKind;
  /** A page-rule id (category). Defaults to the strongest finding's category. */
  ruleId?: string | undefined;
  legalBasis?: LegalBasis | undefined;
  reason?: string | undefined;
  /** confirm / decline / undo: the decision referred to. */
  refId?: string | undefined;
  /** reply: the text to post. */
  message?: string | undefined;
  actor: Actor;
  bulkId?: string | undefined;
  /**
   * Bulk actions: an item the criticism guard catches is refused (left for
   * individual handling with a written reason and a second moderator), never
   * turned into a pending removal by a blanket reason.
   */
  refuseGuarded?: boolean | undefined;
  requestId?: string | undefined;
  /** Base URL for the public appeal link. */
  publicUrl: string;
  /** The moderator's interface language (messages to them); notices use the organisation's notice language. */
  lang?: "sv" | "en";
}

export interface DecisionOutcome {
  decision: DecisionRow;
  state: ItemState;
  platformActions: { action: PlatformActionKind; id: string }[];
  notificationId: string | null;
}

/** Platforms whose executor can post a reply (the notice goes there); others get a manual list entry. */
export const REPLY_PLATFORMS = new Set(["facebook", "instagram", "youtube", "mastodon"]);
/** Platforms whose API can ban an author (Facebook page block, YouTube banAuthor, Mastodon admin action); elsewhere the block list records it for manual action. */
const BAN_PLATFORMS = new Set(["facebook", "youtube", "mastodon"]);


export async function recordDecision(tx: Tx, input: DecisionInput): Promise<DecisionOutcome> {
  if (!(DECISION_KINDS as readonly string[]).includes(input.kind)) throw new AppError("validation_failed", { public: { field: "kind" } });
  await tx.query("select pg_advisory_xact_lock(hashtextextended('moderation:' || $1::text, 0))", [input.itemId]);
  const item = await loadItem(tx, input.orgId, input.itemId);
  if (!item) throw new AppError("not_found");
  const events = (await loadDecisions(tx, input.orgId, [item.id])).get(item.id) ?? [];
  const before = deriveState(events);
  const analysis = (await loadLatestAnalyses(tx, input.orgId, [item.id])).get(item.id);
  const top = strongestFinding(analysis?.findings ?? []);
  const human = input.actor.id !== null;

  let ref: DecisionRow | undefined;
  if (input.kind === "confirm" || input.kind === "decline" || input.kind === "undo") {
    ref = events.find((e) => e.id === input.refId);
    if (!ref) throw new AppError("validation_failed", { public: { field: "refId" } });
  }
  // A reply that answers a question cites no rule ("" here, null in the table; migration 0502).
  const ruleId = input.ruleId || ref?.ruleId || top?.category || (input.kind === "reply" ? "" : undefined);
  if (ruleId === undefined || (ruleId === "" ? input.kind !== "reply" : !isRuleId(ruleId))) throw new AppError("moderation_rule_required");
  const legalBasis: LegalBasis = input.legalBasis ?? (ref?.legalBasis as LegalBasis | undefined) ?? (top?.category === ruleId ? top.legalBasis : "page-rule");
  if (isRuleId(ruleId) && !legalBasisAllowed(ruleId, legalBasis)) throw new AppError("moderation_basis_invalid", { public: { rule: ruleId, legalBasis } });
  const reason = input.reason?.trim() || null;
  const criticism = item.text ? readCriticism(item.text).criticism : false;

  let needsConfirmation = false;
  switch (input.kind) {
    case "hide":
    case "delete":
      if (before.visibility === "deleted") throw new AppError("moderation_state_conflict", { public: { state: before.visibility } });
      // RF 1:9: removing criticism on a page-rule ground only needs a written
      // reason and a second moderator. The §5 duty (bbs-5) is not held up.
      if (human && criticism && legalBasis === "page-rule") {
        if (input.refuseGuarded) throw new AppError("moderation_criticism_reason_required", { public: { bulk: true } });
        if (!reason || reason.length < 10) throw new AppError("moderation_criticism_reason_required");
        needsConfirmation = true;
      }
      if (before.pending) throw new AppError("moderation_state_conflict", { public: { pending: before.pending.id } });
      break;
    case "confirm":
    case "decline":
      if (!human) throw new AppError("forbidden");
      if (before.pending?.id !== ref!.id) throw new AppError("moderation_state_conflict", { public: { pending: before.pending?.id ?? null } });
      // The second moderator must be someone else: that is the guard.
      if (ref!.actorId === input.actor.id) throw new AppError("moderation_second_moderator_required");
      break;
    case "undo":
      if (ref!.kind === "undo" || ref!.kind === "delete" || before.undone.has(ref!.id)) throw new AppError("moderation_state_conflict", { public: { undo: ref!.kind } });
      if (ref!.kind === "confirm" && byKind(events, ref!.refId) === "delete") throw new AppError("moderation_state_conflict", { public: { undo: "delete" } });
      // Undoing a ban lifts it: the lift is a public record that says why.
      if (ref!.kind === "ban" && !reason) throw new AppError("validation_failed", { public: { field: "reason" } });
      break;
    case "unhide":
      if (before.visibility !== "hidden") throw new AppError("moderation_state_conflict", { public: { state: before.visibility } });
      break;
    case "report_police":
      // Only crimes go to the police: a §5 rule cited on the §5 basis.
      if (!isRuleId(ruleId) || !POLICE_RULES.has(ruleId) || legalBasis !== "bbs-5") throw new AppError("moderation_basis_invalid", { public: { rule: ruleId, legalBasis, police: true } });
      break;
    case "reply":
      if (!input.message?.trim()) throw new AppError("validation_failed", { public: { field: "message" } });
      break;
    case "ban":
      if (!item.authorPlatformId) throw new AppError("validation_failed", { public: { field: "author" } });
      break;
    default:
      break;
  }

  const ins = await tx.query<{ id: string; seq: string; at: Date }>(
    `insert into moderation_decisions (org_id, item_id, channel_id, version_id, kind, rule_id, finding_rule_id, legal_basis, reason, actor_id, actor_label,
       ref_id, needs_confirmation, criticism, author_platform_id, params, bulk_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id, seq, at`,
    [input.orgId, item.id, item.channelId, item.versionId, input.kind, ruleId || null, top?.category === ruleId ? top.ruleId : null, legalBasis, reason,
      input.actor.id, input.actor.label, ref?.id ?? null, needsConfirmation, criticism, item.authorPlatformId,
      JSON.stringify(input.message ? { message: input.message } : {}), input.bulkId ?? null],
  );
  const row = ins.rows[0]!;
  const decision: DecisionRow = {
    id: row.id, seq: Number(row.seq), itemId: item.id, channelId: item.channelId, kind: input.kind, ruleId, findingRuleId: null, legalBasis, reason,
    actorId: input.actor.id, actorLabel: input.actor.label, refId: ref?.id ?? null, needsConfirmation, criticism, authorPlatformId: item.authorPlatformId,
    params: input.message ? { message: input.message } : {}, at: row.at,
  };
  const after = deriveState([...events, decision]);

  // Platform effects follow the change in derived visibility, so an undo, a
  // confirmation or a restore on appeal all reach the platform the same way.
  const actions: PlatformActionKind[] = [];
  if (after.visibility !== before.visibility) {
    if (after.visibility === "deleted") actions.push("delete");
    else if (after.visibility === "hidden") actions.push("hide");
    else if (before.visibility === "hidden") actions.push("unhide");
  }
  const platformActions: DecisionOutcome["platformActions"] = [];
  const enqueue = async (action: PlatformActionKind, params: Record<string, unknown> = {}) => {
    const r = await enqueuePlatformAction(tx, {
      orgId: input.orgId, channelId: item.channelId, itemId: item.id, action, params, idempotencyKey: `moderation:${decision.id}:${action}`, actor: input.actor,
    });
    platformActions.push({ action, id: r.id });
    return r.id;
  };
  for (const a of actions) await enqueue(a);
  if (input.kind === "reply") await enqueue("reply", { message: input.message!.trim() });

  const settings = await loadSettings(tx, input.orgId);
  let notificationId: string | null = null;
  if (input.kind === "ban") {
    const standing = await authorStanding(tx, { orgId: input.orgId, channelId: item.channelId, authorPlatformId: item.authorPlatformId, settings });
    if (standing.banned) throw new AppError("moderation_state_conflict", { public: { banned: true } });
    // A warning comes before a ban; banning without one needs a written reason.
    if (!standing.warned && (!reason || reason.length < 10)) throw new AppError("moderation_ban_needs_warning");
    await tx.query(
      `insert into moderation_bans (org_id, channel_id, author_platform_id, author_name, decision_id, rule_id, legal_basis, reason, strikes, warned, actor_id, actor_label)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [input.orgId, item.channelId, item.authorPlatformId, item.authorName, decision.id, ruleId, legalBasis, reason, standing.strikes, standing.warned, input.actor.id, input.actor.label],
    );
    if (BAN_PLATFORMS.has(item.platform)) await enqueue("ban", { authorPlatformId: item.authorPlatformId });
  }
  if (input.kind === "undo" && ref!.kind === "ban") {
    // The block list keeps the ban and gains its lift (with this decision's
    // rule, basis and reason); the platform is told where its API can lift a
    // ban, elsewhere the block list says it is done by hand.
    const ban = await banOfDecision(tx, input.orgId, ref!.id);
    if (!ban) throw new AppError("moderation_state_conflict", { public: { undo: "ban", ban: null } });
    await liftBan(tx, { orgId: input.orgId, banId: ban.id, decisionId: decision.id, ruleId, legalBasis, reason: reason!, actor: input.actor, requestId: input.requestId });
    if (UNBAN_PLATFORMS.has(item.platform)) await enqueue("unban", { authorPlatformId: ban.authorPlatformId });
  }
  const removedByPerson = (human && after.visibility !== "visible" && before.visibility !== after.visibility) || (human && before.autoHidden && !after.autoHidden && after.visibility === "hidden");
  if (input.kind === "warn") {
    notificationId = await notify(tx, { input, item, decision, kind: "warn", settings, enqueue });
  } else if (removedByPerson && ruleId !== "spam") {
    // Spam floods come from throwaway accounts: no notice for them.
    notificationId = await notify(tx, { input, item, decision, kind: after.visibility === "deleted" ? "delete" : "hide", settings, enqueue });
  }
  if (removedByPerson && item.authorPlatformId && input.kind !== "warn") {
    // A warning before a ban: at one strike below the threshold the system warns once.
    const standing = await authorStanding(tx, { orgId: input.orgId, channelId: item.channelId, authorPlatformId: item.authorPlatformId, settings });
    if (!standing.warned && !standing.banned && standing.strikes === Math.max(1, settings.strikeThreshold - 1)) {
      await recordDecision(tx, { ...input, kind: "warn", ruleId, legalBasis, reason: `${standing.strikes}/${settings.strikeThreshold}`, actor: { id: null, label: "system" }, refId: undefined, message: undefined });
    }
  }

  // Open queues in every process refresh once this commits (runtime.ts listens).
  // A bulk action announces each batch once instead (bulk-job.ts).
  if (!input.bulkId) await tx.query("select pg_notify('vaxel_moderation', $1)", [queueNote(input.orgId, [item.id])]);
  await recordAuditEvent(tx, {
    orgId: input.orgId, actor: input.actor, action: `moderation.${input.kind}`, targetType: "captured_item", targetId: item.id,
    before: { visibility: before.visibility, pending: before.pending?.id ?? null, escalated: before.escalated },
    after: { decision: decision.id, rule: ruleId, legalBasis, reason, criticism, needsConfirmation, visibility: after.visibility, platformActions, notificationId },
    requestId: input.requestId ?? null,
  });
  return { decision, state: after, platformActions, notificationId };
}

function byKind(events: DecisionRow[], id: string | null): DecisionKind | undefined {
  return events.find((e) => e.id === id)?.kind;
}

async function notify(
  tx: Tx,
  o: { input: DecisionInput; item: ModItem; decision: DecisionRow; kind: NoticeKind; settings: ModerationSettings; enqueue: (a: PlatformActionKind, p?: Record<string, unknown>) => Promise<string> },
): Promise<string> {
  // The organisation's notice language, not the deciding moderator's interface language.
  const lang = o.settings.noticeLang;
  const token = randomBytes(18).toString("base64url");
  const openUntil = new Date(Date.now() + o.settings.appealDays * 86_400_000);
  const appealUrl = `${o.input.publicUrl.replace(/\/$/, "")}/overklaga/${token}`;
  const body = noticeText({ lang, kind: o.kind, rule: o.decision.ruleId as CategoryId, legalBasis: o.decision.legalBasis, appealUrl, openUntil, threshold: o.settings.strikeThreshold });
  // A deleted comment cannot be replied to; other platforms without a reply API get a manual list entry.
  const delivery = o.kind !== "delete" && REPLY_PLATFORMS.has(o.item.platform) ? "reply" : "manual";
  const actionId = delivery === "reply" ? await o.enqueue("reply", { message: body }) : null;
  const r = await tx.query<{ id: string }>(
    `insert into moderation_notifications (org_id, decision_id, item_id, lang, body, delivery, appeal_token, appeal_open_until, platform_action_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [o.input.orgId, o.decision.id, o.item.id, lang, body, delivery, token, openUntil, actionId],
  );
  return r.rows[0]!.id;
}
