import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkExternalActorContact, checkOwnContactDetails, isOwnNumber } from "./external-contact.ts";
import { DEMO_ORG } from "../demo.ts";
import type { ContactPoint } from "../types.ts";

const base = { id: "c1", orgId: "o1", unitId: "u1", verification: { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: 12 } };

describe("external-contact: external actors", () => {
  test("name and website only is accepted", () => {
    assert.deepEqual(checkExternalActorContact({ name: "Länsstyrelsen Västra Götaland", websiteUrl: "https://www.lansstyrelsen.se/" }), []);
  });
  test("a phone, e-mail or address field is refused, each with its path", () => {
    const vs = checkExternalActorContact({ name: "Entreprenör AB", websiteUrl: "https://entreprenor.se", phone: "010-123 45 67", email: "info@entreprenor.se", address: { street: "Gatan 1" } });
    assert.deepEqual(vs.map((v) => [v.ruleId, v.path]), [["external-contact", "phone"], ["external-contact", "email"], ["external-contact", "address"]]);
    assert.match(vs[0]?.message_sv ?? "", /bara ha namn och webbplats/u);
  });
  test("HSDS-shaped phones array is refused, an empty one is not", () => {
    assert.equal(checkExternalActorContact({ name: "X", phones: [{ number: "08-123 456 78" }] }).length, 1);
    assert.equal(checkExternalActorContact({ name: "X", phones: [] }).length, 0);
  });
  test("contact details hidden in name or description are refused", () => {
    assert.equal(checkExternalActorContact({ name: "Skatteverket", description: "Ring 0771-567 567" })[0]?.path, "description");
    assert.equal(checkExternalActorContact({ name: "Mejla info@firma.se" })[0]?.path, "name");
    assert.deepEqual(checkExternalActorContact({ name: "Skatteverket", description: "Deklarationen lämnas senast 2 maj 2026." }), []);
  });
});

describe("external-contact: the organisation's own details", () => {
  const email = (address: string): ContactPoint => ({ ...base, kind: "email", address });
  const phone = (number: string, reason?: string): ContactPoint => ({ ...base, kind: "phone", number, ...(reason ? { mobileConfirmed: { reason } } : {}) });

  test("own domain and subdomains pass; lookalikes do not", () => {
    assert.deepEqual(checkOwnContactDetails(email("bygglov@trollhattan.se"), DEMO_ORG), []);
    assert.deepEqual(checkOwnContactDetails(email("bygglov@kontakt.trollhattan.se"), DEMO_ORG), []);
    assert.deepEqual(checkOwnContactDetails(email("info@TROLLHATTAN.SE"), DEMO_ORG), []);
    for (const address of ["info@gmail.com", "info@trollhattan.se.example.com", "info@nottrollhattan.se", "info@trollhattan.nu"]) {
      const [v] = checkOwnContactDetails(email(address), DEMO_ORG);
      assert.equal(v?.ruleId, "external-contact", address);
      assert.match(v?.message_sv ?? "", /trollhattan\.se/u);
    }
  });
  test("IDN spelling of an own domain is the same domain", () => {
    const org = { ...DEMO_ORG, domains: ["trollhättan.se"] };
    assert.deepEqual(checkOwnContactDetails(email("info@xn--trollhttan-v5a.se"), org), []);
  });
  test("numbers outside the own series are refused", () => {
    assert.deepEqual(checkOwnContactDetails(phone("0520-49 50 00"), DEMO_ORG), []);
    assert.equal(checkOwnContactDetails(phone("010-123 45 67"), DEMO_ORG)[0]?.ruleId, "external-contact");
    assert.equal(checkOwnContactDetails(phone("0520-12 34 56"), DEMO_ORG)[0]?.path, "number");
  });
  test("a confirmed functional mobile is the organisation's by that confirmation", () => {
    assert.equal(checkOwnContactDetails(phone("070-123 45 67"), DEMO_ORG).length, 1);
    assert.deepEqual(checkOwnContactDetails(phone("070-123 45 67", "Jourtelefon för hemtjänsten"), DEMO_ORG), []);
  });
  test("isOwnNumber ignores degenerate prefixes", () => {
    assert.equal(isOwnNumber("+46520495000", { numberSeries: [{ prefix: "+46" }] }), false);
    assert.equal(isOwnNumber("+46520495000", { numberSeries: [{ prefix: "+465204" }] }), true);
  });
});
