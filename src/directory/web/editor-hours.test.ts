import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONTACT_CENTER_HOURS } from "../domain/index.ts";
import { hoursFromForm, hoursToForm } from "./editor-hours.ts";

describe("opening-hours form", () => {
  test("weekly times and every kind of exception round-trip through the text fields", () => {
    const hours = {
      ...CONTACT_CENTER_HOURS,
      exceptions: [
        { date: "2026-12-23", kind: "closed" as const, note: "personaldag" },
        { date: "2026-12-30", kind: "hours" as const, intervals: [{ from: "08:00", to: "12:00" }], note: "kortare dag" },
        { date: "2026-06-18", kind: "note" as const, note: "telefonkön stänger 15:00" },
      ],
    };
    const form = hoursToForm(hours);
    assert.equal(form.day_mo, "08:00-16:30");
    assert.equal(form.day_sa, "");
    const back = hoursFromForm(form);
    assert.deepEqual(back.violations, []);
    assert.deepEqual(back.hours, hours);
  });

  test("people's ways of writing times are accepted (8.00–12.00, several intervals)", () => {
    const r = hoursFromForm({ day_mo: "8.00–12.00, 13:00-16:30", exceptions: "2026-12-24 stängt" });
    assert.deepEqual(r.violations, []);
    assert.deepEqual(r.hours?.weekly.mo, [{ from: "08:00", to: "12:00" }, { from: "13:00", to: "16:30" }]);
    assert.deepEqual(r.hours?.exceptions, [{ date: "2026-12-24", kind: "closed" }]);
  });

  test("unreadable lines and impossible times are violations on the right field", () => {
    const r = hoursFromForm({ day_tu: "morgon", exceptions: "julafton stängt" });
    assert.deepEqual(r.violations.map((v) => [v.ruleId, v.path]), [["invalid-opening-hours", "day_tu"], ["invalid-opening-hours", "exceptions"]]);
    const backwards = hoursFromForm({ day_we: "16:30-08:00" });
    assert.deepEqual(backwards.violations.map((v) => [v.ruleId, v.path]), [["invalid-opening-hours", "day_we"]]);
  });

  test("'no own hours' clears the model", () => {
    assert.equal(hoursFromForm({ none: "on", day_mo: "08:00-16:30" }).hours, undefined);
  });
});
