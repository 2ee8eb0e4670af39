// The registrar's day in Chromium, every screen axe-clean: search with
// masked personal data, register a hidden comment from the register page,
// and answer "all comments on the swimming-hall post in May" with the
// personnummer redacted — all with plain forms; flag a search result, create
// a diary series, register a letter without an item (errors shown on the
// page, in Swedish), withhold a passage by hand; the e-archive page.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { seedDemoDirectory } from "../src/directory/demo-seeder.ts";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import { runSnapshots } from "../src/records/export/export-archive.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { axe, formatViolations, launchBrowser } from "./helpers/browser.ts";
import { listen } from "./helpers/http-server.ts";

describe("records in Chromium", () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;

  before(async () => {
    t = await buildTestApp();
    base = await listen(t);
    const seeded = await seedCapturedComments(t.db.pool, randomBytes(32), {
      orgId: t.org.id,
      comments: [
        { id: "p1", kind: "post", text: "Simhallen öppnar igen i maj!", author: "Staden", at: "2026-04-28T08:00:00Z" },
        { id: "c1", postId: "p1", text: "Äntligen! Vilka öppettider gäller?", author: "Anna Svensson", at: "2026-05-02T10:00:00Z" },
        { id: "c2", postId: "p1", text: "Mitt personnummer är 19121212-1212, varför fick jag inget kort?", author: "Bo Ek", at: "2026-05-03T11:00:00Z" },
      ],
    });
    const v2 = seeded.created.find((v) => v.platformItemId === "c2")!;
    await t.db.pool.query(`insert into item_analyses (org_id, version_id, item_id, channel_id, page_rules_version, analyzer_version, labels, action, findings)
                           values ($1, $2, $3, $4, 'default-1', 'test', '{personal_data}', 'hide', '[]')`, [t.org.id, v2.versionId, v2.itemId, v2.channelId]);
    await t.db.pool.query(`insert into moderation_decisions (org_id, item_id, channel_id, version_id, kind, rule_id, legal_basis, actor_label)
                           values ($1, $2, $3, $4, 'hide', 'personal_data', 'page-rule', 'moderator1')`, [t.org.id, v2.itemId, v2.channelId, v2.versionId]);
    await t.db.pool.query("insert into diary_series (org_id, code, name) values ($1, 'KS', 'Kommunstyrelsen')", [t.org.id]);
    await seedDemoDirectory(t.db.pool, t.org.id); // units for the registration forms
    const u = await t.user(["registrar"]);
    const { cookie } = await t.login(u.username, u.password);
    browser = await launchBrowser();
    const ctx = await browser.newContext();
    const [name, value] = cookie.split("=") as [string, string];
    await ctx.addCookies([{ name, value, url: base }]);
    page = await ctx.newPage();
  });

  async function assertAccessible(name: string) {
    const v = await axe(page);
    assert.equal(v.length, 0, `${name}:\n${formatViolations(v)}`);
  }

  test("search: stemmed matches marked, personnummer masked, accessible", async () => {
    await page.goto(`${base}/records/search`);
    await assertAccessible("search form");
    await page.fill("#q", "simhall");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=simhall/);
    assert.match((await page.textContent("main")) ?? "", /Simhallen/);
    await page.goto(`${base}/records/search?q=personnummer`);
    const text = (await page.textContent("main")) ?? "";
    assert.match(text, /\[personnummer\]/);
    assert.doesNotMatch(text, /19121212-1212/);
    await assertAccessible("search results");
  });

  test("register: the hidden comment with personal data is registered from the page", async () => {
    await page.goto(`${base}/records/register`);
    await assertAccessible("register with candidates");
    assert.equal(await page.inputValue("#secrecy-0"), "Sekretess enligt 21 kap. 7 § OSL");
    await page.click("form[action='/records/register'] button[type=submit]");
    await page.waitForURL(`${base}/records/register`);
    assert.match((await page.textContent("main")) ?? "", /KS 2026\/00001/);
    await assertAccessible("register with an entry");
  });

  const alertText = async () => (await page.textContent("[role=alert]")) ?? "";

  test("search: a registrar flags a result for registration; it waits on the register page", async () => {
    await page.goto(`${base}/records/search?q=${encodeURIComponent("öppettider")}`);
    await assertAccessible("search results with flag forms");
    const row = page.locator("tr", { hasText: "Vilka öppettider" });
    await row.locator("input[name=reason]").fill("Fråga om öppettider som ska besvaras");
    await row.locator("button", { hasText: "Flagga för diarieföring" }).click();
    await page.waitForURL(/\/records\/search\?q=/);
    assert.match((await page.locator("tr", { hasText: "Vilka öppettider" }).textContent()) ?? "", /Flaggad/);
    const flags = await t.db.pool.query("select reason from registration_flags where org_id = $1", [t.org.id]);
    assert.deepEqual(flags.rows.map((r) => r.reason), ["Fråga om öppettider som ska besvaras"]);
    await page.goto(`${base}/records/register`);
    assert.match((await page.locator("ul.candidates li", { hasText: "Vilka öppettider" }).textContent()) ?? "", /flaggad av registrator/);
  });

  test("register: a new diary series and a letter without an item, refused input explained on the page", async () => {
    await page.goto(`${base}/records/register`);
    // A series that exists: the page comes back with the reason.
    await page.fill("#s-code", "KS");
    await page.fill("#s-name", "Kommunstyrelsen igen");
    await page.click("button >> text=Lägg upp serien");
    assert.match(await alertText(), /Uppgiften finns redan/);
    await assertAccessible("register with a refused series");
    await page.fill("#s-code", "BN");
    await page.fill("#s-name", "Bygg- och miljönämnden");
    await page.selectOption("#s-unit", { index: 1 });
    await page.click("button >> text=Lägg upp serien");
    await page.waitForURL(`${base}/records/register#series`);
    assert.match((await page.textContent("main")) ?? "", /BN – Bygg- och miljönämnden/);

    // A letter: no item, so sender and date received are needed; the subject must not carry a personnummer.
    await page.selectOption("#m-series", "KS");
    await page.fill("#m-subject", "Brev om simhallens öppettider");
    await page.fill("#m-received", "2026-05-04");
    await page.click("form[action='/records/register/manual'] button[type=submit]");
    assert.match(await alertText(), /Avsändare: Uppgifterna är inte giltiga/);
    assert.equal(await page.inputValue("#m-subject"), "Brev om simhallens öppettider"); // what was typed is kept
    await assertAccessible("register with a refused manual registration");
    await page.fill("#m-sender", "Anna Svensson");
    await page.fill("#m-subject", "Brev från 19121212-1212");
    await page.click("form[action='/records/register/manual'] button[type=submit]");
    assert.match(await alertText(), /Ärendemeningen får inte innehålla känsliga uppgifter/);
    await page.fill("#m-subject", "Brev om simhallens öppettider");
    const unit = await page.locator("#m-unit option").nth(1);
    const [unitId, unitName] = [await unit.getAttribute("value"), await unit.textContent()];
    await page.selectOption("#m-unit", unitId!);
    await page.fill("#m-secrecy", "");
    await page.fill("#m-matter", "KS 2026/00001");
    await page.click("form[action='/records/register/manual'] button[type=submit]");
    await page.waitForURL(`${base}/records/register`);
    const row = (await page.locator("tr", { hasText: "Brev om simhallens öppettider" }).textContent()) ?? "";
    assert.match(row, /KS 2026\/00002/);
    assert.match(row, /2026-05-04/);
    assert.match(row, /Anna Svensson/);
    assert.match(row, /manuell/);
    const reg = await t.db.pool.query("select item_id, unit_id, matter from registrations where org_id = $1 and diary_number = 'KS 2026/00002'", [t.org.id]);
    assert.deepEqual(reg.rows[0], { item_id: null, unit_id: unitId, matter: "KS 2026/00001" });
    assert.ok(unitName);
    await assertAccessible("register with a manual entry");
  });

  test("records request: comments on the swimming-hall post in May, personnummer withheld", async () => {
    await page.goto(`${base}/records/requests`);
    await assertAccessible("requests list");
    await page.fill("#description", "Alla kommentarer på inlägget om simhallen i maj");
    await page.click("button[type=submit] >> text=Skapa");
    await page.waitForURL(/\/records\/requests\/[0-9a-f-]{36}$/);
    await page.fill("#postQuery", "simhallen");
    await page.fill("#rfrom", "2026-05-01");
    await page.fill("#rto", "2026-05-31");
    await page.click("button >> text=Lägg till");
    await page.waitForSelector("mark.redaction-proposed");
    await assertAccessible("request with proposals");
    // Kinds as words, not codes.
    assert.match((await page.locator("ol.request-items > li p.muted").first().textContent()) ?? "", / · kommentar · /);
    await page.click("button >> text=Undanta");
    await page.waitForSelector("mark.redaction-confirmed");
    // By hand: a passage the analyzer did not propose, as written in the record.
    const item = page.locator("ol.request-items > li", { hasText: "Vilka öppettider" });
    await item.locator("summary").click();
    await item.locator("input[name=passage]").fill("finns inte här");
    await item.locator("button", { hasText: "Undanta passagen" }).click();
    assert.match(await alertText(), /Texten finns inte i handlingen/);
    await assertAccessible("request with a refused hand-made redaction");
    const again = page.locator("ol.request-items > li", { hasText: "Vilka öppettider" });
    await again.locator("summary").click();
    await again.locator("input[name=passage]").fill("Vilka öppettider");
    await again.locator("input[name=kindSv]").fill("fråga");
    await again.locator("button", { hasText: "Undanta passagen" }).click();
    await page.waitForSelector("mark.redaction-confirmed >> text=Vilka öppettider");
    await page.click("button >> text=Bekräfta sekretessprövningen");
    await page.waitForSelector("a[href$='export.pdf']");
    await assertAccessible("confirmed request");
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), `${base}${await page.getAttribute("a[href$='export.csv']", "href")}`);
    assert.match(csv, /\[personnummer undantagen, 21 kap\. 7 § OSL\]/);
    assert.doesNotMatch(csv, /19121212-1212/);
    assert.match(csv, /\[fråga undantagen, 21 kap\. 7 § OSL\]/);
    assert.doesNotMatch(csv, /Vilka öppettider/);
  });

  test("disposal: a rule, its dry run, a run in the log, a legal hold placed and released; accessible", async () => {
    await page.goto(`${base}/records/disposal`);
    await assertAccessible("disposal, empty");
    await page.fill("#keepMonths", "1");
    await page.fill("#planReference", "DHP 1.4.2");
    await page.fill("#ruleDescription", "Kommentarer som inte diarieförts");
    await page.click("button >> text=Lägg till");
    await page.waitForURL(/plan=/);
    // c1 and c2 are in a records request and c2 is registered: nothing may go.
    assert.match((await page.textContent("main")) ?? "", /Provkörning: 0 poster gallras/);
    await page.click("button >> text=Gallra nu");
    await page.waitForSelector("#disposal-log + p + table");
    assert.match((await page.textContent("#disposal-log + p + table")) ?? "", /DHP 1\.4\.2 – Kommentarer som inte diarieförts \(kommentar;/);
    await page.fill("#holdReason", "Överklagande gällande simhallen");
    await page.fill("#holdPost", "p1");
    await page.click("button >> text=Besluta");
    await page.waitForURL(`${base}/records/disposal`);
    assert.match((await page.textContent("main")) ?? "", /Överklagande gällande simhallen/);
    await assertAccessible("disposal with a rule and a hold");
    // Released with a reason: a row of its own; the hold is gone from the active list.
    await page.fill("#release-0", "Överklagandet avgjort");
    await page.click("button >> text=Häv");
    await page.waitForURL(`${base}/records/disposal`);
    assert.match((await page.textContent("main")) ?? "", /Inga aktiva bevarandebeslut/);
    const rel = await t.db.pool.query("select r.reason from legal_hold_releases r join legal_holds h on h.org_id = r.org_id and h.id = r.hold_id where h.org_id = $1 and h.reason = 'Överklagande gällande simhallen'", [t.org.id]);
    assert.deepEqual(rel.rows, [{ reason: "Överklagandet avgjort" }]);
  });

  test("e-archive: the snapshot schedule with last and next snapshot; accessible", async () => {
    await runSnapshots({ pool: t.db.pool, key: loadEncryptionKey(t.cfg) }, { orgId: t.org.id, outDir: fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-archive-page-")), everyMonths: 6, actor: { id: null, label: "test" } });
    await page.goto(`${base}/records/archive`);
    const main = (await page.textContent("main")) ?? "";
    assert.match(main, /Perioden 2026-01-01 – 2026-06-30/);
    assert.match(main, /Nästa ögonblicksbild/);
    await assertAccessible("e-archive");
  });

  // Last: the language choice is remembered for the rest of the session.
  test("in English: the registrar's forms and their errors", async () => {
    await page.goto(`${base}/records/register?lang=en`);
    assert.match((await page.textContent("main")) ?? "", /Register manually/);
    await page.selectOption("#m-series", "KS");
    await page.fill("#m-sender", "Anna Svensson");
    await page.fill("#m-received", "2026-05-05");
    await page.fill("#m-subject", "Letter from 19121212-1212");
    await page.click("form[action='/records/register/manual'] button[type=submit]");
    assert.match(await alertText(), /Subject: The subject line must not contain sensitive data/);
    await assertAccessible("register in English with an error");
    await page.goto(`${base}/records/disposal`);
    assert.match((await page.textContent("#disposal-log + p + table")) ?? "", /\(comment; written before/);
  });
});
