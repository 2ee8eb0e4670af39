// The server makes the archival snapshots itself: with workers on, each
// completed period (here a month, checked every second) gets its package, the
// run is recorded, one process at a time exports (advisory lock), and the
// e-archive page shows the last and the next snapshot.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { loadConfig } from "../src/config.ts";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { completedPeriods } from "../src/records/export/export-archive.ts";
import { nextSnapshotAt, runDueSnapshots } from "../src/records/export/snapshot-schedule.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { freshDatabase } from "./helpers/db.ts";

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const key = randomBytes(32);
let t: TestApp;
let outDir: string;

before(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-schedule-"));
  t = await buildTestApp({ config: { workers: true, snapshotEveryMonths: 1, snapshotDir: outDir, snapshotCheckSeconds: 1, encryptionKey: key.toString("hex") } });
});

test("the period boundaries: next snapshot when the current period completes", () => {
  assert.equal(nextSnapshotAt(new Date("2026-05-10T12:00:00Z"), 6).toISOString().slice(0, 10), "2026-07-01");
  assert.equal(nextSnapshotAt(new Date("2026-07-01T00:00:00Z"), 6).toISOString().slice(0, 10), "2027-01-01");
  assert.equal(nextSnapshotAt(new Date("2026-11-23T08:00:00Z"), 1).toISOString().slice(0, 10), "2026-12-01");
  assert.equal(nextSnapshotAt(new Date("2026-12-15T08:00:00Z"), 3).toISOString().slice(0, 10), "2027-01-01");
  assert.equal(nextSnapshotAt(new Date("2026-03-31T23:00:00Z"), 12).toISOString().slice(0, 10), "2027-01-01");
});

test("config: every half year by default, into the data dir; a period must divide the year", () => {
  const cfg = loadConfig({ VAXEL_DATA_DIR: "/srv/vaxel" });
  assert.equal(cfg.snapshotEveryMonths, 6);
  assert.equal(cfg.snapshotDir, "/srv/vaxel/snapshots");
  assert.equal(loadConfig({ VAXEL_SNAPSHOT_EVERY_MONTHS: "0" }).snapshotEveryMonths, 0);
  assert.throws(() => loadConfig({ VAXEL_SNAPSHOT_EVERY_MONTHS: "5" }), /config_invalid/);
  assert.throws(() => loadConfig({ VAXEL_SNAPSHOT_EVERY_MONTHS: "24" }), /config_invalid/);
});

test("the running server exports every completed period once, records the run and shows last and next", async () => {
  const first = daysAgo(70);
  await seedCapturedComments(t.db.pool, key, { orgId: t.org.id, comments: [
    { id: "c1", postId: "p1", text: "Första kommentaren.", author: "Anna", at: first },
    { id: "c2", postId: "p1", text: "En senare kommentar.", author: "Bo", at: daysAgo(35) },
  ] });
  const expected = completedPeriods(new Date(), 1, first.slice(0, 10));
  let runs: { status: string; packages: string[] }[] = [];
  for (let i = 0; i < 150 && runs.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    runs = (await t.db.pool.query("select status, packages from archive_snapshot_runs where org_id = $1", [t.org.id])).rows;
  }
  assert.equal(runs.length, 1, "the schedule ran within 15 s");
  assert.equal(runs[0]!.status, "ok");
  assert.equal(runs[0]!.packages.length, expected.length);
  const made = await t.db.pool.query<{ f: string; out_path: string; created_by: string }>(
    "select to_char(period_from, 'YYYY-MM-DD') as f, out_path, created_by from archive_exports where org_id = $1 and kind = 'snapshot' order by period_from", [t.org.id]);
  assert.deepEqual(made.rows.map((r) => r.f), expected.map((p) => p.from));
  assert.ok(made.rows.every((r) => r.out_path.startsWith(outDir) && fs.existsSync(path.join(r.out_path, "METS.xml"))));
  assert.ok(made.rows.every((r) => r.created_by === "system:snapshot-schedule"));

  // Later rounds find nothing due: no new package, no new run row.
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal((await t.db.pool.query("select count(*)::int as n from archive_exports where org_id = $1 and kind = 'snapshot'", [t.org.id])).rows[0].n, expected.length);
  assert.equal((await t.db.pool.query("select count(*)::int as n from archive_snapshot_runs where org_id = $1", [t.org.id])).rows[0].n, 1);

  const u = await t.user(["registrar"]);
  const tok = await t.token(u.id, ["records:dispose"]);
  const status = (await t.app.inject({ method: "GET", url: "/api/v1/records/snapshots", headers: { authorization: `Bearer ${tok}` } })).json() as { last: { periodTo: string }; next: string; runs: unknown[] };
  const next = nextSnapshotAt(new Date(), 1).toISOString().slice(0, 10);
  assert.equal(status.last.periodTo, expected.at(-1)!.to);
  assert.equal(status.next, next);
  assert.equal(status.runs.length, 1);
  const { cookie } = await t.login(u.username, u.password);
  const pageRes = await t.app.inject({ method: "GET", url: "/records/archive", headers: { cookie } });
  assert.equal(pageRes.statusCode, 200);
  assert.match(pageRes.body, new RegExp(`${expected.at(-1)!.from} – ${expected.at(-1)!.to}`));
  assert.match(pageRes.body, new RegExp(`id="next-snapshot">[^<]*${next}`));
  const viewer = await t.user(["viewer"]);
  assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/records/snapshots", headers: { authorization: `Bearer ${await t.token(viewer.id, ["records:dispose"])}` } })).statusCode, 403);
});

test("one process at a time: while another holds the lock, a round exports nothing; afterwards it does", async () => {
  const db = await freshDatabase();
  const orgId = (await createOrganisation(db.pool, { slug: "laskommun", name: "Låskommun" })).id;
  await seedCapturedComments(db.pool, key, { orgId, comments: [{ id: "c1", postId: "p1", text: "Hej.", author: "Cia", at: daysAgo(45) }] });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-lock-"));
  const other = await db.pool.connect();
  try {
    await other.query("select pg_advisory_lock(hashtextextended($1, 0))", [`records-snapshots:${orgId}`]);
    const busy = await runDueSnapshots({ pool: db.pool, key }, { everyMonths: 1, outDir: out });
    assert.deepEqual(busy.map((r) => [r.status, r.packages.length]), [["busy", 0]]);
    await other.query("select pg_advisory_unlock(hashtextextended($1, 0))", [`records-snapshots:${orgId}`]);
  } finally {
    other.release();
  }
  // Two rounds at once (two processes): every period still exactly once.
  const both = await Promise.all([runDueSnapshots({ pool: db.pool, key }, { everyMonths: 1, outDir: out }), runDueSnapshots({ pool: db.pool, key }, { everyMonths: 1, outDir: out })]);
  const periods = await db.pool.query<{ f: string; n: number }>("select to_char(period_from, 'YYYY-MM-DD') as f, count(*)::int as n from archive_exports where org_id = $1 group by 1", [orgId]);
  assert.ok(periods.rows.length >= 1);
  assert.ok(periods.rows.every((r) => r.n === 1), JSON.stringify(periods.rows));
  assert.equal(both.flat().reduce((n, r) => n + r.packages.length, 0), periods.rows.length);
});
