// Rule `invalid-opening-hours`: the model must be well-formed before anything derives from it.
import { violation, type Violation } from "../principles/violation.ts";
import { screenText } from "../principles/text.ts";
import { WEEKDAYS, type CalendarSettings, type OpeningHours, type TimeInterval } from "../types.ts";

const RULE = "invalid-opening-hours";
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/u;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/u;
const EVES = new Set(["trettondagsafton", "paskafton", "valborgsmassoafton", "pingstafton", "midsommarafton", "allhelgonaafton", "julafton", "nyarsafton"]);
const MAX_EXCEPTIONS = 1000;

export function minutesOf(time: string): number {
  const [h, m] = time.split(":");
  return Number(h) * 60 + Number(m);
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string" || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === value;
}

function checkIntervals(intervals: unknown, path: string): Violation[] {
  if (!Array.isArray(intervals)) return [violation(RULE, path, "Tiderna måste vara en lista.", "The times must be a list.")];
  const out: Violation[] = [];
  const valid: TimeInterval[] = [];
  intervals.forEach((iv: unknown, i) => {
    const p = `${path}[${i}]`;
    const { from, to } = (iv ?? {}) as Partial<TimeInterval>;
    if (typeof from !== "string" || typeof to !== "string" || !TIME.test(from) || !TIME.test(to) || from === "24:00") {
      out.push(violation(RULE, p, "Ange tider som TT:MM, t.ex. 08:00–16:30.", "Give times as HH:MM, e.g. 08:00–16:30."));
    } else if (minutesOf(from) >= minutesOf(to)) {
      out.push(violation(RULE, p, "Stängningstiden måste vara efter öppningstiden samma dag.", "The closing time must be after the opening time on the same day."));
    } else valid.push({ from, to });
  });
  const sorted = [...valid].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
  for (let i = 1; i < sorted.length; i++) {
    if (minutesOf((sorted[i] as TimeInterval).from) < minutesOf((sorted[i - 1] as TimeInterval).to)) {
      out.push(violation(RULE, path, "Tiderna överlappar varandra.", "The times overlap."));
      break;
    }
  }
  return out;
}

export function checkCalendarSettings(calendar: CalendarSettings, path = "calendar"): Violation[] {
  const out: Violation[] = [];
  if (typeof calendar.closedOnPublicHolidays !== "boolean") out.push(violation(RULE, `${path}.closedOnPublicHolidays`, "Ange om det är stängt på helgdagar.", "State whether it is closed on public holidays."));
  if (!Array.isArray(calendar.closedEves) || calendar.closedEves.some((e) => !EVES.has(e))) {
    out.push(violation(RULE, `${path}.closedEves`, "Okänd afton i listan över stängda aftnar.", "Unknown eve in the list of closed eves."));
  }
  if (calendar.reducedHoursBeforeHolidays !== null) out.push(...checkIntervals(calendar.reducedHoursBeforeHolidays, `${path}.reducedHoursBeforeHolidays`));
  if (!Array.isArray(calendar.bridgeDays) || calendar.bridgeDays.some((d) => !isIsoDate(d))) {
    out.push(violation(RULE, `${path}.bridgeDays`, "Klämdagar anges som datum ÅÅÅÅ-MM-DD.", "Bridge days are given as dates YYYY-MM-DD."));
  }
  return out;
}

export function checkOpeningHours(hours: OpeningHours, path = "openingHours"): Violation[] {
  const out: Violation[] = [];
  if (typeof hours !== "object" || hours === null || typeof hours.weekly !== "object" || hours.weekly === null) {
    return [violation(RULE, path, "Öppettiderna saknar veckoschema.", "The opening hours have no weekly schedule.")];
  }
  for (const key of Object.keys(hours.weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) out.push(violation(RULE, `${path}.weekly.${key}`, "Okänd veckodag.", "Unknown weekday."));
  }
  for (const day of WEEKDAYS) {
    const intervals = hours.weekly[day];
    if (intervals !== undefined) out.push(...checkIntervals(intervals, `${path}.weekly.${day}`));
  }
  if (!Array.isArray(hours.exceptions) || hours.exceptions.length > MAX_EXCEPTIONS) {
    out.push(violation(RULE, `${path}.exceptions`, `Undantagen måste vara en lista med högst ${MAX_EXCEPTIONS} datum.`, `The exceptions must be a list of at most ${MAX_EXCEPTIONS} dates.`));
  } else {
    const seen = new Set<string>();
    hours.exceptions.forEach((ex, i) => {
      const p = `${path}.exceptions[${i}]`;
      if (!isIsoDate(ex?.date)) {
        out.push(violation(RULE, `${p}.date`, "Datum anges som ÅÅÅÅ-MM-DD.", "Dates are given as YYYY-MM-DD."));
        return;
      }
      if (seen.has(ex.date)) out.push(violation(RULE, `${p}.date`, `Datumet ${ex.date} finns redan bland undantagen.`, `The date ${ex.date} is already among the exceptions.`));
      seen.add(ex.date);
      if (ex.kind === "hours") out.push(...checkIntervals(ex.intervals, `${p}.intervals`));
      else if (ex.kind !== "closed" && ex.kind !== "note") out.push(violation(RULE, `${p}.kind`, "Okänd typ av undantag.", "Unknown kind of exception."));
      const note = screenText(ex.note, { ruleId: "invalid-text", path: `${p}.note`, maxLength: 200, required: ex.kind === "note", what_sv: "anteckningen", what_en: "the note" });
      if (!note.ok) out.push(note.violation);
    });
  }
  if (hours.calendar !== undefined) out.push(...checkCalendarSettings(hours.calendar, `${path}.calendar`));
  if (hours.timeZone !== undefined && !isTimeZone(hours.timeZone)) out.push(violation(RULE, `${path}.timeZone`, "Okänd tidszon.", "Unknown time zone."));
  return out;
}

function isTimeZone(tz: unknown): boolean {
  if (typeof tz !== "string" || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
