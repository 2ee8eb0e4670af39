// The moderation module's way to act on a platform: a job in the outbox, in
// the caller's transaction (it commits with the decision that caused it). The
// captured item is referenced by foreign key, so nothing can be acted on before
// its capture is committed. The same idempotency key always yields the same
// job: a repeated request never acts twice.
import type { Actor } from "../../platform/audit/index.ts";
import type { Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { PLATFORM_ACTIONS, type PlatformActionKind } from "./types.ts";

export interface EnqueuePlatformActionInput {
  orgId: string;
  channelId: string;
  itemId: string;
  action: PlatformActionKind;
  /** reply: {message}; ban: {authorPlatformId?} (default: the item's author). */
  params?: Record<string, unknown>;
  idempotencyKey: string;
  actor: Actor;
}

export interface EnqueuedAction {
  id: string;
  state: string;
  /** False when a job with this idempotency key existed already. */
  created: boolean;
}

export async function enqueuePlatformAction(tx: Tx, input: EnqueuePlatformActionInput): Promise<EnqueuedAction> {
  if (!(PLATFORM_ACTIONS as readonly string[]).includes(input.action)) {
    throw new AppError("validation_failed", { public: { field: "action", allowed: PLATFORM_ACTIONS } });
  }
  if (input.action === "reply" && (typeof input.params?.message !== "string" || input.params.message.trim() === "")) {
    throw new AppError("validation_failed", { public: { field: "params.message" } });
  }
  const item = await tx.query<{ channel_id: string }>("select channel_id from captured_items where org_id = $1 and id = $2", [input.orgId, input.itemId]);
  if (!item.rows[0]) throw new AppError("not_found", { public: { item: input.itemId, why: "not captured" } });
  if (item.rows[0].channel_id !== input.channelId) throw new AppError("validation_failed", { public: { field: "channelId" } });
  const ins = await tx.query<{ id: string; state: string }>(
    `insert into platform_actions (org_id, channel_id, item_id, action, params, idempotency_key, actor_id, actor_label)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (org_id, idempotency_key) do nothing
     returning id, state`,
    [input.orgId, input.channelId, input.itemId, input.action, JSON.stringify(input.params ?? {}), input.idempotencyKey, input.actor.id, input.actor.label],
  );
  if (ins.rows[0]) {
    // Wakes outbox workers in every process once this transaction commits.
    await tx.query("select pg_notify('vaxel_outbox', $1)", [input.orgId]);
    return { ...ins.rows[0], created: true };
  }
  const existing = await tx.query<{ id: string; state: string }>(
    "select id, state from platform_actions where org_id = $1 and idempotency_key = $2",
    [input.orgId, input.idempotencyKey],
  );
  return { ...existing.rows[0]!, created: false };
}
