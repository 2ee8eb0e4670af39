import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { fromHsdsDocument } from "./import.ts";
import { toHsdsDocument } from "./export.ts";
import { DEMO_IDS, demoSnapshot } from "../demo.ts";
import type { HsdsDocument } from "./types.ts";

const window = { from: "2026-11-23", to: "2027-11-23" };
const NEW_UNIT = "0b7a4c1e-0000-4000-8000-000000000001";
const NEW_ACTOR = "0b7a4c1e-0000-4000-8000-000000000002";
const NEW_SERVICE = "0b7a4c1e-0000-4000-8000-000000000003";
const NEW_PHONE = "0b7a4c1e-0000-4000-8000-000000000004";

const lines = (vs: { ref: string; ruleId: string; path: string }[]) => vs.map((v) => `${v.ref} ${v.ruleId} ${v.path}`);

describe("HSDS import", () => {
  test("round trip: the export imports cleanly and means the same directory", () => {
    const snapshot = demoSnapshot();
    const result = fromHsdsDocument(toHsdsDocument(snapshot, window), snapshot);
    assert.deepEqual(lines(result.violations), []);
    assert.deepEqual(result.units.map((u) => [u.id, u.parentId, u.kind]).sort(), snapshot.units.map((u) => [u.id, u.parentId, u.kind]).sort());
    const routing = Object.fromEntries(result.services.map((s) => [s.name, s.routing.firstLine]));
    assert.deepEqual(routing, { Bygglov: "unit", Förskoleplats: "contact_center", "Felanmälan gata": "unit" });
    const visit = result.contactPoints.find((c) => c.kind === "visiting_address");
    assert.equal(visit?.kind === "visiting_address" && visit.postcode, "461 83");
    // Calendar days in the schedules are recognised as the calendar, not turned into exceptions.
    assert.deepEqual(visit?.openingHours, { weekly: { mo: [{ from: "08:00", to: "16:30" }], tu: [{ from: "08:00", to: "16:30" }], we: [{ from: "08:00", to: "16:30" }], th: [{ from: "08:00", to: "16:30" }], fr: [{ from: "08:00", to: "16:30" }] }, exceptions: [] });
    const phone = result.contactPoints.find((c) => c.kind === "phone");
    assert.equal(phone?.kind === "phone" && phone.number, "+46520495000");
    assert.equal(phone?.verification.verifiedBy, "demo", "verification of an existing contact point is kept");
  });

  test("a dated schedule that differs from the calendar becomes an exception", () => {
    const snapshot = demoSnapshot();
    const doc = toHsdsDocument(snapshot, window);
    const location = doc.organizations.find((o) => o.id === DEMO_IDS.kontaktcenter)?.locations?.[0];
    location?.schedules?.push({ id: NEW_PHONE, valid_from: "2026-12-28", valid_to: "2026-12-28", freq: "WEEKLY", byday: "MO", description: "Stängt för inventering" });
    const visit = fromHsdsDocument(doc, snapshot).contactPoints.find((c) => c.kind === "visiting_address");
    assert.deepEqual(visit?.openingHours?.exceptions, [{ date: "2026-12-28", kind: "closed", note: "Stängt för inventering" }]);
  });

  test("an external actor with a phone is refused with external-contact", () => {
    const doc: HsdsDocument = {
      organizations: [{ id: NEW_ACTOR, name: "Entreprenör AB", description: "Snöröjning", website: "https://entreprenor.se", phones: [{ id: NEW_PHONE, number: "010-123 45 67" }] }],
      services: [],
    };
    const result = fromHsdsDocument(doc, demoSnapshot());
    assert.deepEqual(lines(result.violations), ["organizations[0] external-contact phones"]);
    assert.match(result.violations[0]?.message_sv ?? "", /bara ha namn och webbplats/u);
    // Name and website alone pass.
    assert.deepEqual(fromHsdsDocument({ organizations: [{ id: NEW_ACTOR, name: "Länsstyrelsen", description: "", website: "https://www.lansstyrelsen.se" }], services: [] }, demoSnapshot()).violations, []);
  });

  test("a unit with a personal mailbox is refused with personal-contact", () => {
    const doc: HsdsDocument = {
      organizations: [{ id: NEW_UNIT, name: "Miljö", description: "Miljöenheten", parent_organization_id: DEMO_IDS.samhallsbyggnad, email: "anna.svensson@trollhattan.se" }],
      services: [],
    };
    const result = fromHsdsDocument(doc, demoSnapshot());
    assert.deepEqual(lines(result.violations), ["organizations[0].email personal-contact address"]);
    assert.equal(result.units[0]?.kind, "verksamhet");
  });

  test("a service carrying a number outside the own series is refused on that number", () => {
    const doc: HsdsDocument = {
      organizations: [],
      services: [{ id: NEW_SERVICE, organization_id: DEMO_IDS.gata, name: "Snöröjning", status: "active", phones: [{ id: NEW_PHONE, number: "010-123 45 67" }] }],
    };
    const result = fromHsdsDocument(doc, demoSnapshot());
    assert.deepEqual(lines(result.violations), ["services[0].phones[0] external-contact number"]);
  });

  test("a service with a new own number adds it to the owner unit", () => {
    const doc: HsdsDocument = {
      organizations: [],
      services: [{ id: NEW_SERVICE, organization_id: DEMO_IDS.gata, name: "Snöröjning", status: "active", phones: [{ id: NEW_PHONE, number: "0520-49 70 00" }] }],
    };
    const result = fromHsdsDocument(doc, demoSnapshot());
    assert.deepEqual(result.violations, []);
    assert.deepEqual(result.contactPoints.map((c) => [c.id, c.unitId, c.kind]), [[NEW_PHONE, DEMO_IDS.gata, "phone"]]);
    assert.equal(result.services[0]?.routing.firstLine, "unit");
  });

  test("contact persons are refused", () => {
    const doc = { organizations: [{ id: NEW_UNIT, name: "Miljö", description: "x", parent_organization_id: DEMO_IDS.samhallsbyggnad, email: "miljo@trollhattan.se", contacts: [{ id: NEW_PHONE, name: "Anna Svensson" }] }], services: [] };
    assert.deepEqual(lines(fromHsdsDocument(doc, demoSnapshot()).violations), ["organizations[0].contacts personal-contact contacts"]);
  });

  test("hostile input gives violations, never an exception", () => {
    for (const input of [null, 5, "x", [], { organizations: "x" }, {}]) {
      const result = fromHsdsDocument(input, demoSnapshot());
      assert.deepEqual(lines(result.violations), ["(fil) invalid-structure "]);
    }
    const messy = {
      organizations: [null, 5, "x", { id: "not-a-uuid" }, { id: NEW_UNIT, parent_organization_id: DEMO_IDS.samhallsbyggnad, name: "<script>alert(1)</script>", description: 7, email: "bygglov@trollhattan.se", phones: [null, { id: NEW_PHONE, number: { evil: true } }], locations: [{ id: NEW_ACTOR, location_type: "physical", addresses: [{ address_1: "A".repeat(100_000) }], schedules: [{ id: "x", byday: "MO", opens_at: "99:99", closes_at: "08:00" }] }] }],
      services: [{ id: NEW_SERVICE, name: "\u202Eevil", organization_id: "nope", status: "active", phones: "nope" }],
    };
    const result = fromHsdsDocument(messy, demoSnapshot());
    const found = lines(result.violations);
    for (const expected of [
      "organizations[0] invalid-structure id",
      "organizations[3] invalid-structure id",
      "organizations[4].phones[0] invalid-structure id",
      "organizations[4] invalid-text name",
      "organizations[4] invalid-text description",
      "organizations[4].phones[1] invalid-phone number",
      "organizations[4].locations[0] invalid-address street",
      "organizations[4].locations[0] invalid-opening-hours openingHours.weekly.mo[0]",
      "services[0] invalid-text name",
      "services[0] invalid-structure ownerUnitId",
    ]) assert.ok(found.includes(expected), `${expected} not in\n${found.join("\n")}`);
  });
});
