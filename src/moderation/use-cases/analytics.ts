// Analytics for any period: volumes by category, channel and time, decisions,
// and time to first review, aggregated in PostgreSQL (one grouped query per
// measure, whatever the volume). Periods are calendar days in Swedish time;
// the granularity follows the span unless chosen (day up to two months, week
// up to a year, month beyond), so a chart never has hundreds of bars.
import type { Queryable } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";

export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface Period { from: string; to: string; granularity: Granularity; days: number }

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 3660;
const LABEL: Record<Granularity, string> = { day: "YYYY-MM-DD", week: 'IYYY-"W"IW', month: "YYYY-MM" };
const TZ = "Europe/Stockholm";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
// Today is the day in Stockholm, like the periods' bounds (at 23:30 UTC in winter it is already tomorrow).
const STOCKHOLM_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" });
const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** Granularity for a span of days: readable charts (at most ~60 bars) and still the detail that matters. */
export function autoGranularity(days: number): Granularity {
  return days <= 62 ? "day" : days <= 366 ? "week" : "month";
}

/** The period from query strings: defaults to the last 30 days; `to` is inclusive. */
export function resolvePeriod(q: { from?: string | undefined; to?: string | undefined; granularity?: string | undefined }, now = new Date()): Period {
  const to = q.to || STOCKHOLM_DAY.format(now);
  const from = q.from || isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000));
  // A real calendar day (2026-02-30 is not one, though Date.parse accepts it).
  const real = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!real(from) || !real(to)) throw new AppError("validation_failed", { public: { field: "from/to" } });
  const days = dayCount(from, to);
  if (days < 1 || days > MAX_DAYS) throw new AppError("validation_failed", { public: { field: "from/to", maxDays: MAX_DAYS } });
  const g = q.granularity && q.granularity !== "auto" ? q.granularity : autoGranularity(days);
  if (!(GRANULARITIES as readonly string[]).includes(g)) throw new AppError("validation_failed", { public: { field: "granularity" } });
  return { from, to, granularity: g as Granularity, days };
}

/** The bounds as SQL fragments over $2 (from) and $3 (to), in Swedish time. */
const RANGE = (col: string) => `${col} >= ($2::date)::timestamp at time zone '${TZ}' and ${col} < ($3::date + 1)::timestamp at time zone '${TZ}'`;
const BUCKET = (col: string, g: Granularity) => `to_char(date_trunc('${g}', ${col} at time zone '${TZ}'), '${LABEL[g]}')`;

/** Every bucket label of the period, in order (empty periods show as zero). */
export async function periodBuckets(db: Queryable, p: Period): Promise<string[]> {
  const r = await db.query<{ b: string }>(
    `select to_char(g, '${LABEL[p.granularity]}') as b from generate_series(date_trunc('${p.granularity}', $1::date::timestamp), $2::date::timestamp, interval '1 ${p.granularity}') g`,
    [p.from, p.to]);
  return r.rows.map((x) => x.b);
}

/** Flagged items per period, category and channel (an item counts once per label and period). */
export async function volumes(db: Queryable, orgId: string, p: Period) {
  const r = await db.query<{ period: string; category: string; channel: string; n: number }>(
    `select ${BUCKET("a.analysed_at", p.granularity)} as period, l as category, c.name as channel, count(distinct a.item_id)::int as n
       from item_analyses a cross join unnest(a.labels) l join channels c on c.org_id = a.org_id and c.id = a.channel_id
      where a.org_id = $1 and ${RANGE("a.analysed_at")} group by 1, 2, 3 order by 1, 2, 3`, [orgId, p.from, p.to]);
  return r.rows;
}

/** Decisions per period, kind and rule (people and the system). */
export async function decisionVolumes(db: Queryable, orgId: string, p: Period) {
  const r = await db.query<{ period: string; kind: string; rule: string; n: number }>(
    `select ${BUCKET("d.at", p.granularity)} as period, d.kind, coalesce(d.rule_id, '') as rule, count(*)::int as n
       from moderation_decisions d where d.org_id = $1 and ${RANGE("d.at")} group by 1, 2, 3 order by 1, 2, 3`, [orgId, p.from, p.to]);
  return r.rows;
}

/** Clock minutes from capture to the first human review, per period of capture and channel (working time: the supervision page). */
export async function reviewTimes(db: Queryable, orgId: string, p: Period) {
  const r = await db.query<{ period: string; channel: string; reviewed: number; p50: number; p90: number }>(
    `with first as (
       select i.channel_id, i.first_captured_at as captured, min(d.at) as reviewed
         from moderation_decisions d join captured_items i on i.org_id = d.org_id and i.id = d.item_id
        where d.org_id = $1 and d.actor_id is not null and d.kind in ('keep', 'hide', 'unhide', 'delete', 'report_police', 'confirm', 'decline', 'escalate')
          and ${RANGE("i.first_captured_at")}
        group by i.id, i.channel_id, i.first_captured_at)
     select ${BUCKET("f.captured", p.granularity)} as period, c.name as channel, count(*)::int as reviewed,
            round((percentile_cont(0.5) within group (order by extract(epoch from f.reviewed - f.captured) / 60))::numeric, 1)::float8 as p50,
            round((percentile_cont(0.9) within group (order by extract(epoch from f.reviewed - f.captured) / 60))::numeric, 1)::float8 as p90
       from first f join channels c on c.org_id = $1 and c.id = f.channel_id group by 1, 2 order by 1, 2`, [orgId, p.from, p.to]);
  return r.rows;
}

/** Distinct flagged items per period (the time series; an item with two labels counts once). */
export async function itemsPerPeriod(db: Queryable, orgId: string, p: Period) {
  const r = await db.query<{ period: string; n: number }>(
    `select ${BUCKET("a.analysed_at", p.granularity)} as period, count(distinct a.item_id)::int as n
       from item_analyses a where a.org_id = $1 and cardinality(a.labels) > 0 and ${RANGE("a.analysed_at")} group by 1`, [orgId, p.from, p.to]);
  return new Map(r.rows.map((x) => [x.period, x.n]));
}
