import assert from "node:assert/strict";
import { test } from "node:test";
import { autoGranularity, resolvePeriod } from "./analytics.ts";

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
