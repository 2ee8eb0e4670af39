// Floods without a cap: 20,000 spam comments (plus lawful criticism caught in
// the same filter) are paged by keyset without loss or repetition, and one
// "apply to all matching" bulk delete works them server-side in batches —
// one append-only event per item with rule and legal basis, an outbox job per
// item, progress visible, the criticism guard (RF 1:9) still applied per item
// (guarded items left in the queue and reported), and idempotent on retry.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, test } from "node:test";
import { withTx } from "../src/platform/db/pool.ts";
import { bulkJobStatus, createBulkJob, runBulkJob } from "../src/moderation/use-cases/bulk-job.ts";
import { createModerationRuntime } from "../src/moderation/runtime.ts";
import { addBareChannel, seedAnalysedItems, testFinding } from "../src/moderation/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

const N = 20_000;
const CRITICISM = "Kommunen slösar våra skattepengar, en skandal! Tjäna på det, politikerna borde skämmas.";

describe("moderation: a flood of 20,000", () => {
  let t: TestApp;
  let mod: { cookie: string; csrf: string };
  let channelId: string;
  let spam: string[];
  let criticism: string[];

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    const u = await t.user(["moderator"], "floodmod");
    mod = await t.login(u.username, u.password);
    channelId = await addBareChannel(t.db.pool, t.org.id);
    spam = await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: N, text: (i) => `Tjäna 5000 kr om dagen hemifrån!!! Klicka här www.snabba-pengar.example #${i}`, labels: ["spam"], action: "review", findings: [testFinding("spam")] });
    criticism = await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 5, text: () => CRITICISM, labels: ["spam"], action: "review", findings: [testFinding("spam")] });
  });

  async function api(method: "GET" | "POST", url: string, body?: unknown) {
    const res = await t.app.inject({ method, url, headers: { cookie: mod.cookie, "x-csrf-token": mod.csrf, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
    return { status: res.statusCode, body: res.json() };
  }

  test("keyset pages list every open item exactly once, most severe and oldest first", async () => {
    const seen: string[] = [];
    const order: { severity: number; at: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    const t0 = performance.now();
    do {
      const r: { status: number; body: { items: { item: { id: string; capturedAt: string }; severity: number }[]; next: string | null; counts: Record<string, number> } } =
        await api("GET", `/api/v1/moderation/queue?view=needs_review&limit=1000${after ? `&after=${after}` : ""}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.counts.needs_review, N + 5);
      seen.push(...r.body.items.map((i) => i.item.id));
      order.push(...r.body.items.map((i) => ({ severity: i.severity, at: i.item.capturedAt })));
      after = r.body.next;
      pages++;
    } while (after);
    const ms = performance.now() - t0;
    assert.equal(seen.length, N + 5);
    assert.equal(new Set(seen).size, N + 5, "no item twice");
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1]!, order[i]!];
      assert.ok(a.severity > b.severity || (a.severity === b.severity && a.at <= b.at), `order at ${i}`);
    }
    process.stdout.write(`# keyset: ${pages} pages of 1000 over ${N + 5} items in ${ms.toFixed(0)} ms (${(ms / pages).toFixed(0)} ms a page)\n`);
  });

  test("apply to all matching: 20,000 deleted in batches, each its own event; the criticism guard leaves 5 for individual handling; a retry changes nothing", { timeout: 900_000 }, async () => {
    const jobId = randomUUID();
    const body = { jobId, view: "needs_review", category: "spam", kind: "delete", ruleId: "spam", legalBasis: "page-rule" };
    const t0 = performance.now();
    const r = await api("POST", "/moderation/bulk-all", body);
    assert.equal(r.status, 202);
    assert.deepEqual(r.body, { id: jobId, total: N + 5, created: true });
    // Progress is visible while it runs.
    let mid: { done: number; pending: number; finished: boolean } | null = null;
    for (;;) {
      const s = await api("GET", `/api/v1/moderation/bulk-jobs/${jobId}`);
      assert.equal(s.status, 200);
      if (!mid && s.body.done > 0 && s.body.pending > 0) mid = s.body;
      if (s.body.finished) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    const ms = performance.now() - t0;
    await t.app.moderation.idle();
    process.stdout.write(`# bulk delete of ${N} items (+5 guarded): ${(ms / 1000).toFixed(1)} s, ${(N / (ms / 1000)).toFixed(0)} items/s\n`);
    assert.ok(mid, "progress seen between start and finish");

    const s = (await api("GET", `/api/v1/moderation/bulk-jobs/${jobId}`)).body as { done: number; skipped: number; pending: number; skippedItems: { itemId: string; code: string }[] };
    assert.deepEqual([s.done, s.skipped, s.pending], [N, 5, 0]);
    assert.deepEqual(s.skippedItems.map((x) => x.itemId).sort(), [...criticism].sort());
    assert.ok(s.skippedItems.every((x) => x.code === "moderation_criticism_reason_required"));

    const d = await t.db.pool.query<{ n: number; items: number; rules: string[]; bases: string[] }>(
      `select count(*)::int as n, count(distinct item_id)::int as items, array_agg(distinct rule_id) as rules, array_agg(distinct legal_basis) as bases
         from moderation_decisions where bulk_id = $1 and kind = 'delete'`, [jobId]);
    assert.deepEqual(d.rows[0], { n: N, items: N, rules: ["spam"], bases: ["page-rule"] });
    const out = await t.db.pool.query<{ n: number }>("select count(*)::int as n from platform_actions where org_id = $1 and action = 'delete'", [t.org.id]);
    assert.equal(out.rows[0]!.n, N, "one outbox job per item");
    const audit = await t.db.pool.query<{ action: string; n: number }>(
      "select action, count(*)::int as n from audit_events where org_id = $1 and action like 'moderation.%' group by action order by action", [t.org.id]);
    // One audit event per batch, listing each item and its decision (the decisions are the per-item records).
    assert.deepEqual(audit.rows.map((r) => r.action), ["moderation.bulk.finished", "moderation.bulk.started", "moderation.delete"]);
    const listed = await t.db.pool.query<{ n: number }>(
      `select count(*)::int as n from audit_events e cross join jsonb_array_elements(e.after->'decisions') x
        where e.org_id = $1 and e.action = 'moderation.delete' and e.target_id = $2`, [t.org.id, jobId]);
    assert.equal(listed.rows[0]!.n, N, "every item's decision is in the audit trail");
    // The guarded items are still open, for a person with a reason and a second moderator.
    const q = await api("GET", "/api/v1/moderation/queue?view=needs_review");
    assert.equal(q.body.counts.needs_review, 5);

    // A retried post (same job id) finds the job; nothing is decided twice.
    const again = await api("POST", "/moderation/bulk-all", body);
    assert.deepEqual(again.body, { id: jobId, total: N + 5, created: false });
    await t.app.moderation.idle();
    const n2 = await t.db.pool.query<{ n: number }>("select count(*)::int as n from moderation_decisions where bulk_id = $1", [jobId]);
    assert.equal(n2.rows[0]!.n, N);
    assert.ok(spam.length === N);
  });

  test("two runners on one job (a restart, a second server) decide each item once", async () => {
    const ids = await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 300, text: (i) => `Köp billiga klockor nu ${i}`, labels: ["commercial"], action: "review", findings: [testFinding("commercial")] });
    const u = await t.db.pool.query<{ id: string }>("select id from users where username = 'floodmod'");
    const jobId = randomUUID();
    const job = await createBulkJob(t.db.pool, { orgId: t.org.id, jobId, filter: { view: "needs_review", category: "commercial" }, kind: "hide", ruleId: "commercial", legalBasis: "page-rule", actor: { id: u.rows[0]!.id, label: "floodmod" } });
    assert.equal(job.total, 300);
    await Promise.all([runBulkJob(t.db.pool, jobId, { publicUrl: "http://x", batch: 25 }), runBulkJob(t.db.pool, jobId, { publicUrl: "http://x", batch: 25 })]);
    const d = await t.db.pool.query<{ n: number; items: number }>("select count(*)::int as n, count(distinct item_id)::int as items from moderation_decisions where bulk_id = $1", [jobId]);
    assert.deepEqual(d.rows[0], { n: 300, items: 300 });
    const fin = await withTx(t.db.pool, (tx) => tx.query<{ n: number }>("select count(*)::int as n from audit_events where action = 'moderation.bulk.finished' and target_id = $1", [jobId]));
    assert.equal(fin.rows[0]!.n, 1, "finished once");
    assert.equal(ids.length, 300);
  });

  test("a job left unfinished (a crash, a deploy) is resumed when a process starts", async () => {
    await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 120, text: (i) => `Gratis iPhone till alla som klickar ${i}`, labels: ["misleading"], action: "review", findings: [testFinding("misleading")] });
    const u = await t.db.pool.query<{ id: string }>("select id from users where username = 'floodmod'");
    const jobId = randomUUID();
    await createBulkJob(t.db.pool, { orgId: t.org.id, jobId, filter: { view: "needs_review", category: "misleading" }, kind: "escalate", ruleId: "misleading", legalBasis: "page-rule", actor: { id: u.rows[0]!.id, label: "floodmod" } });
    // Nobody ran it: a new process starts.
    const rt = createModerationRuntime({ pool: t.db.pool, publicUrl: "http://x", pollMs: 60_000 });
    rt.start();
    const deadline = Date.now() + 60_000;
    let s = await bulkJobStatus(t.db.pool, t.org.id, jobId);
    while (!s?.finished && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      s = await bulkJobStatus(t.db.pool, t.org.id, jobId);
    }
    await rt.stop();
    assert.deepEqual([s?.finished, s?.done, s?.pending], [true, 120, 0]);
  });
});
