import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkOpeningHours, isIsoDate } from "./validate.ts";
import { CONTACT_CENTER_HOURS, DEMO_ORG } from "../demo.ts";
import type { OpeningHours } from "../types.ts";

const paths = (hours: unknown) => checkOpeningHours(hours as OpeningHours).map((v) => v.path);

describe("invalid-opening-hours", () => {
  test("the demo hours and calendar are valid", () => {
    assert.deepEqual(checkOpeningHours({ ...CONTACT_CENTER_HOURS, calendar: DEMO_ORG.calendar }), []);
  });
  test("malformed and reversed times, overlaps", () => {
    assert.deepEqual(paths({ weekly: { mo: [{ from: "8", to: "16:30" }] }, exceptions: [] }), ["openingHours.weekly.mo[0]"]);
    assert.deepEqual(paths({ weekly: { mo: [{ from: "16:30", to: "08:00" }] }, exceptions: [] }), ["openingHours.weekly.mo[0]"]);
    assert.deepEqual(paths({ weekly: { mo: [{ from: "24:00", to: "24:00" }] }, exceptions: [] }), ["openingHours.weekly.mo[0]"]);
    assert.deepEqual(paths({ weekly: { mo: [{ from: "08:00", to: "12:00" }, { from: "11:00", to: "16:00" }] }, exceptions: [] }), ["openingHours.weekly.mo"]);
    assert.deepEqual(paths({ weekly: { mo: [{ from: "00:00", to: "24:00" }] }, exceptions: [] }), []);
    assert.deepEqual(paths({ weekly: { monday: [] }, exceptions: [] }), ["openingHours.weekly.monday"]);
    assert.deepEqual(paths({ exceptions: [] }), ["openingHours"]);
    assert.deepEqual(paths(null), ["openingHours"]);
  });
  test("exceptions: real dates, no duplicates, notes screened", () => {
    assert.deepEqual(paths({ weekly: {}, exceptions: [{ date: "2026-02-30", kind: "closed" }] }), ["openingHours.exceptions[0].date"]);
    assert.deepEqual(paths({ weekly: {}, exceptions: [{ date: "2026-12-24", kind: "closed" }, { date: "2026-12-24", kind: "closed" }] }), ["openingHours.exceptions[1].date"]);
    assert.deepEqual(paths({ weekly: {}, exceptions: [{ date: "2026-12-24", kind: "note" }] }), ["openingHours.exceptions[0].note"]);
    assert.deepEqual(paths({ weekly: {}, exceptions: [{ date: "2026-12-24", kind: "closed", note: "<script>" }] }), ["openingHours.exceptions[0].note"]);
    assert.deepEqual(paths({ weekly: {}, exceptions: [{ date: "2026-12-24", kind: "open" }] }), ["openingHours.exceptions[0].kind"]);
  });
  test("calendar settings and time zone", () => {
    assert.deepEqual(paths({ weekly: {}, exceptions: [], calendar: { closedOnPublicHolidays: true, closedEves: ["halloween"], reducedHoursBeforeHolidays: null, bridgeDays: ["15 maj"] } }), ["openingHours.calendar.closedEves", "openingHours.calendar.bridgeDays"]);
    assert.deepEqual(paths({ weekly: {}, exceptions: [], timeZone: "Mars/Olympus" }), ["openingHours.timeZone"]);
  });
  test("isIsoDate rejects impossible dates", () => {
    assert.equal(isIsoDate("2028-02-29"), true);
    assert.equal(isIsoDate("2026-02-29"), false);
    assert.equal(isIsoDate("2026-1-5"), false);
  });
});
