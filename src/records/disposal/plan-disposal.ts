// Dry run: what a disposal rule would destroy now, and what a legal hold
// keeps. Only items that are not registered and that nothing else refers to
// (moderation decisions, platform actions, records requests, registrar flags)
// are disposable: those other records must stay whole.
import type { Queryable } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";

export interface DisposalCandidate {
  itemId: string;
  channelId: string;
  platformItemId: string;
  kind: string;
  occurredAt: string;
  versions: number;
  onHold: boolean;
}

export interface DisposalPlan {
  ruleId: string;
  planReference: string;
  cutoff: string;
  disposable: DisposalCandidate[];
  held: DisposalCandidate[];
}

export async function planDisposal(db: Queryable, o: { orgId: string; ruleId: string; now?: Date; limit?: number }): Promise<DisposalPlan> {
  const rule = await db.query<{ record_type: string; keep_months: number; plan_reference: string; retired_at: Date | null }>(
    "select record_type, keep_months, plan_reference, retired_at from disposal_rules where org_id = $1 and id = $2", [o.orgId, o.ruleId]);
  const r = rule.rows[0];
  if (!r || r.retired_at) throw new AppError("not_found");
  const now = o.now ?? new Date();
  const c = await db.query(
    `with items as (
       select i.id, i.channel_id, i.platform_item_id, i.kind,
              (select min(coalesce(v.platform_time, v.received_at)) from capture_versions v where v.org_id = i.org_id and v.item_id = i.id) as occurred_at,
              (select count(*) from capture_versions v where v.org_id = i.org_id and v.item_id = i.id) as versions
         from captured_items i where i.org_id = $1 and i.kind = $2)
     select x.*, item_on_hold($1, x.id) as on_hold from items x
      where x.occurred_at < ($3::timestamptz - make_interval(months => $4))
        and not exists (select 1 from registrations g where g.org_id = $1 and g.item_id = x.id)
        and not exists (select 1 from registration_flags f where f.org_id = $1 and f.item_id = x.id)
        and not exists (select 1 from records_request_items q where q.org_id = $1 and q.item_id = x.id)
        and not exists (select 1 from platform_actions a where a.org_id = $1 and a.item_id = x.id)
        and (to_regclass('moderation_decisions') is null
             or not exists (select 1 from moderation_decisions d where d.org_id = $1 and d.item_id = x.id))
      order by x.occurred_at limit $5`,
    [o.orgId, r.record_type, now.toISOString(), r.keep_months, Math.min(o.limit ?? 10_000, 100_000)]);
  const rows: DisposalCandidate[] = c.rows.map((x) => ({
    itemId: x.id, channelId: x.channel_id, platformItemId: x.platform_item_id, kind: x.kind, occurredAt: new Date(x.occurred_at).toISOString(), versions: Number(x.versions), onHold: x.on_hold,
  }));
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - r.keep_months);
  return { ruleId: o.ruleId, planReference: r.plan_reference, cutoff: cutoff.toISOString(), disposable: rows.filter((x) => !x.onHold), held: rows.filter((x) => x.onHold) };
}
