import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { isOpen, nextDays, hoursOn } from "./evaluate.ts";
import { resolveOpeningHours, toOsmOpeningHours } from "./compile.ts";
import { CONTACT_CENTER_HOURS, DEMO_ORG } from "../demo.ts";
import type { OpeningHours } from "../types.ts";

/** The demo contact center: Mon–Fri 08:00–16:30, eves closed, 08:00–12:00 before a holiday, 2026-05-15 a bridge day. */
const centre = resolveOpeningHours(CONTACT_CENTER_HOURS, DEMO_ORG);
/** Stockholm wall time → instant, written out by hand so the tests do not share code with zoned.ts. */
const cet = (local: string) => new Date(`${local}+01:00`);
const cest = (local: string) => new Date(`${local}+02:00`);

describe("isOpen: the demo contact center", () => {
  test("open on an ordinary Tuesday, closing 16:30", () => {
    const s = isOpen(centre, cet("2026-12-22T10:00:00"));
    assert.equal(s.open, true);
    assert.equal(s.closesAt?.toISOString(), cet("2026-12-22T16:30:00").toISOString());
    assert.equal(s.text_sv, "Öppet nu, stänger 16:30");
    assert.equal(s.text_en, "Open now, closes 16:30");
    assert.equal(s.reason_sv, undefined);
  });

  test("closed on julafton 2026-12-24, opens Monday 28 December", () => {
    const s = isOpen(centre, cet("2026-12-24T10:00:00"));
    assert.equal(s.open, false);
    assert.equal(s.reason_sv, "julafton");
    assert.equal(s.opensAt?.toISOString(), cet("2026-12-28T08:00:00").toISOString());
    assert.equal(s.text_sv, "Stängt (julafton), öppnar måndag 08:00");
  });

  test("closed on midsommarafton 2026-06-19", () => {
    const s = isOpen(centre, cest("2026-06-19T09:00:00"));
    assert.equal(s.open, false);
    assert.equal(s.reason_sv, "midsommarafton");
    assert.equal(s.opensAt?.toISOString(), cest("2026-06-22T08:00:00").toISOString());
  });

  test("reduced hours on the day before 1 May (valborgsmässoafton 2026-04-30)", () => {
    const morning = isOpen(centre, cest("2026-04-30T11:00:00"));
    assert.equal(morning.open, true);
    assert.equal(morning.closesAt?.toISOString(), cest("2026-04-30T12:00:00").toISOString());
    assert.equal(morning.text_sv, "Öppet nu (valborgsmässoafton), stänger 12:00");
    const afternoon = isOpen(centre, cest("2026-04-30T13:00:00"));
    assert.equal(afternoon.open, false);
    assert.equal(afternoon.text_sv, "Stängt (valborgsmässoafton), öppnar måndag 08:00");
  });

  test("reduced hours on trettondagsafton 2026-01-05", () => {
    assert.deepEqual(hoursOn(centre, "2026-01-05").intervals, [{ from: "08:00", to: "12:00" }]);
    assert.equal(isOpen(centre, cet("2026-01-05T12:30:00")).text_sv, "Stängt (trettondagsafton), öppnar onsdag 08:00");
  });

  test("closed on the configured bridge day 2026-05-15 after Kristi himmelsfärd 2026-05-14", () => {
    assert.equal(isOpen(centre, cest("2026-05-14T10:00:00")).reason_sv, "Kristi himmelsfärdsdag");
    const s = isOpen(centre, cest("2026-05-15T10:00:00"));
    assert.equal(s.open, false);
    assert.equal(s.reason_sv, "klämdag");
    assert.equal(s.opensAt?.toISOString(), cest("2026-05-18T08:00:00").toISOString());
    // Without the bridge day the Friday is an ordinary day.
    const noBridge = resolveOpeningHours({ ...CONTACT_CENTER_HOURS, calendar: { ...DEMO_ORG.calendar, bridgeDays: [] } });
    assert.equal(isOpen(noBridge, cest("2026-05-15T10:00:00")).open, true);
  });

  test("eves are configurable: julafton open when not listed", () => {
    const open24 = resolveOpeningHours({ ...CONTACT_CENTER_HOURS, calendar: { ...DEMO_ORG.calendar, closedEves: ["midsommarafton"] } });
    // Julafton is then the day before juldagen: reduced hours.
    assert.deepEqual(hoursOn(open24, "2026-12-24").intervals, [{ from: "08:00", to: "12:00" }]);
  });

  test("before opening on a weekday: opens the same day", () => {
    assert.equal(isOpen(centre, cet("2026-12-22T07:15:00")).text_sv, "Stängt, öppnar 08:00");
  });

  test("Friday evening: opens Monday; Sunday: opens tomorrow", () => {
    assert.equal(isOpen(centre, cet("2026-11-27T17:00:00")).text_sv, "Stängt, öppnar måndag 08:00");
    assert.equal(isOpen(centre, cet("2026-11-29T12:00:00")).text_sv, "Stängt, öppnar i morgon 08:00");
  });

  test("a long closure names the date", () => {
    const summer: OpeningHours = { ...centre, exceptions: Array.from({ length: 14 }, (_, i) => ({ date: `2026-07-${String(i + 1).padStart(2, "0")}`, kind: "closed" as const, note: "sommarstängt" })) };
    const s = isOpen(summer, cest("2026-07-01T10:00:00"));
    assert.equal(s.text_sv, "Stängt (sommarstängt), öppnar onsdag 15 juli 08:00");
  });

  test("always open and never open", () => {
    const always: OpeningHours = { weekly: Object.fromEntries(["mo", "tu", "we", "th", "fr", "sa", "su"].map((d) => [d, [{ from: "00:00", to: "24:00" }]])), exceptions: [], calendar: { closedOnPublicHolidays: false, closedEves: [], reducedHoursBeforeHolidays: null, bridgeDays: [] } };
    assert.equal(isOpen(always, cet("2026-12-24T03:00:00")).text_sv, "Öppet dygnet runt");
    const never: OpeningHours = { weekly: {}, exceptions: [] };
    assert.equal(isOpen(never, cet("2026-12-22T10:00:00")).text_sv, "Stängt");
  });
});

describe("DST (Europe/Stockholm)", () => {
  const sundayNight: OpeningHours = { weekly: { su: [{ from: "01:00", to: "05:00" }], mo: [{ from: "08:00", to: "16:30" }] }, exceptions: [], calendar: { closedOnPublicHolidays: true, closedEves: [], reducedHoursBeforeHolidays: null, bridgeDays: [] } };

  test("spring forward 2026-03-29: 01:00–05:00 lasts three real hours", () => {
    const atHalfPastOne = isOpen(sundayNight, new Date("2026-03-29T00:30:00Z")); // 01:30 CET
    assert.equal(atHalfPastOne.open, true);
    assert.equal(atHalfPastOne.closesAt?.toISOString(), "2026-03-29T03:00:00.000Z"); // 05:00 CEST
    assert.equal(isOpen(sundayNight, new Date("2026-03-29T01:30:00Z")).open, true); // 03:30 CEST
    assert.equal(isOpen(sundayNight, new Date("2026-03-29T03:30:00Z")).open, false); // 05:30 CEST
  });

  test("fall back 2026-10-25: 01:00–05:00 lasts five real hours", () => {
    const s = isOpen(sundayNight, new Date("2026-10-24T23:30:00Z")); // 01:30 CEST
    assert.equal(s.open, true);
    assert.equal(s.closesAt?.toISOString(), "2026-10-25T04:00:00.000Z"); // 05:00 CET
    assert.equal(isOpen(sundayNight, new Date("2026-10-25T03:30:00Z")).open, true); // 04:30 CET
  });

  test("the Monday after each switch opens at 08:00 local", () => {
    assert.equal(isOpen(centre, new Date("2026-03-30T05:59:00Z")).open, false);
    assert.equal(isOpen(centre, new Date("2026-03-30T06:00:00Z")).open, true);
    assert.equal(isOpen(centre, new Date("2026-03-27T06:59:00Z")).open, false);
    assert.equal(isOpen(centre, new Date("2026-03-27T07:00:00Z")).open, true);
    assert.equal(isOpen(centre, new Date("2026-10-26T06:59:00Z")).open, false);
    assert.equal(isOpen(centre, new Date("2026-10-26T07:00:00Z")).open, true);
    assert.equal(isOpen(centre, new Date("2026-10-23T06:00:00Z")).open, true);
  });

  test("the local date, not the UTC date, decides the day", () => {
    // 2026-12-23 23:30 UTC is already julafton 00:30 in Stockholm.
    assert.equal(isOpen(centre, new Date("2026-12-23T23:30:00Z")).reason_sv, "julafton");
    assert.equal(nextDays(centre, new Date("2026-12-23T23:30:00Z"), 1)[0]?.date, "2026-12-24");
  });

  test("results do not depend on the process time zone", () => {
    const script = `
      import { isOpen, nextDays } from ${JSON.stringify(fileURLToPath(new URL("./evaluate.ts", import.meta.url)))};
      import { resolveOpeningHours } from ${JSON.stringify(fileURLToPath(new URL("./compile.ts", import.meta.url)))};
      import { CONTACT_CENTER_HOURS, DEMO_ORG } from ${JSON.stringify(fileURLToPath(new URL("../demo.ts", import.meta.url)))};
      const h = resolveOpeningHours(CONTACT_CENTER_HOURS, DEMO_ORG);
      const out = ["2026-03-29T00:30:00Z", "2026-03-30T06:00:00Z", "2026-04-30T09:30:00Z", "2026-10-25T01:30:00Z", "2026-12-23T23:30:00Z"].map((t) => isOpen(h, new Date(t)));
      console.log(JSON.stringify({ out, days: nextDays(h, new Date("2026-03-27T12:00:00Z"), 5) }));`;
    const run = (tz: string) => execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, TZ: tz }, encoding: "utf8" });
    const utc = run("UTC");
    assert.equal(run("Europe/Stockholm"), utc);
    assert.equal(run("America/New_York"), utc);
  });
});

describe("nextDays", () => {
  test("14 days around Christmas in Swedish", () => {
    const days = nextDays(centre, cet("2026-12-21T09:00:00"), 14);
    assert.equal(days.length, 14);
    assert.deepEqual(days.map((d) => d.text_sv).slice(0, 12), [
      "måndag 21 december: 08:00–16:30",
      "tisdag 22 december: 08:00–16:30",
      "onsdag 23 december: 08:00–16:30",
      "torsdag 24 december: stängt (julafton)",
      "fredag 25 december: stängt (juldagen)",
      "lördag 26 december: stängt (annandag jul)",
      "söndag 27 december: stängt",
      "måndag 28 december: 08:00–16:30",
      "tisdag 29 december: 08:00–16:30",
      "onsdag 30 december: 08:00–16:30",
      "torsdag 31 december: stängt (nyårsafton)",
      "fredag 1 januari: stängt (nyårsdagen)",
    ]);
    assert.equal(days[3]?.text_en, "Thursday 24 December: closed (Christmas Eve)");
    assert.equal(days[3]?.special, true);
    assert.equal(days[1]?.special, false);
    // Across the year boundary the next year's calendar applies (trettondagsafton is a reduced day).
    assert.equal(nextDays(centre, cet("2027-01-04T09:00:00"), 2)[1]?.text_sv, "tisdag 5 januari: 08:00–12:00 (trettondagsafton)");
  });

  test("a dated exception with special hours and a note", () => {
    const withExceptions: OpeningHours = { ...centre, exceptions: [{ date: "2026-11-24", kind: "hours", intervals: [{ from: "10:00", to: "14:00" }], note: "personalmöte" }, { date: "2026-11-25", kind: "note", note: "telefonkön stänger 15:00" }] };
    const [tue, wed] = nextDays(withExceptions, cet("2026-11-24T09:00:00"), 2);
    assert.equal(tue?.text_sv, "tisdag 24 november: 10:00–14:00 (personalmöte)");
    assert.equal(wed?.text_sv, "onsdag 25 november: 08:00–16:30 (telefonkön stänger 15:00)");
  });
});

describe("toOsmOpeningHours", () => {
  test("the demo contact center for 2026", () => {
    const osm = toOsmOpeningHours(centre, { fromYear: 2026, toYear: 2026 });
    assert.ok(osm.startsWith("Mo-Fr 08:00-16:30; PH off; "), osm);
    assert.match(osm, /2026 Dec 24 off "julafton"/u);
    assert.match(osm, /2026 Jun 19 off "midsommarafton"/u);
    assert.match(osm, /2026 Apr 30 08:00-12:00 open "valborgsmässoafton"/u);
    assert.match(osm, /2026 May 15 off "klämdag"/u);
    assert.doesNotMatch(osm, /Dec 25/u, "public holidays are covered by PH off");
  });
  test("weekday grouping and split days", () => {
    const hours: OpeningHours = { weekly: { mo: [{ from: "08:00", to: "12:00" }, { from: "13:00", to: "16:00" }], tu: [{ from: "08:00", to: "12:00" }, { from: "13:00", to: "16:00" }], th: [{ from: "10:00", to: "18:00" }], sa: [{ from: "10:00", to: "14:00" }], su: [{ from: "10:00", to: "14:00" }] }, exceptions: [], calendar: { closedOnPublicHolidays: false, closedEves: [], reducedHoursBeforeHolidays: null, bridgeDays: [] } };
    assert.equal(toOsmOpeningHours(hours, { fromYear: 2026, toYear: 2026 }), "Mo,Tu 08:00-12:00,13:00-16:00; Th 10:00-18:00; Sa,Su 10:00-14:00");
  });
  test("quotes in notes cannot break the OSM string", () => {
    const hours: OpeningHours = { ...centre, exceptions: [{ date: "2026-11-24", kind: "closed", note: 'stängt "hela" dagen; Mo-Su 00:00-24:00' }] };
    const osm = toOsmOpeningHours(hours, { fromYear: 2026, toYear: 2026 });
    assert.match(osm, /2026 Nov 24 off "stängt 'hela' dagen; Mo-Su 00:00-24:00"/u);
    assert.equal(hoursOn(hours, "2026-11-24").closed, true);
    assert.equal(hoursOn(hours, "2026-11-23").intervals[0]?.to, "16:30");
  });
});
