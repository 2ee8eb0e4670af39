// Many outbox jobs in one statement, for moderation's bulk jobs (a flood of
// 20,000 deletions is 40 batches of 500, not 20,000 round trips). Same table,
// idempotency keys and wake-up as enqueuePlatformAction; the item must belong
// to the channel named (checked in the same statement: a job for an item of
// another channel is refused, as one by one).
import type { Actor } from "../../platform/audit/index.ts";
import type { Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { PLATFORM_ACTIONS, type PlatformActionKind } from "./types.ts";

export interface PlatformActionJob {
  channelId: string;
  itemId: string;
  /** hide, unhide and delete need no parameters; reply and ban go one by one (enqueuePlatformAction). */
  action: Extract<PlatformActionKind, "hide" | "unhide" | "delete">;
  idempotencyKey: string;
}

/** Returns how many jobs were new (the rest existed under their idempotency keys). */
export async function enqueuePlatformActions(tx: Tx, orgId: string, actor: Actor, jobs: PlatformActionJob[]): Promise<number> {
  if (!jobs.length) return 0;
  const bad = jobs.find((j) => !(PLATFORM_ACTIONS as readonly string[]).includes(j.action) || !["hide", "unhide", "delete"].includes(j.action));
  if (bad) throw new AppError("validation_failed", { public: { field: "action", allowed: ["hide", "unhide", "delete"] } });
  const found = await tx.query<{ n: number }>(
    `select count(*)::int as n from jsonb_to_recordset($2::jsonb) as x(channel_id uuid, item_id uuid)
       join captured_items i on i.org_id = $1 and i.id = x.item_id and i.channel_id = x.channel_id`,
    [orgId, JSON.stringify(jobs.map((j) => ({ channel_id: j.channelId, item_id: j.itemId })))]);
  if (found.rows[0]!.n !== jobs.length) throw new AppError("not_found", { public: { why: "an item is not captured on the channel named" } });
  const ins = await tx.query(
    `insert into platform_actions (org_id, channel_id, item_id, action, params, idempotency_key, actor_id, actor_label)
     select $1, x.channel_id, x.item_id, x.action, '{}', x.key, $2, $3
       from jsonb_to_recordset($4::jsonb) as x(channel_id uuid, item_id uuid, action text, key text)
     on conflict (org_id, idempotency_key) do nothing`,
    [orgId, actor.id, actor.label, JSON.stringify(jobs.map((j) => ({ channel_id: j.channelId, item_id: j.itemId, action: j.action, key: j.idempotencyKey })))]);
  // One wake-up for every outbox worker, once this transaction commits.
  if (ins.rowCount) await tx.query("select pg_notify('vaxel_outbox', $1)", [orgId]);
  return ins.rowCount ?? 0;
}
