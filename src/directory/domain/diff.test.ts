import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { diffEntities, fieldLabelSv } from "./diff.ts";
import { demoSnapshot } from "./demo.ts";
import type { PhoneContactPoint } from "./types.ts";

describe("diffEntities", () => {
  const phone = demoSnapshot().contactPoints[0] as PhoneContactPoint;

  test("no change, no entries", () => {
    assert.deepEqual(diffEntities(phone, structuredClone(phone)), []);
  });

  test("a new number: changed fields with before and after", () => {
    const next: PhoneContactPoint = { ...phone, number: "0520-49 60 00", e164: "+46520496000", display: "0520-49 60 00" };
    assert.deepEqual(diffEntities(phone, next), [
      { path: "display", kind: "changed", before: "0520-49 50 00", after: "0520-49 60 00" },
      { path: "e164", kind: "changed", before: "+46520495000", after: "+46520496000" },
      { path: "number", kind: "changed", before: "0520-49 50 00", after: "0520-49 60 00" },
    ]);
  });

  test("nested opening hours, added and removed fields, dates", () => {
    const next: PhoneContactPoint = {
      ...phone,
      label: undefined as unknown as string,
      mobileConfirmed: { reason: "Jourtelefon" },
      verification: { ...phone.verification, verifiedAt: new Date("2026-11-01T08:00:00Z") },
      openingHours: { weekly: { ...phone.openingHours?.weekly, fr: [{ from: "08:00", to: "15:00" }] }, exceptions: [] },
    };
    const changes = diffEntities(phone, next).map((c) => [c.path, c.kind]);
    assert.deepEqual(changes, [
      ["label", "removed"],
      ["mobileConfirmed", "added"],
      ["openingHours.weekly.fr[0].to", "changed"],
      ["verification.verifiedAt", "changed"],
    ]);
  });

  test("keyed arrays are matched by id or date, not position", () => {
    const before = { exceptions: [{ date: "2026-12-28", kind: "closed" }, { date: "2026-12-29", kind: "closed" }] };
    const after = { exceptions: [{ date: "2026-12-29", kind: "closed" }, { date: "2026-12-30", kind: "closed" }] };
    assert.deepEqual(diffEntities(before, after).map((c) => [c.path, c.kind]), [
      ["exceptions[date=2026-12-28]", "removed"],
      ["exceptions[date=2026-12-30]", "added"],
    ]);
  });

  test("creation and deletion are one change at the root", () => {
    assert.deepEqual(diffEntities(undefined, { a: 1 }), [{ path: "", kind: "added", after: { a: 1 } }]);
    assert.deepEqual(diffEntities({ a: 1 }, undefined), [{ path: "", kind: "removed", before: { a: 1 } }]);
  });

  test("Swedish field labels", () => {
    assert.equal(fieldLabelSv("number"), "Telefonnummer");
    assert.equal(fieldLabelSv("openingHours.weekly.fr[0].to"), "Stänger");
    assert.equal(fieldLabelSv("exceptions[date=2026-12-28]"), "Undantag");
    assert.equal(fieldLabelSv("unknownField"), "unknownField");
  });
});
