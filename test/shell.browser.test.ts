// The web shell in a real browser: sign in with the keyboard only, the
// dashboard, navigation, the audit page with filters, the language switch;
// axe-core finds no violations on any page.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { axe, formatViolations, launchBrowser } from "./helpers/browser.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { listen } from "./helpers/http-server.ts";

describe("web shell in Chromium", () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;

  before(async () => {
    t = await buildTestApp();
    base = await listen(t);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  });

  async function assertAccessible(name: string) {
    const v = await axe(page);
    assert.equal(v.length, 0, `${name}:\n${formatViolations(v)}`);
  }

  test("login page: Swedish, accessible, keyboard-only sign-in", async () => {
    await page.goto(`${base}/audit`);
    assert.match(page.url(), /\/login\?next=%2Faudit/);
    assert.equal(await page.getAttribute("html", "lang"), "sv");
    await assertAccessible("login");
    // Keyboard only: skip link, then the form fields.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Hoppa till huvudinnehåll");
    await page.focus("#username");
    await page.keyboard.type("admin");
    await page.keyboard.press("Tab");
    await page.keyboard.type("wrong-password-000");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#login-error");
    assert.match((await page.textContent("#login-error")) ?? "", /Fel användarnamn eller lösenord/);
    await assertAccessible("login with error");
    await page.fill("#password", t.admin.password);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/audit`);
  });

  test("audit page: events, filters, chain check; accessible", async () => {
    assert.match((await page.textContent("h1")) ?? "", /Granskningslogg/);
    assert.ok((await page.locator("tbody tr").count()) >= 1);
    await assertAccessible("audit");
    await page.fill("#f-action", "session.login");
    await page.click("button[type=submit] >> text=Filtrera");
    await page.waitForURL(/action=session.login/);
    const actions = await page.locator("tbody tr td:nth-child(4)").allTextContents();
    assert.ok(actions.length >= 1 && actions.every((a) => a === "session.login"));
    await page.click("text=Kontrollera kedjan");
    await page.waitForSelector(".ok");
    assert.match((await page.textContent(".ok")) ?? "", /Kedjan är obruten/);
    await assertAccessible("audit verified");
  });

  test("dashboard and the English switch; accessible in both languages", async () => {
    await page.goto(`${base}/`);
    assert.match((await page.textContent("h1")) ?? "", /Översikt/);
    await assertAccessible("dashboard sv");
    await page.click("text=English");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.match((await page.textContent("h1")) ?? "", /Dashboard/);
    await assertAccessible("dashboard en");
    await page.goto(`${base}/audit`);
    assert.match((await page.textContent("h1")) ?? "", /Audit log/, "the choice is remembered");
    await page.click("text=Svenska");
    assert.equal(await page.getAttribute("html", "lang"), "sv");
  });

  test("sign out returns to the login page", async () => {
    await page.click("button:has-text('Logga ut')");
    await page.waitForURL(`${base}/login`);
    await page.goto(`${base}/`);
    assert.match(page.url(), /\/login/);
  });

  test("API documentation renders at /api/docs", async () => {
    const res = await page.goto(`${base}/api/docs`);
    assert.equal(res?.status(), 200);
    await page.waitForSelector(".swagger-ui", { timeout: 15000 });
    const spec = (await (await fetch(`${base}/api/docs/json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(spec.openapi, "3.1.0");
    assert.ok(spec.paths["/api/v1/users"]);
  });
});
