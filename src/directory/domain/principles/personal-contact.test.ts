import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkPersonalContact, classifyLabel, classifyLocalPart } from "./personal-contact.ts";
import { NAME_LIST_SIZES } from "../names.ts";
import type { ContactPoint } from "../types.ts";

const base = { id: "c1", orgId: "o1", unitId: "u1", verification: { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: 12 } };
const email = (address: string, label?: string): ContactPoint => ({ ...base, kind: "email", address, ...(label ? { label } : {}) });
const phone = (number: string, reason?: string): ContactPoint => ({ ...base, kind: "phone", number, ...(reason !== undefined ? { mobileConfirmed: { reason } } : {}) });

describe("personal-contact: mailbox local parts", () => {
  test("the name source is loaded", () => {
    assert.ok(NAME_LIST_SIZES.firstNames >= 100, `first names: ${NAME_LIST_SIZES.firstNames}`);
    assert.ok(NAME_LIST_SIZES.surnames >= 50, `surnames: ${NAME_LIST_SIZES.surnames}`);
  });

  for (const [local, pattern] of [
    ["anna.svensson", "first-surname"],
    ["a.svensson", "initial-surname"],
    ["anna", "first-name"],
    ["svensson.anna", "surname-first"],
    ["svensson.a", "surname-initial"],
    ["anna.s", "first-initial"],
    ["anna_svensson", "first-surname"],
    ["anna-svensson", "first-surname"],
    ["Anna.Svensson", "first-surname"],
    ["anna.svensson2", "first-surname"],
    ["anna.svensson+bygglov", "first-surname"],
    ["asa.akesson", "first-surname"],
    ["aasa.aakesson", "first-surname"],
    ["bjorn.ostrom", "first-initial"],
    ["ann-christin.nilsson", "first-first"],
    ["annasvensson", "joined-name"],
    ["asvensson", "joined-name"],
    ["anna.maria", "first-first"],
    ["erik.xyzberg", "first-unlisted"],
  ] as const) {
    test(`${local}@ is personal (${pattern})`, () => {
      const finding = classifyLocalPart(local);
      assert.equal(finding.personal, true);
      if (local !== "bjorn.ostrom") assert.equal(finding.pattern, pattern);
    });
  }

  for (const local of [
    "kontaktcenter", "bygglov", "info", "forskola.norr", "forskolan.solrosen", "registrator", "kommunstyrelsen",
    "miljo.lund", "ekonomi", "overformyndaren", "gata.park", "stadsbyggnad", "kundtjanst", "nils.ericsonskolan",
    "socialtjansten.mottagning", "bibliotek", "valnamnd", "felanmalan", "x", "a1", "",
  ]) {
    test(`${local || "(empty)"}@ is functional`, () => {
      assert.equal(classifyLocalPart(local).personal, false, JSON.stringify(classifyLocalPart(local)));
    });
  }
});

describe("personal-contact: labels", () => {
  for (const label of ["Anna Svensson", "handläggare Anna", "Handläggare Svensson", "Anna", "Rektor Karlsson", "A. Svensson", "Svensson Anna", "Erik Xyzberg"]) {
    test(`"${label}" is personal`, () => assert.equal(classifyLabel(label).personal, true));
  }
  for (const label of ["Växel", "Kontaktcenter – en väg in", "Bygglov – telefon", "Registrator Kommunstyrelsen", "Astrid Lindgrens förskola", "Nils Ericsonskolan", "Handläggare bygglov", "Besök oss", "Lunds bibliotek"]) {
    test(`"${label}" is functional`, () => assert.equal(classifyLabel(label).personal, false, JSON.stringify(classifyLabel(label))));
  }
});

describe("personal-contact: checkPersonalContact", () => {
  test("anna.svensson@trollhattan.se is refused with a Swedish message", () => {
    const [v, ...rest] = checkPersonalContact(email("anna.svensson@trollhattan.se"));
    assert.equal(rest.length, 0);
    assert.equal(v?.ruleId, "personal-contact");
    assert.equal(v?.path, "address");
    assert.match(v?.message_sv ?? "", /funktionsbrevlåda/u);
    assert.match(v?.message_en ?? "", /functional mailbox/u);
  });
  test("a functional mailbox with a personal label is refused on the label", () => {
    const vs = checkPersonalContact(email("bygglov@trollhattan.se", "handläggare Anna"));
    assert.deepEqual(vs.map((v) => v.path), ["label"]);
  });
  test("a mobile number needs a confirmation with a reason", () => {
    assert.equal(checkPersonalContact(phone("070-123 45 67"))[0]?.path, "mobileConfirmed");
    assert.equal(checkPersonalContact(phone("070-123 45 67", "  "))[0]?.ruleId, "personal-contact");
    assert.equal(checkPersonalContact(phone("070-123 45 67", "kort")).length, 1);
    assert.deepEqual(checkPersonalContact(phone("070-123 45 67", "Jourtelefon för hemtjänsten, bärs av den som har jour")), []);
    assert.deepEqual(checkPersonalContact(phone("+46 73 812 34 56", "Funktionsmobil för fältassistenterna")), []);
  });
  test("fixed lines and foreign mobiles are not mobile-checked", () => {
    assert.deepEqual(checkPersonalContact(phone("0520-49 50 00")), []);
    assert.deepEqual(checkPersonalContact(phone("+47 412 34 567")), []);
  });
});
