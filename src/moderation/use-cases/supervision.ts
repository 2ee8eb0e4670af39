// Supervision (BBS-lagen §4: supervise at reasonable intervals): time from
// capture to the first human review per channel in working time from the
// directory's opening hours (percentiles, breaches of the configured limit),
// unreviewed items older than the limit (alerts), the
// monthly report of decisions per rule and moderator (volumes: analytics.ts).
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import { loadSnapshot } from "../../directory/index.ts";
import { workingHours, workingMinutesBetween, type WorkingHours } from "../domain/working-time.ts";
import { loadSettings } from "../store.ts";
import { refreshQueue } from "./refresh-queue.ts";

export interface ChannelSupervision {
  channelId: string; channelName: string; reviewed: number;
  /** Working minutes from capture to first human review (the team's opening hours), percentiles. */
  p50: number | null; p90: number | null; p99: number | null;
  /** Wall-clock median, for comparison. */
  wallP50: number | null;
  breaches: number;
  /** Whose opening hours count as working time; null = the clock (no hours in the directory). */
  hoursFrom: string | null;
}

function percentile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The team's working hours for each channel: its owning unit's opening hours, else the contact center's. */
async function hoursByChannel(db: Queryable, orgId: string, channels: { id: string; unit_id: string | null }[]): Promise<Map<string, { w: WorkingHours; from: string }>> {
  const out = new Map<string, { w: WorkingHours; from: string }>();
  let snapshot;
  try {
    snapshot = await loadSnapshot(db, orgId, { mode: "live" });
  } catch {
    return out; // no directory yet: the clock is used
  }
  const centre = snapshot.units.find((u) => u.id === snapshot.org.contactCenterUnitId);
  for (const c of channels) {
    const unit = snapshot.units.find((u) => u.id === c.unit_id && u.openingHours) ?? (centre?.openingHours ? centre : undefined);
    if (unit?.openingHours) out.set(c.id, { w: workingHours(unit.openingHours, snapshot.org), from: unit.name });
  }
  return out;
}

export async function supervisionReport(db: Pool, orgId: string, o: { days?: number; now?: Date } = {}) {
  const settings = await loadSettings(db, orgId);
  const now = o.now ?? new Date();
  const channels = (await db.query<{ id: string; name: string; unit_id: string | null }>("select id, name, unit_id from channels where org_id = $1 order by name", [orgId])).rows;
  const hours = await hoursByChannel(db, orgId, channels);
  const reviewed = await db.query<{ channel_id: string; captured: Date; reviewed: Date }>(
    `select i.channel_id, i.first_captured_at as captured, min(d.at) as reviewed
       from moderation_decisions d join captured_items i on i.org_id = d.org_id and i.id = d.item_id
      where d.org_id = $1 and d.actor_id is not null and d.kind in ('keep', 'hide', 'unhide', 'delete', 'report_police', 'confirm', 'decline', 'escalate')
        and i.first_captured_at > $2
      group by i.id, i.channel_id, i.first_captured_at`,
    [orgId, new Date(now.getTime() - (o.days ?? 90) * 86_400_000)]);
  const minutes = minutesWith(hours);
  const result: ChannelSupervision[] = channels.map((c) => {
    const rows = reviewed.rows.filter((r) => r.channel_id === c.id);
    const work = rows.map((r) => minutes(c.id, r.captured, r.reviewed)).sort((x, y) => x - y);
    const wall = rows.map((r) => (r.reviewed.getTime() - r.captured.getTime()) / 60_000).sort((x, y) => x - y);
    return {
      channelId: c.id, channelName: c.name, reviewed: rows.length,
      p50: percentile(work, 0.5), p90: percentile(work, 0.9), p99: percentile(work, 0.99), wallP50: percentile(wall, 0.5),
      breaches: work.filter((m) => m > settings.reviewLimitMinutes).length, hoursFrom: hours.get(c.id)?.from ?? null,
    };
  });
  const overdue = await overdueOf(db, orgId, { now, limitMinutes: settings.reviewLimitMinutes, minutes: async () => minutes });
  return { limitMinutes: settings.reviewLimitMinutes, channels: result, overdue };
}

export interface OverdueItem { itemId: string; channelName: string; capturedAt: Date; view: string; workingMinutes: number }
type MinutesFn = (channelId: string, a: Date, b: Date) => number;

/** Working minutes between two times on a channel: its team's opening hours, else the clock. */
function minutesWith(hours: Map<string, { w: WorkingHours; from: string }>): MinutesFn {
  return (channelId, a, b) => {
    const h = hours.get(channelId);
    return h ? workingMinutesBetween(h.w, a, b) : (b.getTime() - a.getTime()) / 60_000;
  };
}

/**
 * Alerts: open items nobody has looked at whose working time since capture
 * exceeds the limit. Only items older than the limit in wall time can be
 * overdue (working time never runs faster than the clock): SQL narrows first,
 * and the opening hours are read only when something is that old.
 */
async function overdueOf(db: Pool, orgId: string, o: { now: Date; limitMinutes: number; minutes: () => Promise<MinutesFn> }): Promise<OverdueItem[]> {
  await refreshQueue(db, orgId);
  const unreviewed = await db.query<{ item_id: string; channel_id: string; name: string; captured_at: Date; view: string }>(
    `select q.item_id, q.channel_id, c.name, q.captured_at, q.view from moderation_queue q join channels c on c.org_id = q.org_id and c.id = q.channel_id
      where q.org_id = $1 and q.last_review_at is null and q.view <> 'questions' and q.captured_at < $2 order by q.captured_at`,
    [orgId, new Date(o.now.getTime() - o.limitMinutes * 60_000)]);
  if (!unreviewed.rows.length) return [];
  const minutes = await o.minutes();
  return unreviewed.rows
    .map((e) => ({ itemId: e.item_id, channelName: e.name, capturedAt: e.captured_at, view: e.view, workingMinutes: minutes(e.channel_id, e.captured_at, o.now) }))
    .filter((x) => x.workingMinutes > o.limitMinutes);
}

/**
 * The overdue list alone (the runtime's periodic alert and the alert API):
 * the same working time and limit as the supervision report, without its
 * percentiles.
 */
export async function overdueReviews(db: Pool, orgId: string, now: Date = new Date()): Promise<{ limitMinutes: number; items: OverdueItem[] }> {
  const settings = await loadSettings(db, orgId);
  const items = await overdueOf(db, orgId, {
    now, limitMinutes: settings.reviewLimitMinutes,
    minutes: async () => minutesWith(await hoursByChannel(db, orgId, (await db.query<{ id: string; unit_id: string | null }>("select id, unit_id from channels where org_id = $1", [orgId])).rows)),
  });
  return { limitMinutes: settings.reviewLimitMinutes, items };
}

export async function monthlyReport(db: Queryable, orgId: string) {
  const r = await db.query<{ month: string; rule_id: string; actor: string; kind: string; n: number }>(
    `select to_char(date_trunc('month', at), 'YYYY-MM') as month, coalesce(rule_id, '') as rule_id, case when actor_id is null then 'system' else actor_label end as actor, kind, count(*)::int as n
       from moderation_decisions where org_id = $1 group by 1, 2, 3, 4 order by 1 desc, 2, 3, 4`, [orgId]);
  return r.rows;
}

