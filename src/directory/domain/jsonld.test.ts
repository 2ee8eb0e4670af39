import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { jsonLdScriptContent, toJsonLd } from "./jsonld.ts";
import { DEMO_IDS, demoSnapshot } from "./demo.ts";

const options = { from: "2026-12-20", to: "2027-01-10", pageUrl: "https://vaxel.example/kontakt/kontaktcenter" };

describe("JSON-LD", () => {
  test("the contact center as GovernmentOrganization with ContactPoints and special days", () => {
    const ld = toJsonLd(DEMO_IDS.kontaktcenter, demoSnapshot(), options) as Record<string, unknown>;
    assert.equal(ld["@type"], "GovernmentOrganization");
    assert.equal(ld.name, "Kontaktcenter – en väg in");
    assert.deepEqual(ld.address, { "@type": "PostalAddress", streetAddress: "Gärdhemsvägen 9", postalCode: "461 83", addressLocality: "Trollhättan", addressCountry: "SE" });
    const cps = ld.contactPoint as Record<string, unknown>[];
    assert.deepEqual(cps.map((c) => [c["@type"], c.contactType, c.telephone ?? c.email]), [
      ["ContactPoint", "Kontaktcenter", "+46520495000"],
      ["ContactPoint", "Kontaktcenter", "kontaktcenter@trollhattan.se"],
    ]);
    const phoneHours = cps[0]?.hoursAvailable as Record<string, unknown>[];
    assert.ok(phoneHours.some((h) => h.validFrom === "2026-12-24" && h.opens === "00:00" && h.closes === "00:00"));
    const hours = ld.openingHoursSpecification as Record<string, unknown>[];
    assert.equal(hours[0]?.opens, "08:00");
    assert.deepEqual(ld.sameAs, ["https://www.facebook.com/trollhattansstad"]);
    assert.deepEqual((ld.parentOrganization as Record<string, unknown>).name, "Kommunstyrelseförvaltningen");
  });

  test("a unit without contacts shows the contact it falls back to", () => {
    const ld = toJsonLd(DEMO_IDS.forskolaNorr, demoSnapshot(), options) as Record<string, unknown>;
    const cps = ld.contactPoint as Record<string, unknown>[];
    assert.equal(cps[0]?.telephone, "+46520495000");
    assert.equal(ld.url, options.pageUrl);
    assert.equal(toJsonLd("missing", demoSnapshot(), options), null);
  });

  test("script content cannot close the script element, and parses back to the same value", () => {
    const s = demoSnapshot();
    s.units = s.units.map((u) => (u.id === DEMO_IDS.bygglov ? { ...u, description: "</script><script>alert(1)</script> <!-- & \u2028" } : u));
    const ld = toJsonLd(DEMO_IDS.bygglov, s, options);
    const content = jsonLdScriptContent(ld);
    assert.doesNotMatch(content, /<|>|&/u);
    assert.doesNotMatch(content, /\u2028/u);
    assert.deepEqual(JSON.parse(content), ld);
  });
});
