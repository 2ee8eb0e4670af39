// Channels end to end through the real HTTP stack and PostgreSQL: the registry,
// Meta's webhook verification and signed deliveries, capture (every version,
// idempotent, out of order, append-only, hash chain), analysis after capture,
// and the public list of channels.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import { listCapturedItems, verifyCaptureChain } from "../src/records/capture/index.ts";
import { listChannels } from "../src/channels/index.ts";
import { addFacebookTestChannel, signedFeedChange, type FbTestChannel } from "../src/channels/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

describe("channels: registry, Facebook webhooks and capture", () => {
  let t: TestApp;
  let key: Buffer;
  let fb: FbTestChannel;

  const post = (body: string, signature?: string) =>
    t.app.inject({ method: "POST", url: "/webhooks/facebook", headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) }, payload: body });
  const count = async (table: string) => (await t.db.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    key = loadEncryptionKey(t.cfg);
    fb = await addFacebookTestChannel(t.db.pool, key, { orgId: t.org.id });
  });

  test("credentials are encrypted at rest and never listed; the addition is audited", async () => {
    const raw = (await t.db.pool.query<{ credentials: string }>("select credentials from channels where id = $1", [fb.channel.id])).rows[0]!.credentials;
    assert.match(raw, /^v1:/);
    assert.ok(!raw.includes(fb.appSecret) && !raw.includes(fb.accessToken));
    const list = await listChannels(t.db.pool, key, { orgId: t.org.id });
    assert.deepEqual(list[0]!.credentialsSet.sort(), ["accessToken", "appSecret", "verifyToken"]);
    assert.ok(!JSON.stringify(list).includes(fb.appSecret));
    const audit = await t.db.pool.query("select action, after from audit_events where target_id = $1", [fb.channel.id]);
    assert.equal(audit.rows[0].action, "channel.added");
    assert.ok(!JSON.stringify(audit.rows[0].after).includes(fb.appSecret));
  });

  test("GET verification echoes hub.challenge only for a registered verify token", async () => {
    const ok = await t.app.inject({ method: "GET", url: `/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${fb.verifyToken}&hub.challenge=1158201444` });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body, "1158201444");
    const bad = await t.app.inject({ method: "GET", url: "/webhooks/facebook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1" });
    assert.equal(bad.statusCode, 403);
  });

  test("a signed comment (Meta-escaped å/ä/ö) is captured before the 200; redelivery adds nothing", async () => {
    const value = { item: "comment", verb: "add", comment_id: "p1_c1", post_id: `${fb.pageId}_p1`, parent_id: `${fb.pageId}_p1`,
      from: { id: "u1", name: "Åsa Öberg" }, created_time: 1_767_000_000, message: "När öppnar simhallen igen? Tack för svaret på förhand!" };
    const d = signedFeedChange(fb, value, 1_767_000_001);
    assert.ok(d.body.includes("\\u00d6") && !d.body.includes("Ö"), "Meta escapes non-ASCII");
    const r = await post(d.body, d.signature);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.body, "EVENT_RECEIVED");
    const items = await listCapturedItems(t.db.pool, { orgId: t.org.id, channelId: fb.channel.id });
    const item = items.find((i) => i.platformItemId === "p1_c1")!;
    assert.equal(item.text, value.message);
    assert.equal(item.author.name, "Åsa Öberg");
    assert.equal(item.kind, "comment");
    assert.equal(item.versions.length, 1);
    assert.equal(item.versions[0]!.platformTime, new Date(1_767_000_000 * 1000).toISOString());
    const before = await count("capture_versions");
    for (let i = 0; i < 3; i++) assert.equal((await post(d.body, d.signature)).statusCode, 200);
    assert.equal(await count("capture_versions"), before);
    // The raw body is stored byte for byte and its signature can be checked again.
    const stored = await t.db.pool.query<{ body: Buffer; signature: string }>("select body, signature from capture_deliveries where platform = 'facebook' limit 1");
    assert.equal(stored.rows[0]!.body.toString("utf8"), d.body);
    assert.equal(stored.rows[0]!.signature, d.signature);
  });

  test("an edit that arrives before its add, then the add, then hide, unhide and remove: every version kept, state right", async () => {
    const base = { item: "comment", comment_id: "p1_c2", post_id: `${fb.pageId}_p1`, parent_id: "p1_c1", created_time: 1_767_000_100 };
    const send = async (v: Record<string, unknown>, time: number) => {
      const d = signedFeedChange(fb, v, time);
      assert.equal((await post(d.body, d.signature)).statusCode, 200);
    };
    await send({ ...base, verb: "edited", from: { id: "u2", name: "Per" }, message: "Andra versionen" }, 1_767_000_200);
    await send({ ...base, verb: "add", sender_id: "u2", sender_name: "Per", message: "Första versionen" }, 1_767_000_101);
    let item = (await listCapturedItems(t.db.pool, { orgId: t.org.id })).find((i) => i.platformItemId === "p1_c2")!;
    assert.equal(item.kind, "reply");
    assert.equal(item.text, "Andra versionen", "the later edit wins though it arrived first");
    assert.deepEqual(item.versions.map((v) => v.event), ["add", "edit"]);
    await send({ ...base, verb: "hide", from: { id: "u2", name: "Per" }, message: "Andra versionen" }, 1_767_000_300);
    item = (await listCapturedItems(t.db.pool, { orgId: t.org.id })).find((i) => i.platformItemId === "p1_c2")!;
    assert.equal(item.hidden, true);
    await send({ ...base, verb: "unhide", from: { id: "u2", name: "Per" }, message: "Andra versionen" }, 1_767_000_400);
    await send({ ...base, verb: "remove", from: { id: "u2", name: "Per" } }, 1_767_000_500);
    item = (await listCapturedItems(t.db.pool, { orgId: t.org.id })).find((i) => i.platformItemId === "p1_c2")!;
    assert.equal(item.removed, true);
    assert.equal(item.hidden, false);
    assert.equal(item.text, "Andra versionen", "removal keeps the last captured text");
    assert.deepEqual(item.versions.map((v) => v.event), ["add", "edit", "hide", "unhide", "remove"]);
  });

  test("forged, unsigned, wrongly-prefixed and malformed deliveries are rejected with no side effect", async () => {
    const before = [await count("capture_versions"), await count("capture_deliveries")];
    const value = { item: "comment", verb: "add", comment_id: "p1_x", post_id: `${fb.pageId}_p1`, parent_id: `${fb.pageId}_p1`, message: "Hallå där", created_time: 1 };
    const d = signedFeedChange(fb, value);
    assert.equal((await post(d.body)).statusCode, 401);
    assert.equal((await post(d.body, d.signature.replace("sha256=", "sha1="))).statusCode, 401);
    assert.equal((await post(d.body, signedFeedChange({ ...fb, appSecret: "not-ours" }, value).signature)).statusCode, 401);
    assert.equal((await post(`${d.body} `, d.signature)).statusCode, 401, "one added byte breaks the signature");
    const re = JSON.stringify(JSON.parse(d.body));
    assert.notEqual(re, d.body);
    assert.equal((await post(re, d.signature)).statusCode, 401, "re-serialised JSON is not the signed bytes");
    const notJson = signedFeedChange(fb, value);
    const broken = notJson.body.slice(0, -3);
    const { signBody } = await import("../src/channels/webhooks/signature.ts");
    assert.equal((await post(broken, signBody(fb.appSecret, broken))).statusCode, 400);
    const wrongShape = JSON.stringify({ object: "page", entry: [{ changes: [] }] });
    assert.equal((await post(wrongShape, signBody(fb.appSecret, wrongShape))).statusCode, 400);
    assert.deepEqual([await count("capture_versions"), await count("capture_deliveries")], before);
  });

  test("capture tables are append-only in PostgreSQL, and the chain verifies and catches an altered row", async () => {
    await assert.rejects(t.db.pool.query("update capture_versions set text = 'ändrad'"), /append-only/);
    await assert.rejects(t.db.pool.query("delete from captured_items"), /append-only/);
    await assert.rejects(t.db.pool.query("truncate capture_versions cascade"), /append-only/);
    const ok = await verifyCaptureChain(t.db.pool, t.org.id, fb.channel.id);
    assert.equal(ok.ok, true);
    assert.ok(ok.checked >= 6);
    // A superuser bypassing the trigger is still caught by the chain.
    const c = await t.db.pool.connect();
    try {
      await c.query("begin");
      await c.query("alter table capture_versions disable trigger capture_versions_append_only");
      await c.query("update capture_versions set text = 'förfalskad' where org_id = $1 and channel_id = $2 and seq = 2", [t.org.id, fb.channel.id]);
      const broken = await verifyCaptureChain(c, t.org.id, fb.channel.id);
      assert.equal(broken.ok, false);
      assert.equal(broken.firstBreak?.seq, 2);
      assert.equal(broken.firstBreak?.kind, "content_altered");
    } finally {
      await c.query("rollback");
      c.release();
    }
  });

  test("the analyzer runs after capture and its findings are stored with the version", async () => {
    const d = signedFeedChange(fb, { item: "comment", verb: "add", comment_id: "p1_c3", post_id: `${fb.pageId}_p1`, parent_id: `${fb.pageId}_p1`,
      from: { id: "u3", name: "Anonym" }, created_time: 1_767_000_600, message: "Jag ska döda dig, din jävla idiot" });
    assert.equal((await post(d.body, d.signature)).statusCode, 200);
    const n = await t.app.channels.analysis.drain();
    assert.ok(n >= 1);
    const a = await t.db.pool.query<{ labels: string[]; action: string; findings: { category: string; ruleId: string }[] }>(
      `select a.labels, a.action, a.findings from item_analyses a join captured_items i on i.id = a.item_id where i.platform_item_id = 'p1_c3'`);
    assert.equal(a.rowCount, 1);
    assert.ok(a.rows[0]!.labels.includes("threat"), JSON.stringify(a.rows[0]));
    assert.equal(a.rows[0]!.action, "hide_escalate");
    assert.equal(await count("capture_analysis_queue"), 0);
  });

  test("the public page lists the channels without secrets", async () => {
    const r = await t.app.inject({ method: "GET", url: "/kanaler" });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Alla våra sociala kanaler/);
    assert.match(r.body, new RegExp(fb.channel.name));
    assert.ok(!r.body.includes(fb.appSecret) && !r.body.includes(fb.verifyToken));
  });
});
