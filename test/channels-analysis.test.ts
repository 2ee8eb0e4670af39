// Analysis after capture with its real inputs, through the HTTP stack and
// PostgreSQL: the page-rules version a channel is bound to (recorded with the
// analysis), the organisation profile from the published directory (updated
// when the directory changes), analysis on worker threads that survives a
// killed thread, and channel contact details taken from the directory.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { createChannelsRuntime } from "../src/channels/index.ts";
import { addChannel, bindChannelPageRules, publishPageRules } from "../src/channels/registry/index.ts";
import { metaJson } from "../src/channels/emulators/meta-json.ts";
import { addFacebookTestChannel, type FbTestChannel } from "../src/channels/test-support.ts";
import { signBody } from "../src/channels/webhooks/signature.ts";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { seedDirectory, type Seeded } from "./helpers/directory.ts";

const actor = { id: null, label: "test" };

describe("channels: analysis with the channel's page rules and the directory's profile, on threads", () => {
  let t: TestApp;
  let key: Buffer;
  let fb: FbTestChannel;
  let dir: Seeded;
  let seq = 0;

  /** Delivers comments in one signed webhook; returns their platform ids. */
  async function deliver(messages: { text: string; author?: string }[]): Promise<string[]> {
    const now = Math.floor(Date.now() / 1000);
    const ids = messages.map(() => `c${++seq}`);
    const changes = messages.map((m, i) => ({ field: "feed", value: {
      item: "comment", verb: "add", comment_id: ids[i], post_id: `${fb.pageId}_p1`, parent_id: `${fb.pageId}_p1`,
      from: { id: m.author ?? `u${seq}-${i}`, name: "Invånare" }, created_time: now, message: m.text } }));
    const body = metaJson({ object: "page", entry: [{ id: fb.pageId, time: now, changes }] });
    const r = await t.app.inject({ method: "POST", url: "/webhooks/facebook", headers: { "content-type": "application/json", "x-hub-signature-256": signBody(fb.appSecret, body) }, payload: body });
    assert.equal(r.statusCode, 200);
    return ids;
  }

  async function analysed(text: string, author?: string) {
    const [id] = await deliver([{ text, ...(author ? { author } : {}) }]);
    await t.app.channels.analysis.drain();
    const r = await t.db.pool.query<{ labels: string[]; page_rules_version: string; findings: { category: string; ruleId: string; rulesVersion: string }[] }>(
      `select a.labels, a.page_rules_version, a.findings from item_analyses a join captured_items i on i.id = a.item_id where i.platform_item_id = $1`, [id]);
    assert.equal(r.rowCount, 1);
    return r.rows[0]!;
  }

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    key = loadEncryptionKey(t.cfg);
    dir = await seedDirectory(t);
    fb = await addFacebookTestChannel(t.db.pool, key, { orgId: t.org.id });
  });

  test("comments are judged under the page-rules version the channel is bound to, and the analysis records the version", async () => {
    const before = await analysed("Vad fan håller ni på med, era tomtenissar?");
    assert.equal(before.page_rules_version, "default-1");
    assert.ok(before.labels.includes("profanity"), JSON.stringify(before));
    assert.ok(!before.labels.includes("insult"), JSON.stringify(before));

    await assert.rejects(bindChannelPageRules({ pool: t.db.pool }, { orgId: t.org.id, channelId: fb.channel.id, version: "2026-05", actor }), /validation_failed|inte giltiga/);
    await publishPageRules({ pool: t.db.pool }, { orgId: t.org.id, version: "2026-05", actor,
      rules: { categories: { profanity: { enabled: false } }, denyWords: [{ word: "tomtenissar", category: "insult" }] } });
    await bindChannelPageRules({ pool: t.db.pool }, { orgId: t.org.id, channelId: fb.channel.id, version: "2026-05", actor });

    const after = await analysed("Vad fan håller ni på med, era tomtenissar?");
    assert.equal(after.page_rules_version, "2026-05");
    assert.ok(!after.labels.includes("profanity"), JSON.stringify(after));
    assert.ok(after.labels.includes("insult"), JSON.stringify(after));
    assert.deepEqual([...new Set(after.findings.map((f) => f.rulesVersion))], ["2026-05"], "every finding names the rules it was judged under");
    assert.deepEqual([...new Set(before.findings.map((f) => f.rulesVersion))], ["default-1"]);

    // A published version never changes: publish a new one instead.
    await assert.rejects(publishPageRules({ pool: t.db.pool }, { orgId: t.org.id, version: "2026-05", rules: {}, actor }), /conflict|finns redan/);
    await assert.rejects(t.db.pool.query("update page_rules_versions set rules = '{}'"), /append-only/);
    await assert.rejects(publishPageRules({ pool: t.db.pool }, { orgId: t.org.id, version: "2026-06", rules: { categories: { nonsense: {} } }, actor }), /validation_failed|inte giltiga/);
    await bindChannelPageRules({ pool: t.db.pool }, { orgId: t.org.id, channelId: fb.channel.id, version: "default-1", actor });
  });

  test("a phone number published in the directory is the city's own: a comment with it is no longer misleading", async () => {
    const text = "Kommunens kundtjänst har nytt nummer: 031-365 47 11. Dela så alla vet!";
    const first = await analysed(text, "anna");
    assert.ok(first.labels.includes("misleading"), JSON.stringify(first));
    const r = await dir.api.send("POST", "/api/v1/directory/contact-points", { unitId: dir.unitId, kind: "phone", number: "031-365 47 11", label: "Bygglov", publish: true });
    assert.ok(r.status < 300, JSON.stringify(r.body));
    const second = await analysed(text, "bertil");
    assert.ok(!second.labels.includes("misleading"), JSON.stringify(second));
    assert.ok(!second.labels.includes("personal_data"), "the city's number is not someone's personal data");
  });

  test("a thread killed mid-batch: every captured comment is still analysed once", async () => {
    const texts = Array.from({ length: 500 }, (_, i) => ({ text: `Fråga nummer ${i}: när plogas gatan vid skolan? Vi har väntat länge nu, hälsningar från kvarteret ${i}` }));
    await deliver(texts);
    const threads = t.app.channels.analysis.threads;
    const restarts = threads.restarts();
    const drained = t.app.channels.analysis.drain();
    while (threads.inFlight() === 0) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < threads.size; i++) await threads.kill(i);
    assert.equal(await drained, 500);
    assert.ok(threads.restarts() > restarts, "a thread was replaced");
    const n = await t.db.pool.query<{ queued: number; analysed: number }>(
      "select (select count(*)::int from capture_analysis_queue) as queued, (select count(*)::int from item_analyses) as analysed");
    assert.equal(n.rows[0]!.queued, 0);
    const versions = await t.db.pool.query<{ n: number }>("select count(*)::int as n from capture_versions where text is not null");
    assert.equal(n.rows[0]!.analysed, versions.rows[0]!.n, "one analysis per captured text, none lost, none twice");
  });

  test("what waits for analysis is in the database: another runtime (a restarted process) analyses it", async () => {
    await deliver([{ text: "Ni som jobbar på kommunen borde skämmas, jävla idioter" }, { text: "Tack för en fin sommar i parken!" }]);
    const queued = async () => (await t.db.pool.query<{ n: number }>("select count(*)::int as n from capture_analysis_queue")).rows[0]!.n;
    assert.equal(await queued(), 2, "captured, not analysed yet");
    const other = createChannelsRuntime({ pool: t.db.pool, key, analysisThreads: 1 });
    try {
      assert.equal(await other.analysis.drain(), 2);
    } finally {
      await other.close();
    }
    assert.equal(await queued(), 0);
  });

  test("a channel is added only with a published page-rules version", async () => {
    await assert.rejects(addChannel({ pool: t.db.pool, key }, { orgId: t.org.id, platform: "facebook", externalId: "123456789012345", name: "X",
      pageRulesVersion: "finns-inte", credentials: { appSecret: "s", verifyToken: "v" }, actor }), /validation_failed|inte giltiga/);
  });

  test("/kanaler and the API show the owning unit's contact details from the directory; an edit shows at once", async () => {
    const { channel } = await addChannel({ pool: t.db.pool, key }, { orgId: t.org.id, platform: "instagram", externalId: "17841400099999999", name: "testkommun_ig",
      url: "https://www.instagram.com/testkommun", unitId: dir.centerId, credentials: { appSecret: "s", verifyToken: "v" }, actor });
    const page = async () => (await t.app.inject({ method: "GET", url: "/kanaler" })).body;
    let html = await page();
    assert.match(html, /<h2[^>]*>Kontaktcenter<\/h2>/);
    assert.match(html, /mailto:kontaktcenter@testkommun\.se/);
    assert.match(html, /031-365 00 00/);

    const r = await dir.api.send("PUT", `/api/v1/directory/contact-points/${dir.centerPhoneId}`, { unitId: dir.centerId, kind: "phone", number: "031-365 10 00", label: "Växel", publish: true });
    assert.ok(r.status < 300, JSON.stringify(r.body));
    html = await page();
    assert.match(html, /031-365 10 00/);
    assert.doesNotMatch(html, /031-365 00 00/);

    const { cookie } = await t.login(t.admin.username, t.admin.password);
    const api = await t.app.inject({ method: "GET", url: "/api/v1/channels", headers: { cookie } });
    assert.equal(api.statusCode, 200);
    const listed = (api.json() as { id: string; contact: Record<string, string> }[]).find((c) => c.id === channel.id);
    assert.deepEqual(listed?.contact, { unitName: "Kontaktcenter", email: "kontaktcenter@testkommun.se", phone: "031-365 10 00" });
  });
});
