import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { resolveReachableContact } from "./no-reachable-contact.ts";
import { DEMO_IDS, demoSnapshot } from "../demo.ts";
import type { DirectorySnapshot, Service, Unit } from "../types.ts";

function unit(snapshot: DirectorySnapshot, id: string): Unit {
  const found = snapshot.units.find((u) => u.id === id);
  assert.ok(found);
  return found;
}

describe("no-reachable-contact", () => {
  test("a unit with its own mailbox resolves to itself", () => {
    const s = demoSnapshot();
    const r = resolveReachableContact(unit(s, DEMO_IDS.bygglov), s);
    assert.equal(r.contact?.unitId, DEMO_IDS.bygglov);
    assert.equal(r.contact?.email?.address, "bygglov@trollhattan.se");
    assert.deepEqual(r.path, [{ unitId: DEMO_IDS.bygglov, role: "self", reachable: true }]);
    assert.deepEqual(r.violations, []);
  });

  test("a unit without contacts falls back through its parents to the contact center", () => {
    const s = demoSnapshot();
    const r = resolveReachableContact(unit(s, DEMO_IDS.forskolaNorr), s);
    assert.equal(r.contact?.unitId, DEMO_IDS.kontaktcenter);
    assert.equal(r.contact?.role, "contact_center");
    assert.equal(r.contact?.phone?.display, "0520-49 50 00");
    assert.deepEqual(r.path.map((p) => [p.role, p.reachable]), [["self", false], ["parent", false], ["contact_center", true]]);
  });

  test("a parent's mailbox is found before the contact center", () => {
    const s = demoSnapshot();
    s.contactPoints.push({ ...s.contactPoints[5]!, id: "p", unitId: DEMO_IDS.utbildning, address: "utbildning@trollhattan.se" } as never);
    const r = resolveReachableContact(unit(s, DEMO_IDS.forskolaNorr), s);
    assert.equal(r.contact?.unitId, DEMO_IDS.utbildning);
    assert.equal(r.contact?.role, "parent");
  });

  test("a service with the contact center as first line goes there first", () => {
    const s = demoSnapshot();
    const service = s.services.find((x) => x.id === DEMO_IDS.serviceForskoleplats) as Service;
    const r = resolveReachableContact(service, s);
    assert.equal(r.contact?.unitId, DEMO_IDS.kontaktcenter);
    assert.equal(r.path.length, 1);
  });

  test("a service routed to its unit uses the unit, then the fallback chain", () => {
    const s = demoSnapshot();
    const bygglov = s.services.find((x) => x.id === DEMO_IDS.serviceBygglov) as Service;
    assert.equal(resolveReachableContact(bygglov, s).contact?.unitId, DEMO_IDS.bygglov);
    const felanmalan: Service = { ...(s.services.find((x) => x.id === DEMO_IDS.serviceFelanmalan) as Service), routing: { firstLine: "unit", fallbackUnitIds: [DEMO_IDS.bygglov] } };
    const r = resolveReachableContact(felanmalan, s);
    assert.equal(r.contact?.unitId, DEMO_IDS.bygglov);
    assert.deepEqual(r.path.map((p) => p.role), ["routing_unit", "fallback"]);
  });

  test("violation only when even the contact center has no mailbox or phone", () => {
    const s = demoSnapshot();
    s.contactPoints = s.contactPoints.filter((c) => c.unitId !== DEMO_IDS.kontaktcenter);
    const r = resolveReachableContact(unit(s, DEMO_IDS.forskolaNorr), s);
    assert.equal(r.contact, null);
    assert.equal(r.violations[0]?.ruleId, "no-reachable-contact");
    assert.match(r.violations[0]?.message_sv ?? "", /kontaktcenter/u);
    // A unit with its own mailbox still resolves.
    assert.deepEqual(resolveReachableContact(unit(s, DEMO_IDS.bygglov), s).violations, []);
  });

  test("no contact center configured at all is reported as such", () => {
    const s = demoSnapshot();
    s.org = { ...s.org };
    delete s.org.contactCenterUnitId;
    const r = resolveReachableContact(unit(s, DEMO_IDS.forskolaNorr), s);
    assert.match(r.violations[0]?.message_en ?? "", /no contact center set/u);
  });

  test("a cycle in the unit tree terminates", () => {
    const s = demoSnapshot();
    s.units = s.units.map((u) => (u.id === DEMO_IDS.utbildning ? { ...u, parentId: DEMO_IDS.forskolaNorr } : u));
    const r = resolveReachableContact(unit(s, DEMO_IDS.forskolaNorr), s);
    assert.equal(r.contact?.unitId, DEMO_IDS.kontaktcenter);
  });
});
