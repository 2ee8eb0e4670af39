// The outbox against the Facebook emulator: capture before removal, retries
// with backoff, Retry-After, dead letters in plain Swedish, idempotency keys,
// and reconciliation so that an action whose answer was lost is not repeated.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { enqueuePlatformAction, enqueuePlatformActions } from "../src/channels/index.ts";
import { startEmulators, type Emulators } from "../src/channels/emulators/server.ts";
import type { FbComment } from "../src/channels/emulators/facebook.ts";
import { createOutboxWorker, type OutboxWorker } from "../src/channels/outbox/outbox-worker.ts";
import { addFacebookTestChannel, type FbTestChannel } from "../src/channels/test-support.ts";
import { withTx } from "../src/platform/db/pool.ts";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { onCleanup } from "./helpers/db.ts";
import { listen } from "./helpers/http-server.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("outbox: acting on Facebook exactly once", () => {
  let t: TestApp;
  let emu: Emulators;
  let fb: FbTestChannel;
  let worker: OutboxWorker;
  let postId: string;
  let n = 0;

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    const key = loadEncryptionKey(t.cfg);
    const base = await listen(t);
    emu = await startEmulators();
    onCleanup(() => emu.close());
    fb = await addFacebookTestChannel(t.db.pool, key, { orgId: t.org.id, emulators: emu, callbackUrl: `${base}/webhooks/facebook` });
    worker = createOutboxWorker({ pool: t.db.pool, key, backoffBaseMs: 30 });
    postId = emu.facebook.createPost(fb.pageId, "Simhallen stänger för renovering i maj.");
  });

  async function captured(message = `Kommentar ${++n}`): Promise<{ c: FbComment; itemId: string }> {
    const c = await emu.facebook.comment({ pageId: fb.pageId, postId, from: { id: `u${n}`, name: `Invånare ${n}` }, message });
    const r = await t.db.pool.query<{ id: string }>("select id from captured_items where platform_item_id = $1", [c.id]);
    assert.equal(r.rowCount, 1, "the webhook was captured before the emulator got its 200");
    return { c, itemId: r.rows[0]!.id };
  }

  async function enqueue(itemId: string, action: "hide" | "unhide" | "delete" | "reply" | "ban", params: Record<string, unknown> = {}, key = `k-${itemId}-${action}`) {
    return withTx(t.db.pool, (tx) => enqueuePlatformAction(tx, {
      orgId: t.org.id, channelId: fb.channel.id, itemId, action, params, idempotencyKey: key, actor: { id: null, label: "moderator-test" },
    }));
  }

  async function settle(id: string, timeoutMs = 15_000) {
    const t0 = Date.now();
    for (;;) {
      await worker.runDue();
      const r = await t.db.pool.query("select state, attempts, result, last_error_code, last_error_sv, last_http_status from platform_actions where id = $1", [id]);
      const row = r.rows[0];
      if (row.state === "done" || row.state === "dead") return row;
      if (Date.now() - t0 > timeoutMs) throw new Error(`action ${id} still ${row.state}`);
      await sleep(40);
    }
  }

  test("hide: applied once, audited; the same idempotency key never makes a second job", async () => {
    const { c, itemId } = await captured();
    const a = await enqueue(itemId, "hide");
    const again = await enqueue(itemId, "hide");
    assert.equal(again.id, a.id);
    assert.equal(again.created, false);
    const row = await settle(a.id);
    assert.equal(row.state, "done");
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, true);
    assert.equal(emu.facebook.countApplied("hide", c.id), 1);
    const audit = await t.db.pool.query("select 1 from audit_events where action = 'platform_action.executed' and target_id = $1", [a.id]);
    assert.equal(audit.rowCount, 1);
  });

  test("nothing can be enqueued for an item that is not captured", async () => {
    await assert.rejects(enqueue("00000000-0000-4000-8000-000000000001", "delete"), /not_found/);
  });

  test("many jobs in one statement (bulk decisions): applied once each; an item of another channel refuses the whole batch", async () => {
    const a = await captured();
    const b = await captured();
    const jobs = [a, b].map((x) => ({ channelId: fb.channel.id, itemId: x.itemId, action: "hide" as const, idempotencyKey: `bulk-${x.itemId}` }));
    const actor = { id: null, label: "moderator-test" };
    await assert.rejects(withTx(t.db.pool, (tx) => enqueuePlatformActions(tx, t.org.id, actor, [...jobs, { ...jobs[0]!, channelId: t.org.id, idempotencyKey: "other" }])), /not_found|hittades inte/i);
    assert.equal(await withTx(t.db.pool, (tx) => enqueuePlatformActions(tx, t.org.id, actor, jobs)), 2);
    assert.equal(await withTx(t.db.pool, (tx) => enqueuePlatformActions(tx, t.org.id, actor, jobs)), 0, "the same keys again: nothing new");
    const ids = (await t.db.pool.query<{ id: string }>("select id from platform_actions where idempotency_key = any($1::text[]) order by id", [jobs.map((j) => j.idempotencyKey)])).rows;
    assert.equal(ids.length, 2);
    for (const { id } of ids) assert.equal((await settle(id)).state, "done");
    for (const x of [a, b]) {
      assert.equal(emu.facebook.comments.get(x.c.id)!.isHidden, true);
      assert.equal(emu.facebook.countApplied("hide", x.c.id), 1);
    }
  });

  test("delete captures the platform's current text first (an edit we never heard of), then deletes", async () => {
    const { c, itemId } = await captured("Ursprunglig text");
    c.message = "Ändrad text som webhooken aldrig berättade om";
    const row = await settle((await enqueue(itemId, "delete")).id);
    assert.equal(row.state, "done");
    assert.equal(emu.facebook.comments.get(c.id)!.deleted, true);
    const v = await t.db.pool.query("select event, source, text from capture_versions where item_id = $1 order by seq", [itemId]);
    assert.deepEqual(v.rows.map((r) => [r.event, r.source]), [["add", "webhook"], ["snapshot", "pre_action"]]);
    assert.equal(v.rows[1].text, c.message);
  });

  test("the platform answers 500 for a while: retried with backoff, applied exactly once after recovery", async () => {
    const { c, itemId } = await captured();
    emu.facebook.faults.add({ status: 500, untilMs: Date.now() + 1200 });
    const row = await settle((await enqueue(itemId, "hide")).id);
    emu.facebook.faults.clear();
    assert.equal(row.state, "done");
    assert.ok(row.attempts > 2, `attempts ${row.attempts}`);
    assert.equal(emu.facebook.countApplied("hide", c.id), 1);
  });

  test("an answer lost after the platform acted (500 after applying): the retry reconciles instead of acting again", async () => {
    const { c, itemId } = await captured();
    emu.facebook.faults.add({ status: 500, count: 1, methods: ["POST"], applyThenFail: true });
    const row = await settle((await enqueue(itemId, "hide")).id);
    assert.equal(row.state, "done");
    assert.equal(row.result.reconciled, true);
    assert.equal(emu.facebook.countApplied("hide", c.id), 1);

    const replyTo = await captured();
    emu.facebook.faults.add({ status: 500, count: 1, methods: ["POST"], applyThenFail: true });
    const r2 = await settle((await enqueue(replyTo.itemId, "reply", { message: "Hej! Kontakta kontaktcenter på 0520-49 50 00." })).id);
    assert.equal(r2.state, "done");
    assert.equal(emu.facebook.countApplied("reply", replyTo.c.id), 1, "one reply, not two");
  });

  test("429 with Retry-After: the job and the channel wait as told, then the action is applied once", async () => {
    const { c, itemId } = await captured();
    emu.facebook.faults.add({ status: 429, count: 1, retryAfterSec: 1, methods: ["POST"] });
    const t0 = Date.now();
    const a = await enqueue(itemId, "hide");
    await worker.runDue();
    const throttled = await t.db.pool.query("select throttled_until > now() as paused from channel_state where channel_id = $1", [fb.channel.id]);
    assert.equal(throttled.rows[0].paused, true);
    const row = await settle(a.id);
    assert.equal(row.state, "done");
    assert.ok(Date.now() - t0 >= 950, "waited for Retry-After");
    assert.equal(row.attempts, 1, "a 429 is not counted as a failed attempt");
    assert.equal(emu.facebook.countApplied("hide", c.id), 1);
  });

  test("an expired token makes a dead letter with a Swedish explanation; after renewal, Retry applies it", async () => {
    const { c, itemId } = await captured();
    emu.facebook.expiredTokens.add(fb.accessToken);
    const a = await enqueue(itemId, "ban");
    const row = await settle(a.id);
    assert.equal(row.state, "dead");
    assert.equal(row.last_error_code, "auth_expired");
    assert.equal(row.last_http_status, 401);
    assert.match(row.last_error_sv, /åtkomsttoken/);
    const mod = await t.user(["moderator"]);
    const s = await t.login(mod.username, mod.password);
    const page = await t.app.inject({ method: "GET", url: "/channels/outbox", headers: { cookie: s.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /godtar inte längre kanalens åtkomsttoken/);
    emu.facebook.expiredTokens.delete(fb.accessToken);
    const retry = await t.app.inject({ method: "POST", url: `/channels/outbox/${a.id}/retry`, headers: { cookie: s.cookie, "x-csrf-token": s.csrf } });
    assert.equal(retry.statusCode, 303);
    const after = await settle(a.id);
    assert.equal(after.state, "done");
    assert.ok(emu.facebook.blocked.get(fb.pageId)!.has(c.from.id));
  });

  test("actions on one item run in the order they were decided", async () => {
    const { c, itemId } = await captured();
    const h = await enqueue(itemId, "hide", {}, `order-h-${itemId}`);
    const u = await enqueue(itemId, "unhide", {}, `order-u-${itemId}`);
    await settle(h.id);
    await settle(u.id);
    const seq = emu.facebook.applied.filter((x) => x.target === c.id).map((x) => x.action);
    assert.deepEqual(seq, ["hide", "unhide"]);
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, false);
  });
});

describe("Facebook backfill through paging", () => {
  test("every post and comment of the Page is captured once, across pages; a second run adds nothing", async () => {
    const { backfillFacebook } = await import("../src/channels/adapters/facebook/backfill.ts");
    const { createCaptureWriter } = await import("../src/records/capture/index.ts");
    const { getChannelRuntime } = await import("../src/channels/registry/index.ts");
    const t = await buildTestApp({ config: { workers: false } });
    const key = loadEncryptionKey(t.cfg);
    const emu = await startEmulators();
    onCleanup(() => emu.close());
    const fb = await addFacebookTestChannel(t.db.pool, key, { orgId: t.org.id, emulators: emu }); // no callback: webhooks were missed
    for (let p = 0; p < 30; p++) {
      const postId = emu.facebook.createPost(fb.pageId, `Inlägg ${p}`);
      for (let c = 0; c < 4; c++) await emu.facebook.comment({ pageId: fb.pageId, postId, from: { id: `u${c}`, name: `Invånare ${c}` }, message: `Kommentar ${c} på inlägg ${p}` });
    }
    const ch = await getChannelRuntime(t.db.pool, key, t.org.id, fb.channel.id);
    const writer = createCaptureWriter({ pool: t.db.pool });
    const r = await backfillFacebook(writer, ch);
    assert.deepEqual([r.posts, r.comments, r.created], [30, 120, 150]);
    const again = await backfillFacebook(writer, ch);
    assert.equal(again.created, 0);
    assert.equal(again.duplicates, 150);
  });
});
