// Live queue updates from any process: analyses written by another process
// (here a second connection pool, as `vaxel demo simulate`, a CLI import or a
// second server would) reach this server's open queues through PostgreSQL
// LISTEN/NOTIFY — over real HTTP (server-sent events) and in Chromium.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { createPool, type Pool } from "../src/platform/db/pool.ts";
import { addBareChannel, seedAnalysedItems, testFinding } from "../src/moderation/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { axe, formatViolations, launchBrowser } from "./helpers/browser.ts";
import { listen } from "./helpers/http-server.ts";

/** Reads server-sent events from a real HTTP response; `next(pred)` waits for a matching event. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const dec = new TextDecoder();
  let buf = "";
  return async function next(pred: (data: { changed: number; items: string[] }) => boolean, ms = 10_000): Promise<{ changed: number; items: string[] } | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      let i: number;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /^event: queue\ndata: (.+)$/m.exec(block)?.[1];
        if (data) {
          const d = JSON.parse(data) as { changed: number; items: string[] };
          if (pred(d)) return d;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
      if (!chunk || chunk.done) return null;
      buf += dec.decode(chunk.value, { stream: true });
    }
  };
}

describe("moderation: live updates from another process", () => {
  let t: TestApp;
  let base: string;
  let cookie: string;
  let other: Pool;
  let channelId: string;
  let browser: Browser | undefined;
  const ctl = new AbortController();

  before(async () => {
    t = await buildTestApp({ config: { workers: true } });
    base = await listen(t);
    const u = await t.user(["moderator"], "livemod");
    cookie = (await t.login(u.username, u.password)).cookie;
    // The other process: its own pool, nothing shared with the server but the database.
    other = createPool(t.db.url, 2);
    channelId = await addBareChannel(other, t.org.id, "Andra processens sida");
  });
  after(async () => {
    ctl.abort();
    await browser?.close();
    await other.end();
  });

  const threat = (n: number) => seedAnalysedItems(other, {
    orgId: t.org.id, channelId, n, text: (i) => `Jag ska döda dig ${i}`, labels: ["threat"], action: "review", findings: [testFinding("threat", "bbs-5")],
  });

  test("an analysis committed by another process reaches the server's SSE stream (ids only) and its queue", async () => {
    const res = await fetch(`${base}/moderation/events`, { headers: { cookie }, signal: ctl.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/event-stream/);
    const next = sseReader(res.body!);
    // The server's LISTEN starts with the app: nudge until this stream hears the database.
    let heard = null;
    for (let i = 0; i < 50 && !heard; i++) {
      await other.query("select pg_notify('vaxel_moderation', $1)", [`${t.org.id}:00000000-0000-4000-8000-000000000000`]);
      heard = await next((d) => d.items.includes("00000000-0000-4000-8000-000000000000"), 200);
    }
    assert.ok(heard, "the server listens");

    const t0 = performance.now();
    const [itemId] = await threat(1);
    const e = await next((d) => d.items.includes(itemId!));
    assert.ok(e, "the new item's id arrives over SSE");
    process.stdout.write(`# another process's analysis → SSE in ${(performance.now() - t0).toFixed(0)} ms\n`);
    const q = await fetch(`${base}/api/v1/moderation/queue?view=needs_review`, { headers: { cookie, accept: "application/json" } });
    const body = await q.json() as { items: { item: { id: string } }[] };
    assert.ok(body.items.some((i) => i.item.id === itemId), "and it is in the queue");
  });

  test("an open queue in Chromium shows it without reloading", async () => {
    browser = await launchBrowser();
    const context = await browser.newContext();
    await context.addCookies([{ name: "vaxel_session", value: cookie.split("=")[1]!, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/moderation?view=needs_review`);
    const deadline = Date.now() + 5000;
    while (t.app.moderation.events.listenerCount("queue") < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const [itemId] = await threat(1);
    await page.waitForSelector(`#queue li[data-item="${itemId}"]`, { timeout: 10_000 });
    const v = await axe(page);
    assert.equal(v.length, 0, formatViolations(v));
  });
});
