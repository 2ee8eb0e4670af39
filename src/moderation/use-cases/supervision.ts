// Supervision (BBS-lagen §4: supervise at reasonable intervals): time from
// capture to the first human review per channel (percentiles, breaches of the
// configured limit), unreviewed items older than the limit (alerts), the
// monthly report of decisions per rule and moderator, and volumes by category.
import type { Queryable } from "../../platform/db/pool.ts";
import { listQueue } from "./list-queue.ts";
import { loadSettings } from "../store.ts";

export interface ChannelSupervision { channelId: string; channelName: string; reviewed: number; p50: number | null; p90: number | null; p99: number | null; breaches: number }

export async function supervisionReport(db: Queryable, orgId: string, o: { days?: number } = {}) {
  const settings = await loadSettings(db, orgId);
  const r = await db.query<{ channel_id: string; name: string; reviewed: number; p50: number | null; p90: number | null; p99: number | null; breaches: number }>(
    `with first as (
       select d.item_id, d.channel_id, min(d.at) as reviewed_at
         from moderation_decisions d
        where d.org_id = $1 and d.actor_id is not null and d.kind in ('keep', 'hide', 'unhide', 'delete', 'report_police', 'confirm', 'decline', 'escalate')
        group by d.item_id, d.channel_id)
     select c.id as channel_id, c.name, count(f.item_id)::int as reviewed,
            percentile_cont(0.5) within group (order by extract(epoch from f.reviewed_at - i.first_captured_at) / 60) as p50,
            percentile_cont(0.9) within group (order by extract(epoch from f.reviewed_at - i.first_captured_at) / 60) as p90,
            percentile_cont(0.99) within group (order by extract(epoch from f.reviewed_at - i.first_captured_at) / 60) as p99,
            count(*) filter (where f.reviewed_at - i.first_captured_at > make_interval(mins => $2))::int as breaches
       from channels c
       left join first f on f.channel_id = c.id
       left join captured_items i on i.org_id = c.org_id and i.id = f.item_id and i.first_captured_at > now() - make_interval(days => $3)
      where c.org_id = $1
      group by c.id, c.name order by c.name`,
    [orgId, settings.reviewLimitMinutes, o.days ?? 90]);
  const channels: ChannelSupervision[] = r.rows.map((x) => ({ channelId: x.channel_id, channelName: x.name, reviewed: x.reviewed, p50: x.p50, p90: x.p90, p99: x.p99, breaches: x.breaches }));
  const queue = await listQueue(db, orgId, { minAgeMinutes: settings.reviewLimitMinutes, limit: 1000 });
  const overdue = queue.entries.filter((e) => !e.state.lastReviewAt).map((e) => ({ itemId: e.item.id, channelName: e.item.channelName, capturedAt: e.item.firstCapturedAt, view: e.view }));
  return { limitMinutes: settings.reviewLimitMinutes, channels, overdue };
}

export async function monthlyReport(db: Queryable, orgId: string) {
  const r = await db.query<{ month: string; rule_id: string; actor: string; kind: string; n: number }>(
    `select to_char(date_trunc('month', at), 'YYYY-MM') as month, rule_id, case when actor_id is null then 'system' else actor_label end as actor, kind, count(*)::int as n
       from moderation_decisions where org_id = $1 group by 1, 2, 3, 4 order by 1 desc, 2, 3, 4`, [orgId]);
  return r.rows;
}

export async function categoryVolumes(db: Queryable, orgId: string, days = 30) {
  const r = await db.query<{ category: string; channel: string; n: number }>(
    `select l as category, c.name as channel, count(distinct a.item_id)::int as n
       from item_analyses a cross join unnest(a.labels) l join channels c on c.org_id = a.org_id and c.id = a.channel_id
      where a.org_id = $1 and a.analysed_at > now() - make_interval(days => $2) group by 1, 2 order by 1, 2`, [orgId, days]);
  return r.rows;
}

/** RFC 4180 CSV with a header row; every cell quoted. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const q = (v: string | number | null) => `"${String(v ?? "").replaceAll('"', '""')}"`;
  return [header.map(q).join(","), ...rows.map((r) => r.map(q).join(","))].join("\r\n") + "\r\n";
}
