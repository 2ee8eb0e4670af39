// Wall-clock time in a named time zone (Europe/Stockholm and its DST) from a real instant,
// and back. The opening_hours evaluator reads a Date's *local* fields (getHours(), getDay()),
// i.e. the process time zone; we hand it a "wall Date" whose local fields equal the wall
// time in the model's zone, and convert its answers back to real instants. This is exact
// when the process runs in UTC or in the model's own zone (the two cases that occur); in a
// third zone with its own DST gaps, an hour around that zone's switch could shift.
import type { IsoDate } from "../types.ts";

export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(new Date(instant), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's clocks show `wall`. A time skipped by DST moves forward. */
export function instantOf(wall: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const first = offsetAt(asUtc, timeZone);
  let t = asUtc - first;
  const second = offsetAt(t, timeZone);
  if (second !== first) {
    t = asUtc - second;
    // In a spring-forward gap neither offset round-trips: take the later one (clock moved on).
    if (offsetAt(t, timeZone) !== second) t = asUtc - Math.min(first, second);
  }
  return new Date(t);
}

/** A Date whose process-local fields show the zone's wall time at `instant`. */
export function toWallDate(instant: Date, timeZone: string): Date {
  const w = wallClock(instant, timeZone);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, instant.getMilliseconds());
}

/** The real instant for a wall Date produced by {@link toWallDate} or by the evaluator. */
export function fromWallDate(wallDate: Date, timeZone: string): Date {
  return instantOf(
    {
      year: wallDate.getFullYear(),
      month: wallDate.getMonth() + 1,
      day: wallDate.getDate(),
      hour: wallDate.getHours(),
      minute: wallDate.getMinutes(),
      second: wallDate.getSeconds(),
    },
    timeZone,
  );
}

/** Local midnight of an ISO date as a wall Date. */
export function wallDateOf(date: IsoDate): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function isoDateOfWall(wallDate: Date): IsoDate {
  return `${wallDate.getFullYear()}-${pad(wallDate.getMonth() + 1)}-${pad(wallDate.getDate())}`;
}

export function isoDateIn(instant: Date, timeZone: string): IsoDate {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Calendar arithmetic on ISO dates (no time zone involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function hhmm(wallDate: Date): string {
  return `${pad(wallDate.getHours())}:${pad(wallDate.getMinutes())}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, "0");
}
