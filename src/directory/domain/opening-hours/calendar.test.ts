// The calendar comes from date-holidays; these tests hold it against the law's list (as
// opening_hours.js encodes it, ODbL data in ../shared/data/holidays/) and against the
// shared copy of date-holidays' own SE definition.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import OpeningHoursEvaluator from "opening_hours";
import { buildCalendar, calendarKey, suggestBridgeDays } from "./calendar.ts";
import { addDays } from "./zoned.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const holidaysDir = path.resolve(repoRoot, "../shared/data/holidays");
const YEARS = { fromYear: 2024, toYear: 2030 };

describe("buildCalendar (date-holidays SE)", () => {
  const calendar = buildCalendar(YEARS);
  const publicDays = calendar.filter((d) => d.kind === "public_holiday");

  test("13 allmänna helgdagar (besides Sundays) per year, per SFS 1989:253", () => {
    for (let year = YEARS.fromYear; year <= YEARS.toYear; year++) {
      assert.equal(publicDays.filter((d) => d.date.startsWith(String(year))).length, 13, String(year));
    }
  });

  test("the names match opening_hours.js's SE list (the law's 13 days)", () => {
    const osm = parse(readFileSync(path.join(holidaysDir, "opening_hours.js_se.yaml"), "utf8")) as { PH: { name: string }[] };
    const expected = osm.PH.map((p) => calendarKey(p.name)).sort();
    assert.equal(expected.length, 13);
    for (let year = YEARS.fromYear; year <= YEARS.toYear; year++) {
      const ours = publicDays.filter((d) => d.date.startsWith(String(year))).map((d) => d.key).sort();
      assert.deepEqual(ours, expected, String(year));
    }
  });

  test("the dates match what opening_hours.js evaluates as PH, day by day", () => {
    const ph = new OpeningHoursEvaluator("PH", { lat: 58.28, lon: 12.29, address: { country_code: "se", state: "" } });
    const ours = new Set(publicDays.map((d) => d.date));
    const theirs = new Set<string>();
    for (let date = `${YEARS.fromYear}-01-01`; date <= `${YEARS.toYear}-12-31`; date = addDays(date, 1)) {
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      if (ph.getState(new Date(y, m - 1, d, 12))) theirs.add(date);
    }
    assert.deepEqual([...ours].sort(), [...theirs].sort());
  });

  test("eves and half days agree with the shared date-holidays SE definition", () => {
    const text = readFileSync(path.join(holidaysDir, "date-holidays_SE.yaml"), "utf8");
    const def = parse(text) as { holidays: { SE: { days: Record<string, { type?: string; name?: { sv?: string }; _name?: string }> } } };
    const days = def.holidays.SE.days;
    // "bank" = the eves offices close: julafton, nyårsafton, midsommarafton.
    const bankRules = Object.entries(days).filter(([, v]) => v.type === "bank").map(([rule]) => rule).sort();
    assert.deepEqual(bankRules, ["12-24", "12-31", "friday after 06-19"]);
    const halfDayRules = Object.keys(days).filter((rule) => rule.endsWith(" 12:00")).sort();
    assert.equal(halfDayRules.length, 3);
    for (let year = YEARS.fromYear; year <= YEARS.toYear; year++) {
      const eves = calendar.filter((d) => d.kind === "eve" && d.date.startsWith(String(year)));
      for (const key of ["julafton", "nyarsafton", "midsommarafton"]) assert.ok(eves.some((e) => e.key === key), `${key} ${year}`);
      assert.deepEqual(eves.filter((e) => e.halfDayFrom === "12:00").map((e) => e.key).sort(), ["allhelgonaafton", "trettondagsafton", "valborgsmassoafton"]);
    }
  });

  test("2026 dates the demo relies on", () => {
    const at = (date: string) => buildCalendar({ fromYear: 2026, toYear: 2026 }).filter((d) => d.date === date).map((d) => d.key);
    assert.deepEqual(at("2026-12-24"), ["julafton"]);
    assert.deepEqual(at("2026-06-19"), ["midsommarafton"]);
    assert.deepEqual(at("2026-06-20"), ["midsommardagen"]);
    assert.deepEqual(at("2026-05-14"), ["kristi-himmelsfardsdag"]);
    assert.deepEqual(at("2026-04-05"), ["paskdagen"]);
    assert.deepEqual(at("2026-01-05"), ["trettondagsafton"]);
    assert.deepEqual(at("2026-05-25"), [], "annandag pingst is no longer a holiday (since 2005)");
  });

  test("English names are carried for the English messages", () => {
    const julafton = buildCalendar({ fromYear: 2026, toYear: 2026 }).find((d) => d.key === "julafton");
    assert.equal(julafton?.name_en, "Christmas Eve");
  });
});

describe("suggestBridgeDays", () => {
  test("the Friday after Kristi himmelsfärdsdag and the Monday before trettondedag jul, 2026", () => {
    const days = suggestBridgeDays({ fromYear: 2026, toYear: 2026 });
    assert.ok(days.includes("2026-05-15"), days.join(","));
    assert.ok(days.includes("2026-01-05"), days.join(","));
    assert.ok(!days.includes("2026-05-13"));
    for (const d of days) assert.ok(d.startsWith("2026"));
  });
});
