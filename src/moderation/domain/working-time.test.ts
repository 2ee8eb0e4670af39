import assert from "node:assert/strict";
import { test } from "node:test";
import { workingHours, workingMinutesBetween } from "./working-time.ts";

const office = workingHours({
  weekly: { mo: [{ from: "08:00", to: "17:00" }], tu: [{ from: "08:00", to: "17:00" }], we: [{ from: "08:00", to: "17:00" }], th: [{ from: "08:00", to: "17:00" }], fr: [{ from: "08:00", to: "17:00" }] },
  exceptions: [],
  timeZone: "Europe/Stockholm",
});

test("Friday 16:00 to Monday 09:00 (Stockholm) is two working hours", () => {
  // 2026-11-20 is a Friday; CET = UTC+1.
  assert.equal(workingMinutesBetween(office, new Date("2026-11-20T15:00:00Z"), new Date("2026-11-23T08:00:00Z")), 120);
});

test("within one open day, outside hours, and reversed", () => {
  assert.equal(workingMinutesBetween(office, new Date("2026-11-24T09:00:00Z"), new Date("2026-11-24T09:45:00Z")), 45);
  assert.equal(workingMinutesBetween(office, new Date("2026-11-24T17:00:00Z"), new Date("2026-11-24T22:00:00Z")), 0);
  assert.equal(workingMinutesBetween(office, new Date("2026-11-24T10:00:00Z"), new Date("2026-11-24T09:00:00Z")), 0);
});

test("a public holiday is not working time (juldagen 2026-12-25 is a Friday)", () => {
  assert.equal(workingMinutesBetween(office, new Date("2026-12-25T08:00:00Z"), new Date("2026-12-25T15:00:00Z")), 0);
});

test("summer time: 08:00 local is 06:00 UTC in June", () => {
  assert.equal(workingMinutesBetween(office, new Date("2026-06-16T06:00:00Z"), new Date("2026-06-16T07:00:00Z")), 60);
});
