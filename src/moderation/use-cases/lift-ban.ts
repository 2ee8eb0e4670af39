// Lifting a ban from the block list: the same event as "Undo" on the ban
// decision (record-decision.ts), so a lift from either screen writes the lift
// row with a rule, legal basis and reason, leaves an undo decision on the
// item, and reaches the platform through the outbox where its API allows.
import type { Actor } from "../../platform/audit/index.ts";
import type { Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { recordDecision, type DecisionOutcome } from "./record-decision.ts";

export async function liftBanFromList(
  tx: Tx,
  o: { orgId: string; banId: string; reason: string; actor: Actor; requestId?: string | undefined; publicUrl: string },
): Promise<DecisionOutcome> {
  const r = await tx.query<{ decision_id: string; item_id: string }>(
    `select b.decision_id, d.item_id from moderation_bans b join moderation_decisions d on d.org_id = b.org_id and d.id = b.decision_id
      where b.org_id = $1 and b.id = $2`, [o.orgId, o.banId]);
  const ban = r.rows[0];
  if (!ban) throw new AppError("not_found");
  return recordDecision(tx, { orgId: o.orgId, itemId: ban.item_id, kind: "undo", refId: ban.decision_id, reason: o.reason, actor: o.actor, requestId: o.requestId, publicUrl: o.publicUrl });
}
