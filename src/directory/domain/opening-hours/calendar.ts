// The Swedish calendar for opening hours, from date-holidays (SE): the allmänna helgdagar
// of SFS 1989:253 (type "public") and the eves ("afton": julafton, nyårsafton,
// midsommarafton, trettondagsafton, valborgsmässoafton, …). Eves are not statutory
// holidays, but offices close or close early; date-holidays marks the traditional half
// days with a 12:00 start. Cross-checked in tests against ../shared/data/holidays/.
import Holidays from "date-holidays";
import type { EveKey, IsoDate, WallTime } from "../types.ts";
import { addDays, weekdayIndex } from "./zoned.ts";

export interface CalendarDay {
  date: IsoDate;
  /** Stable key: the Swedish name folded to ASCII ("julafton", "kristi-himmelsfardsdag"). */
  key: string;
  kind: "public_holiday" | "eve";
  name_sv: string;
  name_en: string;
  /** Traditional half day: date-holidays starts it at 12:00 (trettondagsafton, valborg, allhelgonaafton). */
  halfDayFrom?: WallTime;
}

const holidays = new Holidays("SE");
const byYear = new Map<number, CalendarDay[]>();

export function calendarKey(nameSv: string): string {
  return nameSv
    .toLowerCase()
    .replace(/[åä]/gu, "a")
    .replace(/ö/gu, "o")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-|-$/gu, "");
}

function yearDays(year: number): CalendarDay[] {
  const cached = byYear.get(year);
  if (cached) return cached;
  const sv = holidays.getHolidays(year, "sv");
  const en = holidays.getHolidays(year, "en");
  const englishName = new Map(en.map((h) => [`${h.date}|${h.rule}`, h.name]));
  const days: CalendarDay[] = [];
  for (const h of sv) {
    const isEve = /afton$/u.test(h.name);
    if (h.type !== "public" && !isEve) continue;
    const day: CalendarDay = {
      date: h.date.slice(0, 10),
      key: calendarKey(h.name),
      kind: h.type === "public" ? "public_holiday" : "eve",
      name_sv: h.name,
      name_en: englishName.get(`${h.date}|${h.rule}`) ?? h.name,
    };
    const time = h.date.slice(11, 16);
    if (time !== "" && time !== "00:00") day.halfDayFrom = time;
    days.push(day);
  }
  byYear.set(year, days);
  return days;
}

/** Public holidays and eves for the years `fromYear`–`toYear` inclusive, by date. */
export function buildCalendar(range: { fromYear: number; toYear: number }): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let year = range.fromYear; year <= range.toYear; year++) out.push(...yearDays(year));
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export function isEveKey(key: string): key is EveKey {
  return ["trettondagsafton", "paskafton", "valborgsmassoafton", "pingstafton", "midsommarafton", "allhelgonaafton", "julafton", "nyarsafton"].includes(key);
}

/**
 * Weekdays squeezed between a public holiday and a weekend (the Friday after Kristi
 * himmelsfärdsdag, a Monday before a Tuesday holiday): candidates for bridge days. The
 * organisation decides; this only suggests.
 */
export function suggestBridgeDays(range: { fromYear: number; toYear: number }): IsoDate[] {
  const publicDates = new Set(buildCalendar(range).filter((d) => d.kind === "public_holiday").map((d) => d.date));
  const isOff = (date: IsoDate) => publicDates.has(date) || weekdayIndex(date) >= 5;
  const out: IsoDate[] = [];
  for (const date of [...publicDates].sort()) {
    for (const candidate of [addDays(date, 1), addDays(date, -1)]) {
      if (isOff(candidate) || out.includes(candidate)) continue;
      const other = candidate > date ? addDays(candidate, 1) : addDays(candidate, -1);
      if (isOff(other)) out.push(candidate);
    }
  }
  return out.filter((d) => Number(d.slice(0, 4)) >= range.fromYear && Number(d.slice(0, 4)) <= range.toYear).sort();
}
