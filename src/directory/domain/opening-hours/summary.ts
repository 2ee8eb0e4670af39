// A short human summary of the regular week ("Måndag–fredag 08:00–16:30"), for phone
// descriptions, vCards and HSDS schedule descriptions. Derived from the same model.
import { WEEKDAYS, type OpeningHours, type Weekday } from "../types.ts";

const NAMES: Record<"sv" | "en", Record<Weekday, string>> = {
  sv: { mo: "måndag", tu: "tisdag", we: "onsdag", th: "torsdag", fr: "fredag", sa: "lördag", su: "söndag" },
  en: { mo: "Monday", tu: "Tuesday", we: "Wednesday", th: "Thursday", fr: "Friday", sa: "Saturday", su: "Sunday" },
};

function times(hours: OpeningHours, day: Weekday): string {
  return (hours.weekly[day] ?? []).map((i) => `${i.from}–${i.to}`).join(", ");
}

/** One line per run of consecutive days with the same hours; closed days are left out. */
export function summarizeWeek(hours: OpeningHours, lang: "sv" | "en" = "sv"): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const day = WEEKDAYS[i] as Weekday;
    const key = times(hours, day);
    let j = i;
    while (j + 1 < WEEKDAYS.length && times(hours, WEEKDAYS[j + 1] as Weekday) === key) j++;
    if (key !== "") {
      const first = NAMES[lang][day];
      const last = NAMES[lang][WEEKDAYS[j] as Weekday];
      const days = i === j ? first : `${first}${j === i + 1 ? (lang === "sv" ? " och " : " and ") : "–"}${last}`;
      lines.push(`${days.charAt(0).toUpperCase()}${days.slice(1)} ${key}`);
    }
    i = j + 1;
  }
  return lines;
}

/** The week plus the calendar in one sentence-like string. */
export function describeHours(hours: OpeningHours, lang: "sv" | "en" = "sv"): string {
  const week = summarizeWeek(hours, lang);
  const parts = week.length > 0 ? [...week] : [lang === "sv" ? "Stängt" : "Closed"];
  if (hours.calendar?.closedOnPublicHolidays !== false) parts.push(lang === "sv" ? "stängt på helgdagar" : "closed on public holidays");
  return parts.join(lang === "sv" ? "; " : "; ");
}
