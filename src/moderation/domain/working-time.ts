// Working time between two instants, from the directory's opening hours (the
// team's hours: holidays, eves and exceptions included). BBS-lagen §4 asks
// for supervision "at reasonable intervals"; a comment that arrives on Friday
// evening and is reviewed on Monday morning was not left unsupervised for 60
// hours of office time. Pure: hours in, minutes out.
import { hoursOn, resolveOpeningHours, type OpeningHours } from "../../directory/domain/index.ts";

type DayCache = Map<string, { from: number; to: number }[]>;

function isoDateIn(d: Date, tz: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** UTC offset of `tz` in minutes at noon on `date` (offices are closed when DST switches at night). */
function offsetMinutes(date: string, tz: string): number {
  const noon = new Date(`${date}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(noon);
  const h = Number(parts.find((p) => p.type === "hour")?.value ?? 12);
  const m = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  return (h - 12) * 60 + m;
}

function addDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface WorkingHours {
  hours: OpeningHours;
  tz: string;
  cache: DayCache;
}

export function workingHours(hours: OpeningHours, org?: Parameters<typeof resolveOpeningHours>[1]): WorkingHours {
  const resolved = resolveOpeningHours(hours, org);
  return { hours: resolved, tz: resolved.timeZone, cache: new Map() };
}

function openIntervals(w: WorkingHours, date: string): { from: number; to: number }[] {
  let v = w.cache.get(date);
  if (!v) {
    const off = offsetMinutes(date, w.tz);
    const base = Date.parse(`${date}T00:00:00Z`) - off * 60_000;
    const toMs = (hhmm: string) => base + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000;
    v = hoursOn(w.hours, date).intervals.map((i) => ({ from: toMs(i.from), to: toMs(i.to) }));
    w.cache.set(date, v);
  }
  return v;
}

/** Minutes of opening time between `a` and `b` (0 when b ≤ a). At most 366 days are walked. */
export function workingMinutesBetween(w: WorkingHours, a: Date, b: Date): number {
  if (b <= a) return 0;
  let total = 0;
  let date = isoDateIn(a, w.tz);
  const last = isoDateIn(b, w.tz);
  for (let i = 0; i < 367; i++) {
    for (const iv of openIntervals(w, date)) {
      const from = Math.max(iv.from, a.getTime());
      const to = Math.min(iv.to, b.getTime());
      if (to > from) total += to - from;
    }
    if (date === last) break;
    date = addDay(date);
  }
  return total / 60_000;
}
