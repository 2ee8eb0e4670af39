// Public pages on the demo directory: the contact center's hours on the days
// the issue names (fixed "now" via ?at=), "Kontakta oss", JSON-LD, escaping,
// search, and the embeds (snippet without script, frameable iframe page).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { DEMO_IDS } from "../src/directory/domain/index.ts";
import { seedDemoDirectory } from "../src/directory/demo-seeder.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { ALL_SCOPES, apiFor } from "./helpers/directory.ts";

const openState = (body: string) => /<p class="vx-open-state[^"]*" data-open="(true|false)"><strong>([^<]*)<\/strong>/.exec(body);

describe("directory public pages", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await seedDemoDirectory(t.db.pool, t.org.id);
  });

  const at = async (iso: string) => {
    const r = await t.app.inject({ method: "GET", url: `/katalog/kontaktcenter?at=${encodeURIComponent(iso)}` });
    assert.equal(r.statusCode, 200);
    return r.body;
  };

  test("the contact center is closed on julafton 2026", async () => {
    const m = openState(await at("2026-12-24T10:00:00+01:00"));
    assert.equal(m?.[1], "false");
    assert.match(m?.[2] ?? "", /^Stängt \(julafton\), öppnar/);
  });

  test("closed on midsommarafton 2026", async () => {
    const body = await at("2026-06-19T10:00:00+02:00");
    assert.equal(openState(body)?.[1], "false");
    assert.match(openState(body)?.[2] ?? "", /midsommarafton/);
  });

  test("reduced hours (08:00–12:00) on the weekday before Kristi himmelsfärdsdag", async () => {
    const body = await at("2026-05-13T10:00:00+02:00");
    assert.equal(openState(body)?.[1], "true");
    assert.match(openState(body)?.[2] ?? "", /stänger 12:00/);
    assert.match(body, /<tr class="special" data-date="2026-05-13">[^]*?08:00–12:00/);
    const afternoon = await at("2026-05-13T13:00:00+02:00");
    assert.equal(openState(afternoon)?.[1], "false");
  });

  test("open on an ordinary Tuesday, with the next 14 days listed", async () => {
    const body = await at("2026-11-24T10:00:00+01:00");
    assert.equal(openState(body)?.[1], "true");
    assert.match(openState(body)?.[2] ?? "", /Öppet nu, stänger 16:30/);
    assert.equal((body.match(/<tr[^>]*data-date=/g) ?? []).length, 14);
    assert.match(body, /Gärdhemsvägen 9/);
    assert.match(body, /461 83/);
    assert.match(body, /Måndag–fredag 08:00–16:30/);
    // The next 14 days from 2026-12-20 include julafton and juldagen as special days.
    const christmas = await at("2026-12-20T10:00:00+01:00");
    assert.match(christmas, /data-date="2026-12-24">[^]*?Stängt <span class="vx-reason">\(julafton\)/);
    assert.match(christmas, /data-date="2026-12-25">[^]*?Stängt <span class="vx-reason">\(juldagen\)/i);
  });

  test("Kontakta oss: JSON-LD in the head, the card, fallback for a unit without contacts", async () => {
    const r = await t.app.inject({ method: "GET", url: `/katalog/enheter/${DEMO_IDS.kontaktcenter}` });
    assert.equal(r.statusCode, 200);
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(r.body);
    assert.ok(ld, "JSON-LD present");
    const json = JSON.parse(ld[1]!);
    assert.equal(json["@type"], "GovernmentOrganization");
    assert.match(JSON.stringify(json), /OpeningHoursSpecification/);
    assert.match(r.body, /href="tel:\+46520495000">0520-49 50 00</);
    assert.match(String(r.headers["cache-control"]), /public, max-age=60/);
    const again = await t.app.inject({ method: "GET", url: `/katalog/enheter/${DEMO_IDS.kontaktcenter}`, headers: { "if-none-match": String(r.headers.etag) } });
    assert.equal(again.statusCode, 304);
    const bygglov = await t.app.inject({ method: "GET", url: `/katalog/enheter/${DEMO_IDS.kommunstyrelsen}` });
    assert.match(bygglov.body, /inga egna kontaktvägar/);
  });

  test("hostile names are refused on write, and escaped everywhere even if stored", async () => {
    const api = await apiFor(t, await t.token(t.admin.id, ALL_SCOPES));
    const r = await api.send("PUT", `/api/v1/directory/units/${DEMO_IDS.gata}`, { parentId: DEMO_IDS.samhallsbyggnad, kind: "verksamhet", name: "Gata <script>alert(1)</script>", publish: true });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.context.violations[0].ruleId, "invalid-text");
    // Data written before the rule existed (or by hand) must still come out escaped.
    await t.db.pool.query("update dir_unit_versions set name = $1 where org_id = $2 and id = $3", ['Gata & park <i>"x"', t.org.id, DEMO_IDS.gata]);
    t.app.directory.changed(t.org.id);
    for (const url of [`/katalog/enheter/${DEMO_IDS.gata}`, `/embed/directory/units/${DEMO_IDS.gata}/card.html`, `/embed/directory/units/${DEMO_IDS.gata}`, "/katalog"]) {
      const page = await t.app.inject({ method: "GET", url });
      assert.ok(!page.body.includes("<i>"), url);
      assert.match(page.body, /Gata &amp; park &lt;i&gt;&quot;x&quot;/, url);
    }
    await t.db.pool.query("update dir_external_actor_versions set website_url = 'javascript:alert(1)' where org_id = $1", [t.org.id]);
    t.app.directory.changed(t.org.id);
    const service = await t.app.inject({ method: "GET", url: `/katalog/tjanster/${DEMO_IDS.serviceBygglov}` });
    assert.match(service.body, /Länsstyrelsen/);
    assert.doesNotMatch(service.body, /javascript:/, "a stored javascript: URL never becomes a link");
  });

  test("search page finds a service by a stemmed word", async () => {
    const r = await t.app.inject({ method: "GET", url: "/katalog?q=f%C3%B6rskoleplatser" });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(`href="/katalog/tjanster/${DEMO_IDS.serviceForskoleplats}`));
  });

  test("embeds: the snippet has no script; the iframe page may be framed anywhere; where-used is recorded", async () => {
    const snippet = await t.app.inject({ method: "GET", url: `/embed/directory/units/${DEMO_IDS.kontaktcenter}/card.html`, headers: { referer: "https://www.trollhattan.se/kontakt?x=1" } });
    assert.equal(snippet.statusCode, 200);
    assert.ok(!/<script/i.test(snippet.body));
    assert.match(snippet.body, /class="vaxel-card"/);
    const frame = await t.app.inject({ method: "GET", url: `/embed/directory/units/${DEMO_IDS.kontaktcenter}` });
    assert.match(String(frame.headers["content-security-policy"]), /frame-ancestors \*/);
    assert.equal(frame.headers["x-frame-options"], undefined);
    const other = await t.app.inject({ method: "GET", url: `/katalog/enheter/${DEMO_IDS.kontaktcenter}` });
    assert.match(String(other.headers["content-security-policy"]), /frame-ancestors 'self'/, "other pages stay unframeable");
    const js = await t.app.inject({ method: "GET", url: "/embed/directory/vaxel-contact-card.js" });
    assert.match(js.body, /customElements\.define\("vaxel-contact-card"/);
    for (let i = 0; i < 20; i++) {
      const rows = await t.db.pool.query("select host_url, embed from dir_embed_usage where unit_id = $1", [DEMO_IDS.kontaktcenter]);
      if (rows.rowCount) {
        assert.deepEqual(rows.rows[0], { host_url: "https://www.trollhattan.se/kontakt", embed: "html" });
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail("embed use not recorded");
  });
});
