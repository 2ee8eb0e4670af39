// Legal holds are records too: placing one and releasing it are append-only
// rows (a release is a row of its own, never an update of the hold), each
// copied into an archive stream on insert, so `vaxel records verify` finds a
// hold or release altered, deleted or slipped in past the triggers.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import type { Pool } from "../src/platform/db/pool.ts";
import { verifyRecords } from "../src/records/archive/verify-records.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
let tok: string;
const key = randomBytes(32);

before(async () => {
  t = await buildTestApp();
  await seedCapturedComments(t.db.pool, key, {
    orgId: t.org.id,
    comments: [
      { id: "p1", kind: "post", text: "Simhallen stänger för renovering.", author: "Staden", at: "2023-01-10T08:00:00Z" },
      { id: "c1", postId: "p1", text: "Tråkigt!", author: "Anna", at: "2023-01-11T10:00:00Z" },
    ],
  });
  const u = await t.user(["registrar"]);
  tok = await t.token(u.id, ["records:dispose", "records:read"]);
});

async function api(method: "GET" | "POST", url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${tok}` }, ...(payload ? { payload: payload as object } : {}) });
}

/** A superuser bypassing the append-only triggers, as an attacker with SQL access could. */
async function tamper(pool: Pool, sql: string, params: unknown[] = []) {
  const c = await pool.connect();
  try {
    await c.query("set session_replication_role = replica");
    await c.query(sql, params);
  } finally {
    await c.query("set session_replication_role = origin");
    c.release();
  }
}

const holdStream = async (stream: string) => (await t.db.pool.query<{ record_id: string; payload: Record<string, unknown> }>(
  "select record_id, payload from archive_entries where org_id = $1 and stream = $2 order by seq", [t.org.id, stream])).rows;

test("placing and releasing a hold are rows of their own, archived; the hold is never changed", async () => {
  const placed = await api("POST", "/api/v1/records/legal-holds", { reason: "Överklagande gällande simhallen", postPlatformId: "p1" });
  assert.equal(placed.statusCode, 201, placed.body);
  const holdId = placed.json().id as string;
  const before = (await t.db.pool.query("select to_jsonb(h) as row from legal_holds h where id = $1", [holdId])).rows[0].row;
  assert.deepEqual((await holdStream("records.legal-holds")).map((e) => e.record_id), [holdId]);

  const released = await api("POST", `/api/v1/records/legal-holds/${holdId}/release`, { reason: "Överklagandet avgjort" });
  assert.equal(released.statusCode, 204, released.body);
  // Released twice: refused, and the first release stands.
  assert.equal((await api("POST", `/api/v1/records/legal-holds/${holdId}/release`)).statusCode, 409);
  assert.deepEqual((await t.db.pool.query("select to_jsonb(h) as row from legal_holds h where id = $1", [holdId])).rows[0].row, before);
  const releases = await holdStream("records.legal-hold-releases");
  assert.equal(releases.length, 1);
  assert.equal(releases[0]!.record_id, holdId);
  assert.equal(releases[0]!.payload.reason, "Överklagandet avgjort");

  // The list: active holds by default, all with their releases on request.
  assert.deepEqual((await api("GET", "/api/v1/records/legal-holds")).json(), []);
  const all = (await api("GET", "/api/v1/records/legal-holds?all=true")).json() as { id: string; released: { reason: string } | null }[];
  assert.deepEqual(all.map((h) => [h.id, h.released?.reason]), [[holdId, "Överklagandet avgjort"]]);

  // PostgreSQL refuses changing either table, whoever asks.
  await assert.rejects(t.db.pool.query("update legal_holds set reason = 'x' where id = $1", [holdId]), /append-only/);
  await assert.rejects(t.db.pool.query("delete from legal_holds where id = $1", [holdId]), /append-only/);
  await assert.rejects(t.db.pool.query("delete from legal_hold_releases where hold_id = $1", [holdId]), /append-only/);
  await assert.rejects(t.db.pool.query("truncate legal_hold_releases"), /append-only/);
  assert.equal((await verifyRecords(t.db.pool, { orgId: t.org.id, key })).ok, true);
});

test("verify catches a hold altered in SQL, and a release deleted to revive one", async () => {
  const holdId = (await api("POST", "/api/v1/records/legal-holds", { reason: "Tvist om simhallen", postPlatformId: "p1" })).json().id as string;
  assert.equal((await verifyRecords(t.db.pool, { orgId: t.org.id, key })).ok, true);

  await tamper(t.db.pool, "update legal_holds set post_platform_id = 'p9' where id = $1", [holdId]);
  const altered = await verifyRecords(t.db.pool, { orgId: t.org.id, key });
  assert.equal(altered.ok, false);
  const c = altered.chains.find((x) => x.chainKey === "records.legal-holds")!;
  assert.equal(c.ok, false);
  assert.equal(c.firstBreak?.kind, "row_altered");
  assert.equal((c.firstBreak?.detail as { recordId: string }).recordId, holdId);
  assert.match(c.firstBreak!.actual, /"post_platform_id": ?"p9"/);
  assert.match(c.firstBreak!.expected, /"post_platform_id": ?"p1"/);
  await tamper(t.db.pool, "update legal_holds set post_platform_id = 'p1' where id = $1", [holdId]);
  assert.equal((await verifyRecords(t.db.pool, { orgId: t.org.id, key })).ok, true);

  // An earlier release deleted (the first test's hold would then hold again).
  await tamper(t.db.pool, "delete from legal_hold_releases where org_id = $1", [t.org.id]);
  const deleted = await verifyRecords(t.db.pool, { orgId: t.org.id, key });
  const r = deleted.chains.find((x) => x.chainKey === "records.legal-hold-releases")!;
  assert.equal(r.ok, false);
  assert.equal(r.firstBreak?.kind, "row_deleted");
});
