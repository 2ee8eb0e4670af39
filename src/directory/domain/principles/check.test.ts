import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkContactPoint, checkExternalActor, checkService, checkUnit, normalizeContactPoint } from "./check.ts";
import { DEMO_IDS, DEMO_ORG, demoSnapshot } from "../demo.ts";
import type { ContactPoint, PhoneContactPoint, Service, Unit } from "../types.ts";

const ctx = { org: DEMO_ORG };
const base = { id: "c1", orgId: DEMO_IDS.org, unitId: DEMO_IDS.bygglov, verification: { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: 12 } };

describe("checkContactPoint", () => {
  test("every demo contact point is clean", () => {
    for (const cp of demoSnapshot().contactPoints) assert.deepEqual(checkContactPoint(cp, ctx), [], cp.id);
  });
  test("anna.svensson@trollhattan.se → personal-contact", () => {
    const vs = checkContactPoint({ ...base, kind: "email", address: "anna.svensson@trollhattan.se" }, ctx);
    assert.deepEqual(vs.map((v) => v.ruleId), ["personal-contact"]);
  });
  test("a personal mailbox on a foreign domain reports both principles", () => {
    const vs = checkContactPoint({ ...base, kind: "email", address: "anna.svensson@gmail.com" }, ctx);
    assert.deepEqual(vs.map((v) => v.ruleId).sort(), ["external-contact", "personal-contact"]);
  });
  test("a malformed value suppresses the principles (one clear message)", () => {
    const vs = checkContactPoint({ ...base, kind: "email", address: "anna.svensson@" }, ctx);
    assert.deepEqual(vs.map((v) => v.ruleId), ["invalid-email"]);
  });
  test("unknown kind and bad review interval", () => {
    assert.equal(checkContactPoint({ ...base, kind: "fax" } as unknown as ContactPoint, ctx)[0]?.ruleId, "invalid-structure");
    const vs = checkContactPoint({ ...base, kind: "web", url: "https://www.trollhattan.se", verification: { ...base.verification, reviewIntervalMonths: 0 } }, ctx);
    assert.deepEqual(vs.map((v) => v.path), ["verification.reviewIntervalMonths"]);
  });
  test("bad opening hours on a phone line are reported with their path", () => {
    const vs = checkContactPoint({ ...base, kind: "phone", number: "0520-49 50 00", openingHours: { weekly: { mo: [{ from: "16:30", to: "08:00" }] }, exceptions: [] } }, ctx);
    assert.deepEqual(vs.map((v) => [v.ruleId, v.path]), [["invalid-opening-hours", "openingHours.weekly.mo[0]"]]);
  });

  const hostile: [string, unknown][] = [
    ["HTML", "<b>Växel</b>"],
    ["entity", "V&auml;xel"],
    ["zero-width", "Väx\u200Bel"],
    ["bidi override", "\u202EleXäV"],
    ["control", "Växel\u0007"],
    ["huge", "V".repeat(5_000_000)],
    ["object", { toString: () => "Växel" }],
    ["number", 12],
  ];
  for (const [name, label] of hostile) {
    test(`hostile label (${name}) gives invalid-text, never an exception`, () => {
      const started = performance.now();
      const vs = checkContactPoint({ ...base, kind: "email", address: "bygglov@trollhattan.se", label } as unknown as ContactPoint, ctx);
      assert.deepEqual(vs.map((v) => [v.ruleId, v.path]), [["invalid-text", "label"]]);
      assert.ok(vs[0]?.message_sv && vs[0]?.message_en);
      assert.ok(performance.now() - started < 200, "bounded time");
    });
  }
  for (const [name, value] of hostile) {
    test(`hostile values (${name}) in every field never throw`, () => {
      const candidates = [
        { ...base, kind: "email", address: value },
        { ...base, kind: "phone", number: value, mobileConfirmed: { reason: value } },
        { ...base, kind: "visiting_address", street: value, postcode: value, town: value, careOf: value },
        { ...base, kind: "web", url: value },
        { ...base, kind: "social", url: value, platform: value },
        { ...base, kind: value },
      ];
      for (const cp of candidates) {
        const vs = checkContactPoint(cp as unknown as ContactPoint, ctx);
        assert.ok(vs.length > 0, JSON.stringify(cp).slice(0, 80));
      }
    });
  }
});

describe("normalizeContactPoint", () => {
  test("fills E.164 and the display form, normalises postcode and e-mail", () => {
    const phone = normalizeContactPoint<PhoneContactPoint>({ ...base, kind: "phone", number: "0520495000" });
    assert.equal(phone.e164, "+46520495000");
    assert.equal(phone.display, "0520-49 50 00");
    const address = normalizeContactPoint({ ...base, kind: "visiting_address", street: " Gärdhemsvägen 9 ", postcode: "46183", town: "Trollhättan" });
    assert.equal(address.postcode, "461 83");
    assert.equal(address.street, "Gärdhemsvägen 9");
    assert.equal(normalizeContactPoint({ ...base, kind: "email", address: "Bygglov@Trollhattan.se" }).address, "bygglov@trollhattan.se");
  });
});

describe("checkUnit / checkService / checkExternalActor", () => {
  test("the demo directory is clean", () => {
    const s = demoSnapshot();
    for (const u of s.units) assert.deepEqual(checkUnit(u, s), [], u.name);
    for (const sv of s.services) assert.deepEqual(checkService(sv, s), [], sv.name);
    for (const a of s.externalActors) assert.deepEqual(checkExternalActor({ ...a }), [], a.name);
  });
  test("a unit under itself or under a missing parent is refused", () => {
    const s = demoSnapshot();
    const ks = s.units.find((u) => u.id === DEMO_IDS.kommunstyrelsen) as Unit;
    assert.equal(checkUnit({ ...ks, parentId: DEMO_IDS.kontaktcenter }, s)[0]?.path, "parentId");
    assert.equal(checkUnit({ ...ks, parentId: "00000000-0000-4000-8000-000000000000" }, s)[0]?.ruleId, "invalid-structure");
    assert.equal(checkUnit({ ...ks, kind: "avdelning" as never }, s)[0]?.path, "kind");
  });
  test("a unit that resolves to nothing is refused with no-reachable-contact", () => {
    const s = demoSnapshot();
    s.contactPoints = [];
    const vs = checkUnit(s.units.find((u) => u.id === DEMO_IDS.forskolaNorr) as Unit, s);
    assert.deepEqual(vs.map((v) => v.ruleId), ["no-reachable-contact"]);
  });
  test("a service with unknown units or actors is refused", () => {
    const s = demoSnapshot();
    const service: Service = { ...(s.services[0] as Service), routing: { firstLine: "unit", unitId: "nope", fallbackUnitIds: ["nope2"] }, externalActorIds: ["nope3"] };
    assert.deepEqual(checkService(service, s).map((v) => v.path), ["routing.unitId", "routing.fallbackUnitIds[0]", "externalActorIds[0]"]);
  });
  test("an external actor with a phone is refused with external-contact", () => {
    const vs = checkExternalActor({ name: "Entreprenör AB", websiteUrl: "https://entreprenor.se", phone: "010-123 45 67" });
    assert.deepEqual(vs.map((v) => v.ruleId), ["external-contact"]);
    assert.equal(checkExternalActor({ name: "X" })[0]?.path, "websiteUrl");
  });
});
