// capture_batch (migration 0322: typed rows, one insert per group, redeliveries
// found by the unique key) against the row-by-row version it replaces (0302),
// loaded here under another name: the same changes on two pairs of channels
// must give the same results, the same versions in the same chain positions,
// the same analysis work list, and chains that verify.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { before, describe, test } from "node:test";
import { captureBatches, verifyCaptureChain, type CaptureBatch, type CaptureResult, type ChangeInput } from "../../records/capture/index.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { createOrganisation } from "../../platform/tenancy.ts";
import { freshDatabase, type TestDb } from "../../../test/helpers/db.ts";
import { addFacebookTestChannel } from "../test-support.ts";

const ROW_BY_ROW = fs.readFileSync(new URL("../../../migrations/0302_capture_plans.sql", import.meta.url), "utf8");

describe("capture_batch: set-based capture gives what row-by-row capture gave", () => {
  let db: TestDb;
  let orgId: string;
  let now: [string, string];
  let before0302: [string, string];
  let old: Queryable;

  before(async () => {
    db = await freshDatabase();
    orgId = (await createOrganisation(db.pool, { slug: `k${randomBytes(3).toString("hex")}`, name: "Kommun", domains: [] })).id;
    const key = randomBytes(32);
    const ch = async () => (await addFacebookTestChannel(db.pool, key, { orgId })).channel.id;
    now = [await ch(), await ch()];
    before0302 = [await ch(), await ch()];
    const fn = ROW_BY_ROW.slice(ROW_BY_ROW.indexOf("create or replace function capture_batch(")).replace("function capture_batch(", "function capture_batch_0302(");
    await db.pool.query(fn);
    old = { query: (sql: string, params?: unknown[]) => db.pool.query(sql.replace("capture_batch(", "capture_batch_0302("), params) } as Queryable;
  });

  let n = 0;
  const change = (channelId: string, pid: string, event: ChangeInput["event"], text: string | null, o: Partial<ChangeInput> = {}): ChangeInput => ({
    channelId, platformItemId: pid, kind: "comment", event, text, authorPlatformId: "u1", authorName: "Åsa", postPlatformId: "post1", parentPlatformId: "post1",
    platformTime: o.platformTime ?? "2026-03-01T10:00:00Z", hidden: null, url: null, raw: { pid, event, text }, ...o,
  });
  const delivery = (label: string, changes: ChangeInput[], source: "webhook" | "poll" = "webhook"): CaptureBatch => ({
    orgId, delivery: { platform: "facebook", source, receivedAt: new Date(Date.UTC(2026, 2, 1, 10, 0, ++n)), body: Buffer.from(`${label}:${changes[0]!.channelId}`), signature: null },
    changes,
  });

  /** One scenario step per call: the deliveries of one group commit, on channels a and b. */
  const steps = (a: string, b: string): CaptureBatch[][] => [
    // New comments on two channels.
    [delivery("d1", [change(a, "c1", "add", "Hej"), change(a, "c2", "add", "Varför?")]), delivery("d2", [change(b, "c3", "add", "Tack")])],
    // A redelivery next to a new change: only the new one is stored, and only channel a's group is redone.
    [delivery("d1", [change(a, "c1", "add", "Hej"), change(a, "c2", "add", "Varför?")]), delivery("d3", [change(a, "c4", "add", "Ny")]),
      delivery("d4", [change(b, "c5", "add", "Också ny")])],
    // The same change twice in one commit, and an edit that arrives before its add.
    [delivery("d5", [change(a, "c6", "add", "Två gånger")]), delivery("d5", [change(a, "c6", "add", "Två gånger")]),
      delivery("d6", [change(a, "c7", "edit", "Ändrad", { platformTime: "2026-03-01T11:00:00Z" }), change(a, "c7", "add", "Först")])],
    // Snapshots: one showing the stored state (nothing new), one after an edit in the same commit that
    // still shows the old text (new), one repeating that edit (nothing new), a hidden one (new).
    [delivery("p1", [
      change(a, "c1", "snapshot", "Hej", { platformTime: null }),
      change(a, "c2", "edit", "Varför inte?", { platformTime: "2026-03-01T12:00:00Z" }),
      change(a, "c2", "snapshot", "Varför?", { platformTime: null }),
      change(a, "c4", "edit", "Nyare", { platformTime: "2026-03-01T12:00:00Z" }),
      change(a, "c4", "snapshot", "Nyare", { platformTime: null }),
      change(a, "c3x", "snapshot", "Dold", { platformTime: null, hidden: true }),
    ], "poll")],
    // Removal, hide and a redelivered removal in one commit.
    [delivery("d7", [change(a, "c6", "remove", null, { platformTime: "2026-03-01T13:00:00Z" })]),
      delivery("d8", [change(a, "c1", "hide", null, { hidden: true, platformTime: "2026-03-01T13:00:00Z" })]),
      delivery("d7", [change(a, "c6", "remove", null, { platformTime: "2026-03-01T13:00:00Z" })])],
  ];

  const shape = (rs: CaptureResult[]) => rs.map((r) => ({ duplicates: r.duplicates, created: r.created.map((v) => [v.platformItemId, v.event, v.seq, v.hasText]) }));
  const stored = async (channelId: string) => (await db.pool.query(
    `select v.seq, v.platform_item_id, v.version_key, v.event, v.source, v.text, v.hidden, v.raw, v.content_hash, v.platform_time,
            (v.prev_hash = coalesce(lag(v.hash) over (order by v.seq), 'genesis')) as linked,
            exists (select 1 from capture_analysis_queue q where q.version_id = v.id) as queued
       from capture_versions v where v.channel_id = $1 order by v.seq`, [channelId])).rows;

  test("same results, versions, chain positions and work list; both chains verify", async () => {
    const mine = steps(now[0], now[1]);
    const theirs = steps(before0302[0], before0302[1]);
    for (let i = 0; i < mine.length; i++) {
      const a = await captureBatches(db.pool, mine[i]!);
      const b = await captureBatches(old, theirs[i]!);
      assert.deepEqual(shape(a), shape(b), `step ${i + 1}`);
    }
    for (let c = 0; c < 2; c++) {
      const a = await stored(now[c]!);
      assert.ok(a.length > 0);
      assert.deepEqual(a, await stored(before0302[c]!));
      assert.ok(a.every((r) => r.linked));
      assert.equal((await verifyCaptureChain(db.pool, orgId, now[c]!)).ok, true);
    }
    // The scenario did exercise what it is meant to: redeliveries, repeats and both kinds of snapshot.
    const all = (await stored(now[0])).map((r) => `${r.platform_item_id}:${r.event}`);
    assert.deepEqual(all.filter((x) => x.endsWith("snapshot")).sort(), ["c2:snapshot", "c3x:snapshot"]);
    assert.equal(all.filter((x) => x === "c6:add").length, 1);
  });
});
