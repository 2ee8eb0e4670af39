import assert from "node:assert/strict";
import { test } from "node:test";
import { autoGranularity, resolvePeriod } from "./analytics.ts";

test("the default period ends today in Stockholm, not in UTC (late evening in winter and summer)", () => {
  assert.equal(resolvePeriod({}, new Date("2026-12-07T23:30:00Z")).to, "2026-12-08");
  assert.equal(resolvePeriod({}, new Date("2026-06-30T22:30:00Z")).to, "2026-07-01");
  assert.equal(resolvePeriod({}, new Date("2026-12-07T22:30:00Z")).to, "2026-12-07");
});

test("the period defaults to the last 30 days; granularity follows the span unless chosen", () => {
  const now = new Date("2026-11-23T10:00:00Z");
  assert.deepEqual(resolvePeriod({}, now), { from: "2026-10-25", to: "2026-11-23", granularity: "day", days: 30 });
  assert.equal(resolvePeriod({ from: "2026-01-01", to: "2026-06-30" }, now).granularity, "week");
  assert.equal(resolvePeriod({ from: "2024-01-01", to: "2026-06-30" }, now).granularity, "month");
  assert.equal(resolvePeriod({ from: "2024-01-01", to: "2026-06-30", granularity: "day" }, now).granularity, "day");
  assert.deepEqual([autoGranularity(62), autoGranularity(63), autoGranularity(366), autoGranularity(367)], ["day", "week", "week", "month"]);
  assert.throws(() => resolvePeriod({ from: "2026-02-30", to: "2026-03-01" }, now), /validation_failed/);
  assert.throws(() => resolvePeriod({ from: "2026-03-02", to: "2026-03-01" }, now), /validation_failed/);
});
