import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { reviewDueAt, reviewQueue, reviewState } from "./review.ts";
import { demoSnapshot } from "./demo.ts";
import type { ContactPoint } from "./types.ts";

describe("review schedule", () => {
  test("due 12 months after verification by default, month ends clamped", () => {
    assert.equal(reviewDueAt({ verifiedAt: new Date("2026-01-31T10:00:00Z"), verifiedBy: "x", reviewIntervalMonths: 1 })?.toISOString(), "2026-02-28T10:00:00.000Z");
    assert.equal(reviewDueAt({ verifiedAt: new Date("2026-09-01T08:00:00Z"), verifiedBy: "x", reviewIntervalMonths: 12 })?.toISOString(), "2027-09-01T08:00:00.000Z");
    assert.equal(reviewDueAt({ verifiedAt: null, verifiedBy: null, reviewIntervalMonths: 12 }), null);
  });

  test("states relative to now", () => {
    const v = { verifiedAt: new Date("2025-12-01T00:00:00Z"), verifiedBy: "x", reviewIntervalMonths: 12 };
    assert.equal(reviewState(v, new Date("2026-06-01T00:00:00Z")), "ok");
    assert.equal(reviewState(v, new Date("2026-11-15T00:00:00Z")), "due_soon");
    assert.equal(reviewState(v, new Date("2026-12-01T00:00:00Z")), "overdue");
    assert.equal(reviewState({ ...v, verifiedAt: null }, new Date()), "never_verified");
  });

  test("the queue lists never-verified first, then the oldest due", () => {
    const [a, b, c] = demoSnapshot().contactPoints as [ContactPoint, ContactPoint, ContactPoint];
    const cps: ContactPoint[] = [
      { ...a, verification: { verifiedAt: new Date("2025-10-01T00:00:00Z"), verifiedBy: "x", reviewIntervalMonths: 12 } },
      { ...b, verification: { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: 12 } },
      { ...c, verification: { verifiedAt: new Date("2025-06-01T00:00:00Z"), verifiedBy: "x", reviewIntervalMonths: 12 } },
    ];
    const queue = reviewQueue([...cps, ...demoSnapshot().contactPoints.slice(3)], new Date("2026-11-23T00:00:00Z"));
    assert.deepEqual(queue.map((i) => [i.contactPoint.id, i.state]), [[b.id, "never_verified"], [c.id, "overdue"], [a.id, "overdue"]]);
  });
});
