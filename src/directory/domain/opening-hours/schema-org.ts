// schema.org OpeningHoursSpecification[] from the one model: the regular week, then every
// special day in [from, to] (holidays, eves, reduced days, bridge days, exceptions) with
// validFrom/validThrough. A closed day is opens = closes = "00:00", the form search
// engines document for "closed all day".
import { WEEKDAYS, type IsoDate, type OpeningHours, type TimeInterval, type Weekday } from "../types.ts";
import { compileOpeningHours } from "./compile.ts";
import { hoursOn } from "./evaluate.ts";

const SCHEMA_DAYS: Record<Weekday, string> = {
  mo: "https://schema.org/Monday",
  tu: "https://schema.org/Tuesday",
  we: "https://schema.org/Wednesday",
  th: "https://schema.org/Thursday",
  fr: "https://schema.org/Friday",
  sa: "https://schema.org/Saturday",
  su: "https://schema.org/Sunday",
};

export interface OpeningHoursSpecification {
  "@type": "OpeningHoursSpecification";
  dayOfWeek?: string[];
  opens: string;
  closes: string;
  validFrom?: IsoDate;
  validThrough?: IsoDate;
  name?: string;
}

/** Regular weekly hours: one specification per distinct interval, listing the days it applies to. */
export function weeklySpecifications(hours: OpeningHours): OpeningHoursSpecification[] {
  const byInterval = new Map<string, { interval: TimeInterval; days: Weekday[] }>();
  for (const day of WEEKDAYS) {
    for (const interval of hours.weekly[day] ?? []) {
      const key = `${interval.from}-${interval.to}`;
      const entry = byInterval.get(key) ?? { interval, days: [] };
      entry.days.push(day);
      byInterval.set(key, entry);
    }
  }
  return [...byInterval.values()].map(({ interval, days }) => ({
    "@type": "OpeningHoursSpecification",
    dayOfWeek: days.map((d) => SCHEMA_DAYS[d]),
    opens: interval.from,
    closes: closesValue(interval.to),
  }));
}

/** schema.org times are xsd:time; "24:00" is written as the end of the day. */
function closesValue(to: string): string {
  return to === "24:00" ? "23:59" : to;
}

export function toSchemaOrg(hours: OpeningHours, from: IsoDate, to: IsoDate): OpeningHoursSpecification[] {
  const specs = weeklySpecifications(hours);
  const compiled = compileOpeningHours(hours, { fromYear: Number(from.slice(0, 4)), toYear: Number(to.slice(0, 4)) });
  const special = [...compiled.overrides.keys()].filter((d) => d >= from && d <= to).sort();
  for (const date of special) {
    // Evaluate rather than copy the override: what the page says must be what isOpen says.
    const day = hoursOn(hours, date);
    const common = { "@type": "OpeningHoursSpecification" as const, validFrom: date, validThrough: date, ...(day.reason_sv ? { name: day.reason_sv } : {}) };
    if (day.closed) specs.push({ ...common, opens: "00:00", closes: "00:00" });
    else for (const interval of day.intervals) specs.push({ ...common, opens: interval.from, closes: closesValue(interval.to) });
  }
  return specs;
}
