// HSDS `schedule` objects (RFC 5545-style rules) from the one opening-hours model: the
// regular week as WEEKLY rules, then each special day in the window as its own dated
// schedule. HSDS wants opens_at/closes_at with a UTC offset and `timezone` as a number, so
// the window is split where Europe/Stockholm changes between +01:00 and +02:00.
import { compileOpeningHours } from "../opening-hours/compile.ts";
import { hoursOn } from "../opening-hours/evaluate.ts";
import { describeHours } from "../opening-hours/summary.ts";
import { addDays, instantOf, weekdayIndex } from "../opening-hours/zoned.ts";
import { DEFAULT_TIME_ZONE, WEEKDAYS, type IsoDate, type OpeningHours, type TimeInterval, type Weekday } from "../types.ts";
import { derivedUuid } from "./ids.ts";
import type { HsdsSchedule } from "./types.ts";

const RRULE_DAYS: Record<Weekday, NonNullable<HsdsSchedule["wkst"]>> = { mo: "MO", tu: "TU", we: "WE", th: "TH", fr: "FR", sa: "SA", su: "SU" };

interface Period {
  from: IsoDate;
  to: IsoDate;
  offsetMinutes: number;
}

function offsetAtNoon(date: IsoDate, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const instant = instantOf({ year: y, month: m, day: d, hour: 12, minute: 0, second: 0 }, timeZone);
  return Math.round((Date.UTC(y, m - 1, d, 12) - instant.getTime()) / 60_000);
}

/** Consecutive date ranges with one UTC offset. */
export function offsetPeriods(from: IsoDate, to: IsoDate, timeZone: string): Period[] {
  const periods: Period[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const offsetMinutes = offsetAtNoon(date, timeZone);
    const last = periods[periods.length - 1];
    if (last && last.offsetMinutes === offsetMinutes) last.to = date;
    else periods.push({ from: date, to: date, offsetMinutes });
  }
  return periods;
}

function offsetSuffix(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

function timeOf(wall: string, offsetMinutes: number): string {
  return `${wall === "24:00" ? "23:59" : wall}${offsetSuffix(offsetMinutes)}`;
}

export interface ScheduleOptions {
  from: IsoDate;
  to: IsoDate;
  /** Which object the schedules belong to. */
  owner: { service_id: string } | { location_id: string };
  /** Stable seed for derived ids (the owning object's id). */
  seed: string;
}

export function toHsdsSchedules(hours: OpeningHours, options: ScheduleOptions): HsdsSchedule[] {
  const timeZone = hours.timeZone ?? DEFAULT_TIME_ZONE;
  const out: HsdsSchedule[] = [];
  const description = describeHours(hours, "sv");
  const groups = new Map<string, { interval: TimeInterval; days: Weekday[] }>();
  for (const day of WEEKDAYS) {
    for (const interval of hours.weekly[day] ?? []) {
      const key = `${interval.from}-${interval.to}`;
      const group = groups.get(key) ?? { interval, days: [] };
      group.days.push(day);
      groups.set(key, group);
    }
  }
  for (const period of offsetPeriods(options.from, options.to, timeZone)) {
    for (const [key, { interval, days }] of groups) {
      out.push({
        id: derivedUuid(options.seed, "weekly", period.from, key),
        ...options.owner,
        valid_from: period.from,
        valid_to: period.to,
        dtstart: period.from,
        until: period.to,
        timezone: period.offsetMinutes / 60,
        wkst: "MO",
        freq: "WEEKLY",
        interval: 1,
        byday: days.map((d) => RRULE_DAYS[d]).join(","),
        opens_at: timeOf(interval.from, period.offsetMinutes),
        closes_at: timeOf(interval.to, period.offsetMinutes),
        description,
      });
    }
  }
  const compiled = compileOpeningHours(hours, { fromYear: Number(options.from.slice(0, 4)), toYear: Number(options.to.slice(0, 4)) });
  for (const date of [...compiled.overrides.keys()].filter((d) => d >= options.from && d <= options.to).sort()) {
    const day = hoursOn(hours, date);
    const offset = offsetAtNoon(date, timeZone);
    const common: HsdsSchedule = {
      id: "",
      ...options.owner,
      valid_from: date,
      valid_to: date,
      dtstart: date,
      until: date,
      timezone: offset / 60,
      freq: "WEEKLY",
      byday: RRULE_DAYS[WEEKDAYS[weekdayIndex(date)] as Weekday],
      // The special day replaces the weekly rule on that date.
      notes: "Ersätter ordinarie öppettider detta datum.",
    };
    if (day.closed) {
      out.push({ ...common, id: derivedUuid(options.seed, "day", date), description: `Stängt${day.reason_sv ? ` (${day.reason_sv})` : ""}` });
    } else {
      day.intervals.forEach((interval, i) => {
        out.push({
          ...common,
          id: derivedUuid(options.seed, "day", date, String(i)),
          opens_at: timeOf(interval.from, offset),
          closes_at: timeOf(interval.to, offset),
          description: `${interval.from}–${interval.to}${day.reason_sv ? ` (${day.reason_sv})` : ""}`,
        });
      });
    }
  }
  return out;
}
