import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { toSchemaOrg } from "./schema-org.ts";
import { resolveOpeningHours } from "./compile.ts";
import { nextDays } from "./evaluate.ts";
import { CONTACT_CENTER_HOURS, DEMO_ORG } from "../demo.ts";

const centre = resolveOpeningHours(CONTACT_CENTER_HOURS, DEMO_ORG);

describe("toSchemaOrg", () => {
  const specs = toSchemaOrg(centre, "2026-12-20", "2027-01-10");

  test("the regular week is one specification for Monday–Friday", () => {
    assert.deepEqual(specs[0], {
      "@type": "OpeningHoursSpecification",
      dayOfWeek: ["https://schema.org/Monday", "https://schema.org/Tuesday", "https://schema.org/Wednesday", "https://schema.org/Thursday", "https://schema.org/Friday"],
      opens: "08:00",
      closes: "16:30",
    });
  });

  test("special days carry validFrom/validThrough; closed days are 00:00–00:00", () => {
    const special = specs.filter((s) => s.validFrom);
    assert.deepEqual(special.map((s) => [s.validFrom, s.opens, s.closes, s.name]), [
      ["2026-12-24", "00:00", "00:00", "julafton"],
      ["2026-12-25", "00:00", "00:00", "juldagen"],
      ["2026-12-26", "00:00", "00:00", "annandag jul"],
      ["2026-12-31", "00:00", "00:00", "nyårsafton"],
      ["2027-01-01", "00:00", "00:00", "nyårsdagen"],
      ["2027-01-05", "08:00", "12:00", "trettondagsafton"],
      ["2027-01-06", "00:00", "00:00", "trettondedag jul"],
    ]);
    for (const s of special) assert.equal(s.validThrough, s.validFrom);
  });

  test("agrees with nextDays on every special day", () => {
    const days = nextDays(centre, new Date("2026-12-20T12:00:00Z"), 22);
    for (const spec of specs.filter((s) => s.validFrom)) {
      const day = days.find((d) => d.date === spec.validFrom);
      assert.ok(day, spec.validFrom);
      if (spec.opens === "00:00" && spec.closes === "00:00") assert.equal(day.closed, true);
      else assert.ok(day.intervals.some((i) => i.from === spec.opens && i.to === spec.closes));
    }
  });
});
