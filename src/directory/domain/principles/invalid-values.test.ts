import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkEmail, parseEmail } from "./invalid-email.ts";
import { checkPhone } from "./invalid-phone.ts";
import { checkAddress, normalizePostcode } from "./invalid-address.ts";
import { checkUrl } from "./invalid-url.ts";
import { groupSubscriber, parsePhone } from "../phone.ts";

describe("invalid-phone and the Swedish display form", () => {
  for (const [input, e164, display] of [
    ["031-365 00 00", "+46313650000", "031-365 00 00"],
    ["0313650000", "+46313650000", "031-365 00 00"],
    ["0520-495000", "+46520495000", "0520-49 50 00"],
    ["(0520) 49 50 00", "+46520495000", "0520-49 50 00"],
    ["08-12345678", "+46812345678", "08-123 456 78"],
    ["081234567", "+4681234567", "08-123 45 67"],
    ["+46 70 123 45 67", "+46701234567", "070-123 45 67"],
    ["0046 31 3650000", "+46313650000", "031-365 00 00"],
    ["0771-22 33 44", "+46771223344", "0771-22 33 44"],
    ["0200-123456", "+46200123456", "0200-12 34 56"],
    ["020-123456", "+4620123456", "020-12 34 56"],
    ["0900-1234567", "+469001234567", "0900-123 45 67"],
    ["010-123 45 67", "+46101234567", "010-123 45 67"],
    ["+45 33 12 34 56", "+4533123456", "+45 33 12 34 56"],
  ] as const) {
    test(`${input} → ${e164} / ${display}`, () => {
      const parsed = parsePhone(input);
      assert.ok(parsed.ok);
      assert.equal(parsed.phone.e164, e164);
      assert.equal(parsed.phone.display, display);
      assert.deepEqual(checkPhone(input), []);
    });
  }
  test("subscriber grouping follows the Swedish convention", () => {
    assert.equal(groupSubscriber("12345"), "123 45");
    assert.equal(groupSubscriber("123456"), "12 34 56");
    assert.equal(groupSubscriber("1234567"), "123 45 67");
  });
  for (const [input, fragment] of [
    ["112", /nummerplanen/u],
    ["031 365 00 00 ext 12", /anknytning/u],
    ["0313650000#12", /anknytning/u],
    ["ring oss", /bara innehålla siffror/u],
    ["1".repeat(41), /för långt/u],
    ["", /saknas/u],
    ["0520-49 50 00\u202E", /bara innehålla siffror/u],
  ] as const) {
    test(`"${input.slice(0, 20)}" is refused`, () => {
      const [v] = checkPhone(input);
      assert.equal(v?.ruleId, "invalid-phone");
      assert.match(v?.message_sv ?? "", fragment);
    });
  }
  test("non-strings are refused, not thrown on", () => {
    assert.equal(checkPhone(5203650000)[0]?.ruleId, "invalid-phone");
    assert.equal(checkPhone({ toString: () => { throw new Error("x"); } })[0]?.ruleId, "invalid-phone");
  });
});

describe("invalid-email", () => {
  for (const ok of ["kontaktcenter@trollhattan.se", "forskola.norr@trollhattan.se", "Bygglov@Trollhattan.SE", "info+web@kontakt.trollhattan.se", "a@trollhättan.se"]) {
    test(`${ok} is valid`, () => assert.deepEqual(checkEmail(ok), []));
  }
  test("normalises case and IDN", () => {
    assert.equal(parseEmail("Bygglov@Trollhättan.SE")?.normalized, "bygglov@xn--trollhttan-v5a.se");
  });
  for (const bad of ["kontaktcenter", "@trollhattan.se", "a@@b.se", "a..b@trollhattan.se", ".a@trollhattan.se", "a.@trollhattan.se", "a b@trollhattan.se", "a@localhost", "a@1.2.3.4", "a@example.invalid", "\"a\"@trollhattan.se", "åsa@trollhattan.se", "a@trollhattan", `${"a".repeat(65)}@trollhattan.se`]) {
    test(`${bad} is invalid`, () => assert.equal(checkEmail(bad)[0]?.ruleId, "invalid-email"));
  }
  test("hostile text is one clear violation", () => {
    for (const hostile of ["<script>alert(1)</script>@x.se", "kontakt\u200B@trollhattan.se", "kontakt@trollhattan.se\u202Eexe.", "a".repeat(1_000_000), "kontakt@trollhattan.se\n", 42, null]) {
      const vs = checkEmail(hostile);
      assert.equal(vs.length, 1);
      assert.equal(vs[0]?.ruleId, "invalid-email");
    }
  });
});

describe("invalid-address", () => {
  test("postcodes are normalised to NNN NN", () => {
    assert.equal(normalizePostcode("46183"), "461 83");
    assert.equal(normalizePostcode("461 83"), "461 83");
    assert.equal(normalizePostcode("SE-461 83"), "461 83");
    assert.equal(normalizePostcode("461-83"), "461 83");
    for (const bad of ["4618", "461 833", "046 83", "abcde", "461 8a"]) assert.equal(normalizePostcode(bad), null, bad);
  });
  test("the contact center's address is valid", () => {
    assert.deepEqual(checkAddress({ street: "Gärdhemsvägen 9", postcode: "46183", town: "Trollhättan" }), []);
    assert.deepEqual(checkAddress({ street: "Box 123", postcode: "461 83", town: "Trollhättan" }), []);
  });
  test("street, postcode and town are each required", () => {
    assert.deepEqual(checkAddress({}).map((v) => v.path), ["street", "town", "postcode"]);
    assert.ok(checkAddress({}).every((v) => v.ruleId === "invalid-address"));
    assert.deepEqual(checkAddress({ street: "9", postcode: "461 83", town: "Trollhättan" }).map((v) => v.path), ["street"]);
    assert.deepEqual(checkAddress({ street: "Gatan 1", postcode: "461 83", town: "461" }).map((v) => v.path), ["town"]);
  });
  test("markup in an address is refused", () => {
    const [v] = checkAddress({ street: "<img src=x onerror=alert(1)>", postcode: "461 83", town: "Trollhättan" });
    assert.match(v?.message_sv ?? "", /HTML/u);
  });
});

describe("invalid-url", () => {
  test("https and http to public hosts only", () => {
    assert.deepEqual(checkUrl("https://www.trollhattan.se/bygglov"), []);
    for (const bad of ["javascript:alert(1)", "data:text/html,x", "https://user:pw@trollhattan.se", "https://127.0.0.1/", "ftp://trollhattan.se", "trollhattan.se", "https://localhost/"]) {
      assert.equal(checkUrl(bad)[0]?.ruleId, "invalid-url", bad);
    }
  });
});
