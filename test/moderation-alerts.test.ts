// Active supervision alerts (BBS-lagen §4, issue #6): the runtime checks for
// unreviewed comments older than the review limit in working time (the
// directory's opening hours: the demo contact center, Mon–Fri 08:00–16:30)
// and tells open moderation pages — a banner on every page, live over
// server-sent events, and the alert API. A moved clock and a small limit make
// the working-time rule visible: a weekend does not count.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { seedDemoDirectory } from "../src/directory/index.ts";
import { createModerationRuntime } from "../src/moderation/runtime.ts";
import { addBareChannel, seedAnalysedItems, testFinding } from "../src/moderation/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { listen } from "./helpers/http-server.ts";

const FRIDAY_1600 = new Date("2026-11-20T15:00:00Z"); // 16:00 in Stockholm, 30 minutes before closing

describe("moderation: overdue-review alerts", () => {
  let t: TestApp;
  let base: string;
  let channelId: string;
  let mod: { cookie: string; csrf: string };
  let registrar: { cookie: string };
  const ctl = new AbortController();

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    base = await listen(t);
    await seedDemoDirectory(t.db.pool, t.org.id);
    await t.db.pool.query("insert into moderation_settings (org_id, review_limit_minutes) values ($1, 120) on conflict (org_id) do update set review_limit_minutes = 120", [t.org.id]);
    channelId = await addBareChannel(t.db.pool, t.org.id, "Larmsidan");
    const u = await t.user(["moderator"], "alertmod");
    mod = await t.login(u.username, u.password);
    const r = await t.user(["registrar"], "alertregistrar");
    registrar = await t.login(r.username, r.password);
  });
  after(() => ctl.abort());

  test("working time, not the clock: a Friday-afternoon comment is overdue on Monday morning, not over the weekend", async () => {
    const [itemId] = await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 1, text: () => "Köp billiga klockor här", labels: ["spam"], action: "review", findings: [testFinding("spam")], at: () => FRIDAY_1600 });
    let now = new Date("2026-11-21T11:00:00Z"); // Saturday noon: 20 hours by the clock, 30 working minutes
    const rt = createModerationRuntime({ pool: t.db.pool, publicUrl: "http://localhost", clock: () => now, overdueCheckMs: 60_000 });
    const heard: { orgId: string; count: number }[] = [];
    rt.events.on("alert", (e: { orgId: string; count: number }) => heard.push(e));

    assert.equal((await rt.checkOverdue()).find((a) => a.orgId === t.org.id)!.count, 0);
    now = new Date("2026-11-23T07:20:00Z"); // Monday 08:20: 30 + 20 working minutes
    assert.equal((await rt.overdue(t.org.id)).count, 0, "cached within the check interval");
    assert.equal((await rt.checkOverdue()).find((a) => a.orgId === t.org.id)!.count, 0);
    assert.deepEqual(heard, [], "nothing to announce yet");

    now = new Date("2026-11-23T09:00:00Z"); // Monday 10:00: 30 + 120 working minutes > the limit of 120
    const a = (await rt.checkOverdue()).find((x) => x.orgId === t.org.id)!;
    assert.equal(a.count, 1);
    assert.equal(a.items[0]!.itemId, itemId);
    assert.equal(Math.round(a.items[0]!.workingMinutes), 150);
    assert.deepEqual(heard, [{ orgId: t.org.id, count: 1, limitMinutes: 120 }]);

    // A person reviews it: the next look (marked stale by the change) clears the alert and says so.
    const keep = await t.app.inject({ method: "POST", url: `/moderation/items/${itemId}/decisions`, headers: { cookie: mod.cookie, "x-csrf-token": mod.csrf, accept: "application/json", "content-type": "application/json" }, payload: JSON.stringify({ kind: "keep", ruleId: "spam" }) });
    assert.equal(keep.statusCode, 201, keep.body);
    rt.changed(t.org.id, [itemId!]);
    assert.equal((await rt.overdue(t.org.id)).count, 0);
    assert.deepEqual(heard.at(-1), { orgId: t.org.id, count: 0, limitMinutes: 120 });
  });

  test("without a periodic check (0 seconds) every look computes: an item ages into overdue with nothing else changing", async () => {
    const channelId = await addBareChannel(t.db.pool, t.org.id, "Larmsidan utan schema");
    const friday = new Date("2026-11-27T15:00:00Z"); // the next Friday, 16:00 in Stockholm
    const [itemId] = await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 1, text: () => "Billiga lån utan UC", labels: ["spam"], action: "review", findings: [testFinding("spam")], at: () => friday });
    let now = new Date("2026-11-30T07:20:00Z"); // Monday 08:20: 50 working minutes
    const rt = createModerationRuntime({ pool: t.db.pool, publicUrl: "http://localhost", clock: () => now, overdueCheckMs: 0 });
    const mine = async () => (await rt.overdue(t.org.id)).items.filter((i) => i.channelName === "Larmsidan utan schema").length;
    assert.equal(await mine(), 0);
    now = new Date("2026-11-30T09:00:00Z"); // Monday 10:00: 150 working minutes
    assert.equal(await mine(), 1);
    // Reviewed, so the next test starts from a clean count.
    const keep = await t.app.inject({ method: "POST", url: `/moderation/items/${itemId}/decisions`, headers: { cookie: mod.cookie, "x-csrf-token": mod.csrf, accept: "application/json", "content-type": "application/json" }, payload: JSON.stringify({ kind: "keep", ruleId: "spam" }) });
    assert.equal(keep.statusCode, 201, keep.body);
  });

  test("every moderation page carries the banner, the API lists the items, and open pages hear it live", async () => {
    const res = await fetch(`${base}/moderation/events`, { headers: { cookie: mod.cookie }, signal: ctl.signal });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    const [old] = await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 1, text: () => "Gratis pengar, klicka här", labels: ["spam"], action: "review", findings: [testFinding("spam")], at: () => new Date(Date.now() - 10 * 86_400_000) });
    await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 1, text: () => "Ny kommentar", labels: ["spam"], action: "review", findings: [testFinding("spam")] });

    await t.app.moderation.checkOverdue();
    let buf = "";
    const dec = new TextDecoder();
    const deadline = Date.now() + 10_000;
    while (!/event: alert\ndata: \{"count":1\}/.test(buf) && Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 2000))]);
      if (!chunk || chunk.done) break;
      buf += dec.decode(chunk.value, { stream: true });
    }
    assert.match(buf, /event: alert\ndata: \{"count":1\}/, "the open page is told the new count");

    const api = await t.app.inject({ method: "GET", url: "/api/v1/moderation/alerts", headers: { cookie: mod.cookie, accept: "application/json" } });
    assert.equal(api.statusCode, 200);
    const body = api.json() as { overdue: number; limitMinutes: number; items: { itemId: string; workingMinutes: number }[] };
    assert.equal(body.overdue, 1);
    assert.equal(body.limitMinutes, 120);
    assert.deepEqual(body.items.map((i) => i.itemId), [old]);

    for (const url of ["/moderation", "/moderation/blocklist", "/moderation/supervision", `/moderation/items/${old}`]) {
      const page = await t.app.inject({ method: "GET", url, headers: { cookie: mod.cookie } });
      assert.equal(page.statusCode, 200, url);
      assert.match(page.body, /<div id="mod-alert" class="mod-alert" role="status"[^>]*><p class="warn">1 ogranskade kommentarer har väntat längre än gränsen i arbetstid\. <a href="\/moderation\/supervision">/, url);
    }
    const en = await t.app.inject({ method: "GET", url: "/moderation?lang=en", headers: { cookie: mod.cookie } });
    assert.match(en.body, /1 unreviewed comments have waited longer than the limit in working time\./);
    const js = await t.app.inject({ method: "GET", url: "/moderation/assets/alert.js" });
    assert.match(js.body, /addEventListener\("alert"/);

    // Without moderation rights: no banner on the pages they may read, and no alert API.
    const reg = await t.app.inject({ method: "GET", url: "/moderation/blocklist", headers: { cookie: registrar.cookie } });
    assert.equal(reg.statusCode, 200);
    assert.doesNotMatch(reg.body, /mod-alert/);
    const regApi = await t.app.inject({ method: "GET", url: "/api/v1/moderation/alerts", headers: { cookie: registrar.cookie, accept: "application/json" } });
    assert.equal(regApi.statusCode, 403);
    await reader.cancel();
  });
});
