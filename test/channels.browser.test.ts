// "Alla våra sociala kanaler" in Chromium, axe-clean: the city's accounts per
// owning unit with that unit's contact details from the directory, and a
// directory edit showing on the next page load.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { addChannel } from "../src/channels/registry/index.ts";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { axe, formatViolations, launchBrowser } from "./helpers/browser.ts";
import { seedDirectory, type Seeded } from "./helpers/directory.ts";
import { listen } from "./helpers/http-server.ts";

describe("/kanaler in Chromium", () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let dir: Seeded;

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    base = await listen(t);
    dir = await seedDirectory(t);
    const key = loadEncryptionKey(t.cfg);
    const actor = { id: null, label: "test" };
    await addChannel({ pool: t.db.pool, key }, { orgId: t.org.id, platform: "facebook", externalId: "100064500000001", name: "Testkommun",
      url: "https://www.facebook.com/testkommun", unitId: dir.centerId, credentials: { appSecret: "s", verifyToken: "v" }, actor });
    await addChannel({ pool: t.db.pool, key }, { orgId: t.org.id, platform: "youtube", externalId: "UCtestkommun0000000000AA", name: "Testkommun på YouTube",
      url: "https://www.youtube.com/@testkommun", unitId: dir.unitId, credentials: { accessToken: "x" }, actor });
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  test("the accounts per unit with the directory's contact details, axe-clean; an edit in the directory shows on reload", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/kanaler`);
    assert.equal(await page.locator("h1").innerText(), "Alla våra sociala kanaler");
    const centre = page.locator("section", { has: page.locator("h2", { hasText: "Kontaktcenter" }) });
    assert.match(await centre.innerText(), /Facebook: Testkommun/);
    assert.equal(await centre.locator('a[href^="mailto:"]').innerText(), "kontaktcenter@testkommun.se");
    assert.equal(await centre.locator('a[href^="tel:"]').getAttribute("href"), "tel:0313650000");
    // Bygglov has no contacts of its own: the directory routes it to the contact center.
    const bygglov = page.locator("section", { has: page.locator("h2", { hasText: "Bygglov" }) });
    assert.match(await bygglov.innerText(), /YouTube: Testkommun på YouTube[\s\S]*kontaktcenter@testkommun\.se/);
    const v = await axe(page);
    assert.equal(v.length, 0, formatViolations(v));

    const r = await dir.api.send("PUT", `/api/v1/directory/contact-points/${dir.centerEmailId}`, { unitId: dir.centerId, kind: "email", address: "info@testkommun.se", label: "Kontaktcenter", publish: true });
    assert.ok(r.status < 300, JSON.stringify(r.body));
    await page.reload();
    assert.equal(await centre.locator('a[href^="mailto:"]').innerText(), "info@testkommun.se");
    await page.close();
  });
});
