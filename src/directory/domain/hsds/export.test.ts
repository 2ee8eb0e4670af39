import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { hsdsPage, toHsdsDocument, toHsdsOrganization, toHsdsService, defaultExportWindow } from "./export.ts";
import { offsetPeriods } from "./schedule.ts";
import { hsdsPageValidator, hsdsValidator } from "./schema-validator.test-support.ts";
import { DEMO_IDS, demoSnapshot } from "../demo.ts";
import type { Service } from "../types.ts";

const window = { from: "2026-11-23", to: "2027-11-23" };
const validateOrganization = hsdsValidator("organization.json");
const validateService = hsdsValidator("service.json");

function assertValid(validate: ReturnType<typeof hsdsValidator>, value: unknown, what: string): void {
  const ok = validate(value);
  assert.ok(ok, `${what}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

describe("HSDS export", () => {
  const snapshot = demoSnapshot();
  const doc = toHsdsDocument(snapshot, window);

  test("every organization and service validates against the HSDS 3.0 schemas", () => {
    assert.equal(doc.organizations.length, snapshot.units.length + 1);
    assert.equal(doc.services.length, snapshot.services.length);
    for (const o of doc.organizations) assertValid(validateOrganization, o, o.name);
    for (const s of doc.services) assertValid(validateService, s, s.name);
  });

  test("the schema check can fail: a missing description and a non-UUID id are caught", () => {
    const bad = { ...doc.organizations[1], description: undefined, id: "kontaktcenter" };
    assert.equal(validateOrganization(JSON.parse(JSON.stringify(bad))), false);
  });

  test("the contact center: phone in E.164 with the Swedish display form, address, schedules", () => {
    const kc = toHsdsOrganization(DEMO_IDS.kontaktcenter, snapshot, window);
    assert.ok(kc);
    assert.equal(kc.parent_organization_id, DEMO_IDS.kommunstyrelsen);
    assert.equal(kc.email, "kontaktcenter@trollhattan.se");
    assert.equal(kc.phones?.[0]?.number, "+46520495000");
    assert.match(kc.phones?.[0]?.description ?? "", /0520-49 50 00\. Telefontider: Måndag–fredag 08:00–16:30; stängt på helgdagar\./u);
    const location = kc.locations?.[0];
    assert.deepEqual(location?.addresses?.[0] && { a: location.addresses[0].address_1, p: location.addresses[0].postal_code, c: location.addresses[0].city, t: location.addresses[0].address_type }, { a: "Gärdhemsvägen 9", p: "461 83", c: "Trollhättan", t: "physical" });
    assert.deepEqual(kc.contacts, [], "no person contacts");
  });

  test("schedules: weekly rules split at DST, special days dated", () => {
    const schedules = toHsdsOrganization(DEMO_IDS.kontaktcenter, snapshot, window)?.locations?.[0]?.schedules ?? [];
    const weekly = schedules.filter((s) => s.valid_from !== s.valid_to);
    assert.deepEqual(weekly.map((s) => [s.valid_from, s.valid_to, s.byday, s.opens_at, s.closes_at, s.timezone]), [
      ["2026-11-23", "2027-03-27", "MO,TU,WE,TH,FR", "08:00+01:00", "16:30+01:00", 1],
      ["2027-03-28", "2027-10-30", "MO,TU,WE,TH,FR", "08:00+02:00", "16:30+02:00", 2],
      ["2027-10-31", "2027-11-23", "MO,TU,WE,TH,FR", "08:00+01:00", "16:30+01:00", 1],
    ]);
    const julafton = schedules.find((s) => s.valid_from === "2026-12-24");
    assert.equal(julafton?.description, "Stängt (julafton)");
    assert.equal(julafton?.opens_at, undefined);
    const valborg = schedules.find((s) => s.valid_from === "2027-04-30");
    assert.deepEqual([valborg?.opens_at, valborg?.closes_at, valborg?.byday], ["08:00+02:00", "12:00+02:00", "FR"]);
    assert.equal(new Set(schedules.map((s) => s.id)).size, schedules.length, "ids are unique");
  });

  test("ids are stable across exports", () => {
    assert.deepEqual(toHsdsDocument(demoSnapshot(), window), doc);
  });

  test("a service carries the contact its routing resolves to", () => {
    const forskoleplats = doc.services.find((s) => s.id === DEMO_IDS.serviceForskoleplats);
    assert.equal(forskoleplats?.email, "kontaktcenter@trollhattan.se");
    assert.equal(forskoleplats?.phones?.[0]?.number, "+46520495000");
    assert.equal(forskoleplats?.organization?.id, DEMO_IDS.forskolaNorr);
    const bygglov = doc.services.find((s) => s.id === DEMO_IDS.serviceBygglov);
    assert.equal(bygglov?.email, "bygglov@trollhattan.se");
    assert.deepEqual(bygglov?.phones, []);
  });

  test("list items have one-to-one fields only", () => {
    const item = toHsdsService(snapshot.services[0] as Service, snapshot, { window, full: false });
    assert.equal(item.phones, undefined);
    assert.equal(item.organization, undefined);
    assertValid(validateService, item, "list item");
  });

  test("default window is today + 365 days in Stockholm", () => {
    assert.deepEqual(defaultExportWindow(new Date("2026-12-31T23:30:00Z")), { from: "2027-01-01", to: "2028-01-01" });
  });

  test("offset periods for a window without DST change", () => {
    assert.deepEqual(offsetPeriods("2026-12-01", "2026-12-31", "Europe/Stockholm"), [{ from: "2026-12-01", to: "2026-12-31", offsetMinutes: 60 }]);
  });
});

describe("HSDS paging", () => {
  const validatePage = hsdsPageValidator();
  const items = Array.from({ length: 25 }, (_, i) => i);

  test("pages per the HSDS API fields", () => {
    const first = hsdsPage(items, 1, 10);
    assert.deepEqual({ ...first, contents: first.contents.length }, { total_items: 25, total_pages: 3, page_number: 1, size: 10, first_page: true, last_page: false, empty: false, contents: 10 });
    const last = hsdsPage(items, 3, 10);
    assert.deepEqual([last.contents, last.last_page, last.first_page], [[20, 21, 22, 23, 24], true, false]);
    const beyond = hsdsPage(items, 9, 10);
    assert.deepEqual([beyond.empty, beyond.last_page, beyond.contents], [true, true, []]);
    const none = hsdsPage([], 1, 10);
    assert.deepEqual([none.total_pages, none.empty, none.first_page, none.last_page], [1, true, true, true]);
    for (const page of [first, last, beyond, none]) assert.ok(validatePage(page), JSON.stringify(validatePage.errors));
  });

  test("a page of services validates as a whole", () => {
    const snapshot = demoSnapshot();
    const page = hsdsPage(snapshot.services.map((s) => toHsdsService(s, snapshot, { window, full: false })), 1, 2);
    assert.ok(validatePage(page));
    for (const s of page.contents) assertValid(validateService, s, s.name);
  });
});
