import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { demoSnapshot } from "../domain/index.ts";
import { CSV_TEMPLATE, fromCsv } from "./csv.ts";

describe("CSV import template", () => {
  const existing = demoSnapshot();

  test("the template itself has no violations (with the demo's own domain)", () => {
    const r = fromCsv(CSV_TEMPLATE.replaceAll("example.se", "trollhattan.se"), existing);
    assert.deepEqual(r.violations, []);
    assert.equal(r.units.length, 2);
    assert.equal(r.contactPoints.length, 3);
    // Rows refer to units by name; the contact points belong to the new unit.
    const center = r.units.find((u) => u.name === "Kontaktcenter")!;
    assert.ok(r.contactPoints.every((c) => c.unitId === center.id));
  });

  test("ids are stable: the same file gives the same ids", () => {
    assert.deepEqual(fromCsv(CSV_TEMPLATE, existing).units.map((u) => u.id), fromCsv(CSV_TEMPLATE, existing).units.map((u) => u.id));
  });

  test("an external actor row with a phone is refused with external-contact", () => {
    const r = fromCsv("type,name,contact_kind,value,website\nexternal_actor,Trafikverket,phone,0771-921 921,https://www.trafikverket.se/\n", existing);
    assert.deepEqual(r.violations.map((v) => [v.ref, v.ruleId, v.path]), [["rad 2", "external-contact", "phone"]]);
  });

  test("unknown row types and unknown units are reported by row", () => {
    const r = fromCsv("type,unit,contact_kind,value\nperson,,,\ncontact_point,Finns inte,email,info@trollhattan.se\n", existing);
    assert.deepEqual(r.violations.map((v) => [v.ref, v.ruleId]), [["rad 2", "invalid-structure"], ["rad 3", "invalid-structure"]]);
  });
});
