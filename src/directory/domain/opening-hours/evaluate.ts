// "Open now / opens at" and the next days, evaluated by the opening_hours library on the
// OSM string compiled from the model (see compile.ts), in the model's time zone.
import OpeningHoursEvaluator from "opening_hours";
import { DEFAULT_TIME_ZONE, type IsoDate, type OpeningHours, type TimeInterval } from "../types.ts";
import { compileOpeningHours, type CompiledHours, type DayOverride } from "./compile.ts";
import { addDays, fromWallDate, hhmm, isoDateIn, isoDateOfWall, toWallDate, wallDateOf } from "./zoned.ts";

// The evaluator needs a country for `PH`; Sweden has no regional holidays, so no state.
const SWEDEN = { lat: 58.28, lon: 12.29, address: { country_code: "se", state: "" } };
/** How far ahead to look for the next opening (covers Christmas–New Year and summer closures of a month). */
const LOOKAHEAD_DAYS = 45;

interface Evaluation {
  compiled: CompiledHours;
  evaluator: OpeningHoursEvaluator;
}

const evaluatorCache = new WeakMap<CompiledHours, OpeningHoursEvaluator>();

function evaluate(hours: OpeningHours, fromYear: number, toYear: number): Evaluation {
  const compiled = compileOpeningHours(hours, { fromYear, toYear });
  let evaluator = evaluatorCache.get(compiled);
  if (!evaluator) {
    evaluator = new OpeningHoursEvaluator(compiled.osm, SWEDEN);
    evaluatorCache.set(compiled, evaluator);
  }
  return { compiled, evaluator };
}

function zoneOf(hours: OpeningHours, timeZone?: string): string {
  return timeZone ?? hours.timeZone ?? DEFAULT_TIME_ZONE;
}

export interface OpenState {
  open: boolean;
  /** When open: the next closing instant (absent when open around the clock). */
  closesAt?: Date;
  /** When closed: the next opening instant within the look-ahead. */
  opensAt?: Date;
  /** Why today is special ("julafton", "klämdag", an exception's note). */
  reason_sv?: string;
  reason_en?: string;
  /** "Öppet nu, stänger 16:30" / "Stängt (julafton), öppnar måndag 08:00" */
  text_sv: string;
  text_en: string;
}

export function isOpen(hours: OpeningHours, now: Date, timeZone?: string): OpenState {
  const tz = zoneOf(hours, timeZone);
  const today = isoDateIn(now, tz);
  const year = Number(today.slice(0, 4));
  const { compiled, evaluator } = evaluate(hours, year, year + 1);
  const wallNow = toWallDate(now, tz);
  const open = evaluator.getState(wallNow);
  const limit = new Date(wallNow.getTime() + LOOKAHEAD_DAYS * 86_400_000);
  const change = evaluator.getNextChange(wallNow, limit);
  const override = compiled.overrides.get(today);
  const reason = override ? { reason_sv: override.reason_sv, reason_en: override.reason_en } : {};
  const reasonText = override?.reason_sv ? ` (${override.reason_sv})` : "";
  const reasonTextEn = override?.reason_en ? ` (${override.reason_en})` : "";
  if (open) {
    if (!change) return { open, ...reason, text_sv: "Öppet dygnet runt", text_en: "Open around the clock" };
    const closesAt = fromWallDate(change, tz);
    return {
      open,
      closesAt,
      ...reason,
      text_sv: `Öppet nu${reasonText}, stänger ${when(today, change, "sv")}`,
      text_en: `Open now${reasonTextEn}, closes ${when(today, change, "en")}`,
    };
  }
  if (!change) return { open, ...reason, text_sv: `Stängt${reasonText}`, text_en: `Closed${reasonTextEn}` };
  const opensAt = fromWallDate(change, tz);
  return {
    open,
    opensAt,
    ...reason,
    text_sv: `Stängt${reasonText}, öppnar ${when(today, change, "sv")}`,
    text_en: `Closed${reasonTextEn}, opens ${when(today, change, "en")}`,
  };
}

/** "16:30", "i morgon 08:00", "måndag 08:00", "måndag 4 januari 08:00". */
function when(today: IsoDate, wallChange: Date, lang: "sv" | "en"): string {
  const date = isoDateOfWall(wallChange);
  const time = hhmm(wallChange);
  if (date === today) return time;
  if (date === addDays(today, 1)) return lang === "sv" ? `i morgon ${time}` : `tomorrow ${time}`;
  const withinWeek = date <= addDays(today, 6);
  return `${dateLabel(date, lang, withinWeek ? "weekday" : "full")} ${time}`;
}

const labelFormats = {
  sv: {
    weekday: new Intl.DateTimeFormat("sv-SE", { weekday: "long", timeZone: "UTC" }),
    full: new Intl.DateTimeFormat("sv-SE", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }),
  },
  en: {
    weekday: new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "UTC" }),
    full: new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }),
  },
};

/** "torsdag 24 december" (a date, formatted without any time zone shift). */
export function dateLabel(date: IsoDate, lang: "sv" | "en", style: "weekday" | "full" = "full"): string {
  return labelFormats[lang][style].format(new Date(`${date}T12:00:00Z`));
}

export interface DayHours {
  date: IsoDate;
  intervals: TimeInterval[];
  closed: boolean;
  /** True when the calendar or an exception changed the day. */
  special: boolean;
  reason_sv?: string;
  reason_en?: string;
  /** "torsdag 24 december: stängt (julafton)" */
  text_sv: string;
  text_en: string;
}

/** The hours of `days` consecutive days starting with today (in the model's time zone). */
export function nextDays(hours: OpeningHours, now: Date, days = 14, timeZone?: string): DayHours[] {
  const tz = zoneOf(hours, timeZone);
  const today = isoDateIn(now, tz);
  const last = addDays(today, days - 1);
  const { compiled, evaluator } = evaluate(hours, Number(today.slice(0, 4)), Number(last.slice(0, 4)));
  const out: DayHours[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(today, i);
    out.push(dayHours(date, evaluator, compiled.overrides.get(date)));
  }
  return out;
}

/** The evaluated hours of one date. */
export function hoursOn(hours: OpeningHours, date: IsoDate): DayHours {
  const year = Number(date.slice(0, 4));
  const { compiled, evaluator } = evaluate(hours, year, year);
  return dayHours(date, evaluator, compiled.overrides.get(date));
}

function dayHours(date: IsoDate, evaluator: OpeningHoursEvaluator, override: DayOverride | undefined): DayHours {
  const start = wallDateOf(date);
  const end = wallDateOf(addDays(date, 1));
  // Compiled rules never produce state "unknown" (see compile.ts), so every interval is open.
  const intervals: TimeInterval[] = evaluator.getOpenIntervals(start, end).map(([from, to]) => ({
    from: hhmm(from),
    to: isoDateOfWall(to) === date ? hhmm(to) : "24:00",
  }));
  const closed = intervals.length === 0;
  const times = closed ? "stängt" : intervals.map((i) => `${i.from}–${i.to}`).join(", ");
  const timesEn = closed ? "closed" : intervals.map((i) => `${i.from}–${i.to}`).join(", ");
  const why = override?.reason_sv ? ` (${override.reason_sv})` : "";
  const whyEn = override?.reason_en ? ` (${override.reason_en})` : "";
  return {
    date,
    intervals,
    closed,
    special: override !== undefined,
    ...(override?.reason_sv ? { reason_sv: override.reason_sv } : {}),
    ...(override?.reason_en ? { reason_en: override.reason_en } : {}),
    text_sv: `${dateLabel(date, "sv")}: ${times}${why}`,
    text_en: `${dateLabel(date, "en")}: ${timesEn}${whyEn}`,
  };
}
