// The directory in Chromium: a published change reaches an open public page
// and an embedded <vaxel-contact-card> on another site within 1 s (server-sent
// events); the editor refuses a personal mailbox inline with its rule id; the
// opening-hours preview shows julafton; axe finds nothing on any page.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_IDS } from "../src/directory/domain/index.ts";
import { seedDemoDirectory } from "../src/directory/demo-seeder.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { axe, formatViolations, launchBrowser } from "./helpers/browser.ts";
import { onCleanup } from "./helpers/db.ts";
import { ALL_SCOPES, apiFor, type Api } from "./helpers/directory.ts";
import { listen } from "./helpers/http-server.ts";

const PHONE_ID = "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1001";

describe("directory in Chromium", () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Api;

  before(async () => {
    t = await buildTestApp();
    await seedDemoDirectory(t.db.pool, t.org.id);
    base = await listen(t);
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    api = await apiFor(t, await t.token(t.admin.id, ALL_SCOPES));
  });

  async function assertAccessible(p: Page, name: string) {
    const v = await axe(p);
    assert.equal(v.length, 0, `${name}:\n${formatViolations(v)}`);
  }

  /** Waits until `n` event streams are subscribed on the server (the page's EventSource connected). */
  async function streamOpen(n: number) {
    const deadline = Date.now() + 5000;
    while (t.app.directory.events.listenerCount("change") < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(t.app.directory.events.listenerCount("change") >= n, "event stream connected");
  }

  async function publishPhone(display: string) {
    const r = await api.send("PUT", `/api/v1/directory/contact-points/${PHONE_ID}`, { unitId: DEMO_IDS.kontaktcenter, kind: "phone", number: display, label: "Kontaktcenter", publish: true });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  test("an open 'Kontakta oss' page shows a published phone number within 1 s", async () => {
    await page.goto(`${base}/katalog/enheter/${DEMO_IDS.kontaktcenter}`);
    assert.equal(await page.getAttribute("html", "lang"), "sv");
    await page.waitForSelector("[data-vaxel-live] a[href='tel:+46520495000']");
    await assertAccessible(page, "Kontakta oss");
    await streamOpen(1);
    const t0 = Date.now();
    await publishPhone("0520-49 51 00");
    await page.waitForSelector("[data-vaxel-live] a[href='tel:+46520495100']", { timeout: 1000 });
    const ms = Date.now() - t0;
    assert.ok(ms <= 1000, `${ms} ms`);
  });

  test("an embedded web component on another site updates live and reports its host page", async () => {
    const host = http.createServer((_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(`<!doctype html><html lang="sv"><head><title>Kommunens webbplats</title></head><body><main><h1>Kontakt</h1>
<vaxel-contact-card unit="${DEMO_IDS.kontaktcenter}"></vaxel-contact-card>
<script src="${base}/embed/directory/vaxel-contact-card.js"></script></main></body></html>`);
    });
    await new Promise<void>((r) => host.listen(0, "127.0.0.1", r));
    onCleanup(() => new Promise((r) => host.close(r)));
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/kontakt`;
    const p = await context.newPage();
    await p.goto(hostUrl);
    const phoneText = () => p.evaluate(() => document.querySelector("vaxel-contact-card")?.shadowRoot?.querySelector("li[data-kind=phone] a")?.textContent ?? "");
    await p.waitForFunction(() => !!document.querySelector("vaxel-contact-card")?.shadowRoot?.querySelector("li[data-kind=phone] a"));
    assert.equal(await phoneText(), "0520-49 51 00");
    await assertAccessible(p, "host page with the component");
    await streamOpen(2);
    const t0 = Date.now();
    await publishPhone("0520-49 52 00");
    await p.waitForFunction(() => document.querySelector("vaxel-contact-card")?.shadowRoot?.querySelector("li[data-kind=phone] a")?.textContent === "0520-49 52 00", undefined, { timeout: 1000 });
    assert.ok(Date.now() - t0 <= 1000);
    const used = await t.db.pool.query("select host_url from dir_embed_usage where unit_id = $1 and embed = 'json'", [DEMO_IDS.kontaktcenter]);
    assert.deepEqual(used.rows.map((r: { host_url: string }) => r.host_url), [hostUrl]);
    await p.close();
  });

  test("the contact center page is accessible", async () => {
    await page.goto(`${base}/katalog/kontaktcenter?at=2026-12-24T10:00:00%2B01:00`);
    assert.match((await page.textContent(".vx-open-state")) ?? "", /Stängt \(julafton\)/);
    await assertAccessible(page, "Kontaktcenter");
    await page.goto(`${base}/katalog?q=bygglov`);
    await assertAccessible(page, "search");
  });

  test("editor: a personal mailbox is refused inline (personal-contact), by keyboard, accessibly", async () => {
    const { cookie } = await t.login(t.admin.username, t.admin.password);
    await context.addCookies([{ name: "vaxel_session", value: cookie.split("=")[1]!, url: base }]);
    await page.goto(`${base}/directory`);
    assert.match((await page.textContent("h1")) ?? "", /Kontaktkatalog/);
    await assertAccessible(page, "editor overview");
    await page.goto(`${base}/directory/contact-points/new?unit=${DEMO_IDS.bygglov}`);
    await assertAccessible(page, "new contact point");
    await page.focus("#f-address");
    await page.keyboard.type("anna.svensson@trollhattan.se");
    await page.focus("button[value=draft]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#violations");
    assert.match((await page.textContent("#violations")) ?? "", /personal-contact/);
    assert.match((await page.textContent("#f-address-err")) ?? "", /personal-contact/);
    assert.equal(await page.getAttribute("#f-address", "aria-invalid"), "true");
    assert.equal(await page.inputValue("#f-address"), "anna.svensson@trollhattan.se", "the input is kept");
    await assertAccessible(page, "refused form");
    await page.fill("#f-address", "bygglov.service@trollhattan.se");
    await page.click("button[value=publish]");
    await page.waitForSelector("p.ok");
    assert.match((await page.textContent("p.ok")) ?? "", /publicerad/);
    await assertAccessible(page, "contact point page");
  });

  test("editor: opening hours with a 14-day preview including julafton; review queue; history", async () => {
    await page.goto(`${base}/directory/hours/units/${DEMO_IDS.kontaktcenter}?from=2026-12-20`);
    await assertAccessible(page, "opening hours");
    assert.match((await page.textContent("tr[data-date='2026-12-24']")) ?? "", /Stängt \(julafton\)/);
    await page.fill("#f-exceptions", "2026-12-23 08:00-12:00 kortare dag");
    await page.click("button[value=preview]");
    await page.waitForSelector("#preview");
    assert.match((await page.textContent("tr[data-date='2026-12-23']")) ?? "", /08:00–12:00/);
    await page.goto(`${base}/directory/review`);
    await assertAccessible(page, "review queue");
    assert.match((await page.textContent("table")) ?? "", /samhallsbyggnad@trollhattan\.se/);
    await page.click("button[aria-label*='Samhällsbyggnadsförvaltningen']");
    await page.waitForSelector("p.ok");
    assert.doesNotMatch((await page.textContent("main")) ?? "", /samhallsbyggnad@trollhattan\.se/);
    await page.goto(`${base}/directory/history/contact-points/${PHONE_ID}`);
    await assertAccessible(page, "history");
    assert.match((await page.textContent("main")) ?? "", /Telefonnummer/);
    await page.goto(`${base}/directory/publish`);
    await assertAccessible(page, "publish");
    await page.goto(`${base}/directory/profile`);
    await assertAccessible(page, "profile");
  });

  test("editor: unit, service and external actor screens; an external actor has nowhere to put a phone", async () => {
    await page.goto(`${base}/directory/units/${DEMO_IDS.kontaktcenter}`);
    await assertAccessible(page, "unit");
    assert.match((await page.textContent("main")) ?? "", /kontaktcenter@trollhattan\.se/);
    await page.goto(`${base}/directory/services/${DEMO_IDS.serviceForskoleplats}`);
    await assertAccessible(page, "service");
    assert.match((await page.textContent("main")) ?? "", /hänvisas till Kontaktcenter – en väg in/);
    // A draft shows its state and can be thrown away.
    await page.fill("#f-description", "Ett utkast");
    await page.click("button[value=draft]");
    await page.waitForSelector("text=Opublicerat utkast");
    await assertAccessible(page, "service with a draft");
    await page.click("button:has-text('Kasta utkastet')");
    await page.waitForSelector("p.ok");
    assert.doesNotMatch((await page.textContent("main")) ?? "", /Opublicerat utkast/);
    await page.goto(`${base}/directory/import`);
    await assertAccessible(page, "import");
    await page.fill("#f-content", "type,name,contact_kind,value,website\nexternal_actor,Trafikverket,phone,0771-921 921,https://www.trafikverket.se/\n");
    await page.click("button[value=check]");
    await page.waitForSelector("#violations");
    assert.match((await page.textContent("table")) ?? "", /rad 2\s*external-contact/);
    await assertAccessible(page, "import refused");
    await page.goto(`${base}/directory/external-actors/new`);
    await assertAccessible(page, "new external actor");
    // English when the person chooses it, with the rule's English message.
    await page.goto(`${base}/directory/contact-points/new?unit=${DEMO_IDS.bygglov}&lang=en`);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.fill("#f-address", "anna.svensson@trollhattan.se");
    await page.click("button[value=draft]");
    await page.waitForSelector("#violations");
    assert.match((await page.textContent("#violations")) ?? "", /Nothing was saved[^]*personal-contact/);
    await assertAccessible(page, "refused form in English");
    await page.goto(`${base}/directory?lang=sv`);
    await page.goto(`${base}/directory/external-actors/new`);
    const inputs = await page.locator("form[action='/directory/external-actors/new'] :is(input, textarea, select):not([type=hidden]):not([name=effectiveAt])").evaluateAll((els) => els.map((e) => e.getAttribute("name")));
    assert.deepEqual(inputs, ["name", "websiteUrl", "description"]);
  });
});
