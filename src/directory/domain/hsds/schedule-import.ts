// HSDS schedules → the opening-hours model. Weekly rules (one per DST period after our own
// export) collapse into the weekly table; a dated one-day schedule becomes an exception only
// when it differs from what the organisation's calendar already gives that day, so an
// export → import round trip does not turn every holiday into a hand-made exception.
import { hoursOn } from "../opening-hours/evaluate.ts";
import { checkOpeningHours, isIsoDate } from "../opening-hours/validate.ts";
import { WEEKDAYS, type CalendarSettings, type OpeningException, type OpeningHours, type TimeInterval, type Weekday } from "../types.ts";

const BYDAY: Record<string, Weekday> = { MO: "mo", TU: "tu", WE: "we", TH: "th", FR: "fr", SA: "sa", SU: "su" };
const TIME = /^(\d{2}):(\d{2})(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?$/u;

function wallTime(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = TIME.exec(value);
  if (!m) return null;
  const time = `${m[1]}:${m[2]}`;
  return time === "23:59" ? "24:00" : time;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function fromHsdsSchedules(schedules: unknown, calendar: CalendarSettings): OpeningHours | undefined {
  if (!Array.isArray(schedules) || schedules.length === 0) return undefined;
  const weekly: Partial<Record<Weekday, TimeInterval[]>> = {};
  const dated = new Map<string, TimeInterval[]>();
  const notes = new Map<string, string>();
  for (const raw of schedules.slice(0, 5000)) {
    const s = record(raw);
    if (!s) continue;
    const opens = wallTime(s.opens_at);
    const closes = wallTime(s.closes_at);
    const interval = opens && closes ? { from: opens, to: closes } : null;
    const oneDay = isIsoDate(s.valid_from) && s.valid_from === s.valid_to;
    if (oneDay) {
      const date = s.valid_from as string;
      const list = dated.get(date) ?? [];
      if (interval) list.push(interval);
      dated.set(date, list);
      if (typeof s.description === "string") notes.set(date, s.description.slice(0, 200));
      continue;
    }
    if (!interval || typeof s.byday !== "string") continue;
    for (const code of s.byday.split(",")) {
      const day = BYDAY[code.trim().toUpperCase()];
      if (!day) continue;
      const list = weekly[day] ?? [];
      if (!list.some((i) => i.from === interval.from && i.to === interval.to)) list.push(interval);
      weekly[day] = list.sort((a, b) => a.from.localeCompare(b.from));
    }
  }
  const base: OpeningHours = { weekly, exceptions: [], calendar };
  // A malformed weekly table cannot be evaluated; keep every dated entry and let the
  // checks report the malformed times.
  const comparable = checkOpeningHours(base).length === 0;
  const exceptions: OpeningException[] = [];
  for (const [date, intervals] of [...dated.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const expected = comparable ? hoursOn(base, date).intervals : null;
    const same = expected !== null && expected.length === intervals.length && expected.every((e, i) => e.from === intervals[i]?.from && e.to === intervals[i]?.to);
    if (same) continue;
    const note = notes.get(date);
    exceptions.push(intervals.length === 0
      ? { date, kind: "closed", ...(note ? { note } : {}) }
      : { date, kind: "hours", intervals, ...(note ? { note } : {}) });
  }
  // Keep the weekday order stable for diffs.
  const ordered: Partial<Record<Weekday, TimeInterval[]>> = {};
  for (const day of WEEKDAYS) if (weekly[day]) ordered[day] = weekly[day];
  return { weekly: ordered, exceptions };
}
