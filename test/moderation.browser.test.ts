// The moderation queue in Chromium: a moderator works 20 items with the
// keyboard only (no mouse), new items arrive live (server-sent events), a
// spam flood goes to a bulk delete, a threat goes from arrival to a police
// package and a ban — and axe finds nothing on any screen.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startEmulators, type Emulators } from "../src/channels/emulators/server.ts";
import { addFacebookTestChannel, type FbTestChannel } from "../src/channels/test-support.ts";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { axe, formatViolations, launchBrowser } from "./helpers/browser.ts";
import { onCleanup } from "./helpers/db.ts";
import { listen } from "./helpers/http-server.ts";

const SUBJECTS = ["bussen", "vädret", "snön", "trafiken", "parkeringen", "kön till vårdcentralen", "regnet", "vägbygget", "grannens hund", "tåget",
  "matchen", "konserten", "festivalen", "hösten", "vintern", "mygget", "biljetten", "cykelbanan", "lekparken", "badstranden"];

describe("moderation in Chromium", () => {
  let t: TestApp;
  let base: string;
  let emu: Emulators;
  let fb: FbTestChannel;
  let postId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let n = 0;

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    base = await listen(t);
    emu = await startEmulators();
    onCleanup(() => emu.close());
    fb = await addFacebookTestChannel(t.db.pool, loadEncryptionKey(t.cfg), { orgId: t.org.id, emulators: emu, callbackUrl: `${base}/webhooks/facebook` });
    postId = emu.facebook.createPost(fb.pageId, "Nu öppnar den nya lekparken i centrum!");
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    const u = await t.user(["moderator"], "moderatorn");
    const { cookie } = await t.login(u.username, u.password);
    await context.addCookies([{ name: "vaxel_session", value: cookie.split("=")[1]!, url: base }]);
  });

  async function comment(message: string, from = { id: `u${++n}`, name: `Invånare ${n}` }) {
    const c = await emu.facebook.comment({ pageId: fb.pageId, postId, from, message });
    return { c, itemId: (await t.db.pool.query<{ id: string }>("select id from captured_items where platform_item_id = $1", [c.id])).rows[0]!.id };
  }
  async function settle() {
    await t.app.channels.analysis.drain();
    await t.app.moderation.runAutomatic();
    for (let i = 0; i < 5; i++) await t.app.channels.outbox.runDue();
  }
  async function assertAccessible(p: Page, name: string) {
    const v = await axe(p);
    assert.equal(v.length, 0, `${name}:\n${formatViolations(v)}`);
  }
  const count = () => page.locator("#queue li.mod-item").count();

  test("20 items worked with the keyboard only; shortcuts visible; axe clean", async () => {
    for (const [i, s] of SUBJECTS.entries()) await comment(`Fy fan vad ${s} suger idag, helt sjukt ${i * 7} gånger.`);
    await settle();
    await page.goto(`${base}/moderation?view=needs_review`);
    assert.equal(await count(), 20);
    assert.match((await page.textContent("#shortcuts")) ?? "", /j\/k/);
    assert.equal(await page.locator("#queue li.mod-item").first().locator("kbd", { hasText: "a" }).count(), 1, "each button shows its key");
    await assertAccessible(page, "queue");
    // The first item has focus; k/j move; a, h, d, e decide and the next item takes focus.
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    const keys = ["a", "h", "d", "e"];
    for (let i = 0; i < 20; i++) {
      const before = await count();
      const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.item ?? null);
      assert.ok(focused, `item ${i} has focus`);
      await page.keyboard.press(keys[i % 4]!);
      await page.waitForFunction((b) => document.querySelectorAll("#queue li.mod-item").length === b - 1, before);
    }
    assert.equal(await count(), 0);
    const d = await t.db.pool.query("select kind, count(*)::int as n from moderation_decisions where actor_id is not null group by kind order by kind");
    assert.deepEqual(d.rows, [{ kind: "delete", n: 5 }, { kind: "escalate", n: 5 }, { kind: "hide", n: 5 }, { kind: "keep", n: 5 }]);
  });

  test("a new comment appears in an open queue without reloading (server-sent events)", async () => {
    await page.goto(`${base}/moderation?view=needs_review`);
    const deadline = Date.now() + 5000;
    while (t.app.moderation.events.listenerCount("queue") < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const { itemId } = await comment("Skit också, jag missade bussen igen.");
    await settle();
    await page.waitForSelector(`#queue li[data-item="${itemId}"]`, { timeout: 5000 });
  });

  test("a spam flood is selected with x and bulk-deleted with B", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await comment("Tjäna 5000 kr om dagen hemifrån!!! Klicka här www.snabba-pengar.example", { id: `bot${i}`, name: `Bot ${i}` })).itemId);
    await settle();
    await page.goto(`${base}/moderation?view=auto_hidden`);
    assert.ok((await count()) >= 8);
    await assertAccessible(page, "auto-hidden view");
    const flood = new Set(ids);
    const total = await count();
    for (let i = 0; i < total; i++) {
      const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.item ?? "");
      if (flood.has(id)) await page.keyboard.press("x");
      await page.keyboard.press("j");
    }
    assert.equal(await page.locator("#queue input[type=checkbox]:checked").count(), 8);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/moderation/bulk")), page.keyboard.press("B")]);
    await page.waitForLoadState();
    await settle();
    const r = await t.db.pool.query("select count(*)::int as n, count(distinct bulk_id)::int as b from moderation_decisions where item_id = any($1::uuid[]) and kind = 'delete' and rule_id = 'spam'", [ids]);
    assert.deepEqual(r.rows[0], { n: 8, b: 1 });
    const fbIds = (await t.db.pool.query<{ platform_item_id: string }>("select platform_item_id from captured_items where id = any($1::uuid[])", [ids])).rows;
    for (const x of fbIds) assert.equal(emu.facebook.comments.get(x.platform_item_id)!.deleted, true);
  });

  test("a flood bigger than a page: 'apply to all N matching' deletes every one server-side, progress shown, every step audited", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await comment(`Tjäna 5000 kr om dagen hemifrån!!! Klicka här www.snabba-pengar.example ${i}`, { id: `flood${i}`, name: `Flood ${i}` })).itemId);
    await settle();
    await page.goto(`${base}/moderation?view=auto_hidden&category=spam&limit=10`);
    assert.equal(await count(), 10, "one page of ten");
    assert.equal(await page.locator("#queue-next").count(), 1, "a next page");
    const all = page.locator("#bulk-all");
    assert.match((await all.textContent()) ?? "", /alla 30 som matchar/);
    await assertAccessible(page, "queue with paging and apply-to-all");
    // Keyboard only: focus moves to the button with Tab from the reason field.
    await page.focus("#bulk input[name=reason]");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "bulk-all");
    await Promise.all([page.waitForURL(/\/moderation\/bulk-jobs\//), page.keyboard.press("Enter")]);
    await assertAccessible(page, "bulk job");
    await page.waitForSelector("#bulk-status[data-finished='1']", { timeout: 30_000 });
    assert.match((await page.textContent("#bulk-status")) ?? "", /Klart: 30 utförda, 0 lämnade/);
    const jobId = page.url().split("/").at(-1)!;
    await settle();
    const d = await t.db.pool.query("select count(*)::int as n from moderation_decisions where bulk_id = $1 and kind = 'delete' and rule_id = 'spam' and legal_basis = 'page-rule'", [jobId]);
    assert.equal(d.rows[0].n, 30);
    const fbIds = (await t.db.pool.query<{ platform_item_id: string }>("select platform_item_id from captured_items where id = any($1::uuid[])", [ids])).rows;
    for (const x of fbIds) assert.equal(emu.facebook.comments.get(x.platform_item_id)!.deleted, true, "deleted on the platform");
    const audit = await t.db.pool.query<{ action: string }>("select action from audit_events where target_id = $1 order by seq", [jobId]);
    assert.deepEqual([...new Set(audit.rows.map((r) => r.action))], ["moderation.bulk.started", "moderation.delete", "moderation.bulk.finished"]);
    // The records: each decision is archived in the moderation stream.
    const archived = await t.db.pool.query("select count(*)::int as n from archive_entries e join moderation_decisions d on d.id::text = e.record_id where e.stream = 'moderation.decisions' and d.bulk_id = $1", [jobId]);
    assert.equal(archived.rows[0].n, 30);
  });

  test("a threat: escalated on arrival, r makes the police package, the item page bans; axe clean on every screen", async () => {
    const author = { id: "u-hot", name: "Örjan Hotare" };
    const old1 = await comment("Jag ska döda dig.", author);
    const old2 = await comment("Vi vet var du bor, akta dig.", author);
    await settle();
    for (const x of [old1, old2]) {
      await t.app.inject({ method: "POST", url: `/moderation/items/${x.itemId}/decisions`, headers: { authorization: `Bearer ${await t.token(t.admin.id, ["moderation:decide"])}`, "content-type": "application/json", accept: "application/json" }, payload: JSON.stringify({ kind: "hide", ruleId: "threat", legalBasis: "bbs-5" }) });
    }
    const { itemId } = await comment("Jag ska döda dig när du går hem ikväll.", author);
    await settle();
    await page.goto(`${base}/moderation?view=escalated`);
    await assertAccessible(page, "escalated view");
    // Move focus to the threat with j, then r.
    for (let i = 0; i < 30; i++) {
      const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.item ?? "");
      if (id === itemId) break;
      await page.keyboard.press("j");
    }
    await page.keyboard.press("r");
    await page.waitForFunction((id) => !document.querySelector(`#queue li[data-item="${id}"]`), itemId);
    const report = (await t.db.pool.query<{ id: string }>("select id from police_reports where item_id = $1", [itemId])).rows[0]!;
    await page.goto(`${base}/moderation/police-reports/${report.id}`);
    await assertAccessible(page, "police report");
    await page.selectOption("#status", "sent");
    await page.fill("#caseNumber", "5000-K987654-26");
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/status")), page.keyboard.press("Enter")]);
    await page.waitForSelector("text=5000-K987654-26");
    assert.match((await page.textContent("main")) ?? "", /5000-K987654-26/);
    const pdf = await page.request.get(`${base}/moderation/police-reports/${report.id}/package.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), "%PDF-");

    await page.goto(`${base}/moderation/items/${itemId}`);
    await assertAccessible(page, "item page");
    assert.match((await page.textContent("main")) ?? "", /Avstängning föreslås/);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/decisions")), page.click("button[name=kind][value=ban]")]);
    await page.waitForLoadState();
    await settle();
    assert.ok(emu.facebook.blocked.get(fb.pageId)!.has("u-hot"));
    await page.goto(`${base}/moderation/items/${itemId}/render`);
    await assertAccessible(page, "render");
    await page.goto(`${base}/moderation/blocklist`);
    assert.match((await page.textContent("main")) ?? "", /Örjan Hotare/);
    await assertAccessible(page, "block list");
    const audit = await t.db.pool.query<{ action: string }>("select action from audit_events where target_id = $1 or target_id = $2 order by seq", [itemId, report.id]);
    const actions = audit.rows.map((r) => r.action);
    for (const a of ["moderation.hide", "moderation.escalate", "moderation.report_police", "moderation.police_report.created", "moderation.police_report.status", "moderation.ban"]) assert.ok(actions.includes(a), `${a} in ${actions.join(",")}`);
    // And in the records: the decisions, the police report with its status events and the block-list entry, each archived in its stream.
    const streams = await t.db.pool.query<{ stream: string }>(
      `select distinct e.stream from archive_entries e where e.record_id in (
         select id::text from moderation_decisions where item_id = $1 union all select id::text from police_reports where item_id = $1
         union all select b.id::text from moderation_bans b join moderation_decisions d on d.id = b.decision_id where d.item_id = $1)
       or (e.stream = 'moderation.police-report-events' and e.payload->>'report_id' = $2) order by 1`, [itemId, report.id]);
    assert.deepEqual(streams.rows.map((r) => r.stream), ["moderation.blocklist", "moderation.decisions", "moderation.police-report-events", "moderation.police-reports"]);
  });

  test("the other screens are axe clean: appeals, notices, supervision, the public appeal form, English", async () => {
    for (const url of ["/moderation/appeals", "/moderation/notifications", "/moderation/supervision", "/moderation/police-reports", "/moderation?view=pending_confirmation&lang=en", "/moderation?view=questions",
      "/moderation/analytics", "/moderation/analytics?from=2025-01-01&granularity=auto", "/moderation/analytics?lang=en"]) {
      await page.goto(`${base}${url}`);
      await assertAccessible(page, url);
    }
    const adminCtx = await browser.newContext();
    const { cookie } = await t.login(t.admin.username, t.admin.password);
    await adminCtx.addCookies([{ name: "vaxel_session", value: cookie.split("=")[1]!, url: base }]);
    const ap = await adminCtx.newPage();
    await ap.goto(`${base}/moderation/settings`);
    assert.match((await ap.textContent("h1")) ?? "", /Inställningar/);
    await assertAccessible(ap, "settings");
    await adminCtx.close();
    const token = (await t.db.pool.query<{ appeal_token: string }>("select appeal_token from moderation_notifications limit 1")).rows[0]!.appeal_token;
    const anon = await browser.newContext();
    const p = await anon.newPage();
    await p.goto(`${base}/overklaga/${token}`);
    await assertAccessible(p, "public appeal form");
    await p.fill("#body", "Jag menade inget illa, det var ett citat.");
    await Promise.all([p.waitForResponse((r) => r.request().method() === "POST"), p.click("button[type=submit]")]);
    await p.waitForSelector("text=mottaget");
    assert.match((await p.textContent("main")) ?? "", /mottaget/);
    await assertAccessible(p, "appeal received");
    await anon.close();
  });
});
