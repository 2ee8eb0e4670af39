// Compiles the one opening-hours model into dated rules and an OSM `opening_hours` string.
// Every other output (open now, next 14 days, schema.org, HSDS) derives from this compile,
// so they cannot disagree. Layering, last wins (as in OSM, where a later rule overrides an
// earlier one for the days it matches):
//   weekly rules → PH off → reduced hours before a holiday → closed eves → bridge days → dated exceptions
import {
  DEFAULT_CALENDAR,
  DEFAULT_TIME_ZONE,
  WEEKDAYS,
  type CalendarSettings,
  type IsoDate,
  type OpeningHours,
  type OrganisationProfile,
  type ResolvedOpeningHours,
  type TimeInterval,
  type Weekday,
} from "../types.ts";
import { buildCalendar, type CalendarDay } from "./calendar.ts";
import { minutesOf } from "./validate.ts";
import { addDays, pad, weekdayIndex } from "./zoned.ts";

export type OverrideSource = "public_holiday" | "reduced" | "eve" | "bridge_day" | "exception";

/** What the calendar or an exception makes of one date. */
export interface DayOverride {
  date: IsoDate;
  /** Empty = closed all day. */
  intervals: TimeInterval[];
  source: OverrideSource;
  reason_sv?: string;
  reason_en?: string;
}

export interface CompiledHours {
  osm: string;
  /** Dated overrides for the compiled years, by date. */
  overrides: Map<IsoDate, DayOverride>;
  calendar: CalendarDay[];
  fromYear: number;
  toYear: number;
}

const OSM_DAYS: Record<Weekday, string> = { mo: "Mo", tu: "Tu", we: "We", th: "Th", fr: "Fr", sa: "Sa", su: "Su" };
const OSM_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Settles the calendar: the model's own, else the organisation's, else the Swedish default. */
export function resolveOpeningHours(hours: OpeningHours, org?: Pick<OrganisationProfile, "calendar" | "timeZone">): ResolvedOpeningHours {
  return {
    ...hours,
    calendar: hours.calendar ?? org?.calendar ?? DEFAULT_CALENDAR,
    timeZone: hours.timeZone ?? org?.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

function settingsOf(hours: OpeningHours): CalendarSettings {
  return hours.calendar ?? DEFAULT_CALENDAR;
}

export function weeklyIntervals(hours: OpeningHours, date: IsoDate): TimeInterval[] {
  return hours.weekly[WEEKDAYS[weekdayIndex(date)] as Weekday] ?? [];
}

/** Intersection of two interval lists (reduced hours never extend a day). */
export function intersect(a: TimeInterval[], b: TimeInterval[]): TimeInterval[] {
  const out: TimeInterval[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(minutesOf(x.from), minutesOf(y.from));
      const to = Math.min(minutesOf(x.to), minutesOf(y.to));
      if (from < to) out.push({ from: toTime(from), to: toTime(to) });
    }
  }
  return out.sort((p, q) => minutesOf(p.from) - minutesOf(q.from));
}

function toTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function buildOverrides(hours: OpeningHours, calendar: CalendarDay[], fromYear: number, toYear: number): Map<IsoDate, DayOverride> {
  const settings = settingsOf(hours);
  const overrides = new Map<IsoDate, DayOverride>();
  const inRange = (date: IsoDate) => Number(date.slice(0, 4)) >= fromYear && Number(date.slice(0, 4)) <= toYear;
  const publicByDate = new Map(calendar.filter((d) => d.kind === "public_holiday").map((d) => [d.date, d]));
  const eveByDate = new Map(calendar.filter((d) => d.kind === "eve").map((d) => [d.date, d]));

  if (settings.closedOnPublicHolidays) {
    for (const day of publicByDate.values()) {
      overrides.set(day.date, { date: day.date, intervals: [], source: "public_holiday", reason_sv: day.name_sv, reason_en: day.name_en });
    }
  }
  if (settings.reducedHoursBeforeHolidays) {
    for (const holiday of publicByDate.values()) {
      const date = addDays(holiday.date, -1);
      if (!inRange(date) || publicByDate.has(date)) continue;
      const normal = weeklyIntervals(hours, date);
      if (normal.length === 0) continue;
      const eve = eveByDate.get(date);
      overrides.set(date, {
        date,
        intervals: intersect(normal, settings.reducedHoursBeforeHolidays),
        source: "reduced",
        reason_sv: eve?.name_sv ?? `dag före ${holiday.name_sv}`,
        reason_en: eve?.name_en ?? `day before ${holiday.name_en}`,
      });
    }
  }
  for (const eve of eveByDate.values()) {
    if ((settings.closedEves as readonly string[]).includes(eve.key)) {
      overrides.set(eve.date, { date: eve.date, intervals: [], source: "eve", reason_sv: eve.name_sv, reason_en: eve.name_en });
    }
  }
  for (const date of settings.bridgeDays) {
    if (inRange(date)) overrides.set(date, { date, intervals: [], source: "bridge_day", reason_sv: "klämdag", reason_en: "bridge day" });
  }
  for (const ex of hours.exceptions) {
    if (!inRange(ex.date)) continue;
    const before = overrides.get(ex.date)?.intervals ?? weeklyIntervals(hours, ex.date);
    const intervals = ex.kind === "closed" ? [] : ex.kind === "hours" ? [...ex.intervals] : before;
    const note = ex.note ?? (ex.kind === "closed" ? "stängt" : "ändrade öppettider");
    overrides.set(ex.date, { date: ex.date, intervals, source: "exception", reason_sv: note, reason_en: ex.note ?? (ex.kind === "closed" ? "closed" : "changed hours") });
  }
  return overrides;
}

function osmIntervals(intervals: TimeInterval[]): string {
  return intervals.length === 0 ? "off" : intervals.map((i) => `${i.from}-${i.to}`).join(",");
}

/** Dated rules carry a comment; without an explicit "open" the evaluator reads a commented range as state "unknown". */
function osmDatedState(intervals: TimeInterval[]): string {
  return intervals.length === 0 ? "off" : `${osmIntervals(intervals)} open`;
}

/** "Mo-Fr 08:00-16:30" etc.: consecutive weekdays with identical hours grouped. */
function weeklyRules(hours: OpeningHours): string[] {
  const rules: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const key = osmIntervals(hours.weekly[WEEKDAYS[i] as Weekday] ?? []);
    let j = i;
    while (j + 1 < WEEKDAYS.length && osmIntervals(hours.weekly[WEEKDAYS[j + 1] as Weekday] ?? []) === key) j++;
    if (key !== "off") {
      const days = i === j ? OSM_DAYS[WEEKDAYS[i] as Weekday] : `${OSM_DAYS[WEEKDAYS[i] as Weekday]}${j === i + 1 ? "," : "-"}${OSM_DAYS[WEEKDAYS[j] as Weekday]}`;
      rules.push(`${days} ${key}`);
    }
    i = j + 1;
  }
  return rules;
}

/** OSM comments are double-quoted and cannot contain a double quote. */
function osmComment(text: string | undefined): string {
  return text ? ` "${text.replace(/["\\]/gu, "'")}"` : "";
}

function osmDate(date: IsoDate): string {
  const [y, m, d] = date.split("-");
  return `${y} ${OSM_MONTHS[Number(m) - 1]} ${d}`;
}

// Keyed by content, not identity: callers build fresh model objects per request (from rows,
// via resolveOpeningHours), and compiling plus parsing the OSM string costs milliseconds,
// while a lookup costs microseconds. Bounded, least recently used evicted first.
const CACHE_LIMIT = 512;
const compiledCache = new Map<string, CompiledHours>();

/**
 * Compiles the model for the calendar years `fromYear`–`toYear`. Calendar-derived days
 * (eves, reduced days, bridge days) are written as dated rules for those years; public
 * holidays as the standing rule `PH off`.
 */
export function compileOpeningHours(hours: OpeningHours, range: { fromYear: number; toYear: number }): CompiledHours {
  const cacheKey = `${range.fromYear}-${range.toYear}|${JSON.stringify([hours.weekly, hours.exceptions, settingsOf(hours)])}`;
  const cached = compiledCache.get(cacheKey);
  if (cached) {
    compiledCache.delete(cacheKey);
    compiledCache.set(cacheKey, cached);
    return cached;
  }
  const settings = settingsOf(hours);
  const calendar = buildCalendar(range);
  const overrides = buildOverrides(hours, calendar, range.fromYear, range.toYear);
  const rules = weeklyRules(hours);
  if (rules.length === 0) rules.push("off");
  if (settings.closedOnPublicHolidays) rules.push("PH off");
  for (const o of [...overrides.values()].sort((a, b) => a.date.localeCompare(b.date))) {
    // Public holidays are covered by "PH off"; writing them again would only add noise.
    if (o.source === "public_holiday") continue;
    rules.push(`${osmDate(o.date)} ${osmDatedState(o.intervals)}${osmComment(o.reason_sv)}`);
  }
  const compiled: CompiledHours = { osm: rules.join("; "), overrides, calendar, fromYear: range.fromYear, toYear: range.toYear };
  compiledCache.set(cacheKey, compiled);
  if (compiledCache.size > CACHE_LIMIT) compiledCache.delete(compiledCache.keys().next().value as string);
  return compiled;
}

/** The OSM `opening_hours` value for the model, with calendar days written out for the given years. */
export function toOsmOpeningHours(hours: OpeningHours, range: { fromYear: number; toYear: number }): string {
  return compileOpeningHours(hours, range).osm;
}
