// Disposal and the delivery bodies: a webhook body may carry several items, so
// it is removed with the last version that refers to it — never while another
// item (a newer one, or one under legal hold) still does — and the kept
// disposal log names the bodies each run removed.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { createDisposalRule, placeLegalHold, releaseLegalHold } from "../src/records/disposal/disposal-rules.ts";
import { executeDisposal } from "../src/records/disposal/execute-disposal.ts";
import { verifyRecords } from "../src/records/archive/verify-records.ts";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { freshDatabase, type TestDb } from "./helpers/db.ts";

const key = randomBytes(32);
const actor = { id: null, label: "arkivarie" };
const OLD = "2023-03-01T10:00:00Z";
let db: TestDb;
let orgId: string;
const body: Record<string, string> = {};

const bodyOf = async (platformItemId: string) =>
  (await db.pool.query<{ sha: string }>("select delivery_sha256 as sha from capture_versions where org_id = $1 and platform_item_id = $2", [orgId, platformItemId])).rows[0]!.sha;
const bodyExists = async (sha: string) =>
  (await db.pool.query("select 1 from capture_deliveries where org_id = $1 and body_sha256 = $2", [orgId, sha])).rowCount === 1;

before(async () => {
  db = await freshDatabase();
  orgId = (await createOrganisation(db.pool, { slug: "gallringskommun", name: "Gallringskommun" })).id;
  // Three deliveries (one body each): A carries an old and a new comment, B two
  // old ones (one on a post that will be under legal hold), C one old one.
  await seedCapturedComments(db.pool, key, { orgId, comments: [
    { id: "a1", postId: "pa", text: "Gammal kommentar i leverans A.", author: "Anna", at: OLD },
    { id: "a2", postId: "pa", text: "Ny kommentar i leverans A.", author: "Axel", at: new Date().toISOString() },
  ] });
  await seedCapturedComments(db.pool, key, { orgId, comments: [
    { id: "b1", postId: "pb1", text: "Gammal kommentar i leverans B.", author: "Bo", at: OLD },
    { id: "b2", postId: "pb2", text: "Kommentar som omfattas av en tvist.", author: "Bea", at: OLD },
  ] });
  await seedCapturedComments(db.pool, key, { orgId, comments: [{ id: "c1", postId: "pc", text: "Ensam i leverans C.", author: "Cia", at: OLD }] });
  for (const [name, item] of [["A", "a1"], ["B", "b1"], ["C", "c1"]] as const) body[name] = await bodyOf(item);
  assert.equal(new Set(Object.values(body)).size, 3);
  assert.equal(await bodyOf("a2"), body.A);
  assert.equal(await bodyOf("b2"), body.B);
});

test("a shared delivery body goes with the last item that refers to it, not before; legal hold respected; the log names it", async () => {
  const { id: ruleId } = await createDisposalRule({ pool: db.pool }, { orgId, recordType: "comment", keepMonths: 24, planReference: "DHP 2.3", description: "Kommentarer gallras efter två år", actor });
  const hold = await placeLegalHold({ pool: db.pool }, { orgId, reason: "Tvist om inlägg pb2", postPlatformId: "pb2", actor });

  const first = await executeDisposal({ pool: db.pool }, { orgId, ruleId, actor });
  assert.deepEqual([first.disposed, first.held], [3, 1]);
  // C's body had no other item; A's still carries a2 (too new), B's still carries b2 (held).
  assert.deepEqual(first.deliveriesRemoved, [body.C]);
  assert.equal(await bodyExists(body.C!), false);
  assert.equal(await bodyExists(body.A!), true);
  assert.equal(await bodyExists(body.B!), true);
  // PostgreSQL refuses removing a body some version still refers to, even one the log has seen.
  await assert.rejects(db.pool.query("delete from capture_deliveries where org_id = $1 and body_sha256 = $2", [orgId, body.A]), /append-only/);
  await assert.rejects(db.pool.query("delete from capture_deliveries where org_id = $1 and body_sha256 = $2", [orgId, body.B]), /append-only/);

  await releaseLegalHold({ pool: db.pool }, { orgId, holdId: hold.id, actor });
  const second = await executeDisposal({ pool: db.pool }, { orgId, ruleId, actor });
  assert.equal(second.disposed, 1);
  assert.deepEqual(second.deliveriesRemoved, [body.B]);
  assert.equal(await bodyExists(body.B!), false);
  assert.equal(await bodyExists(body.A!), true);

  // The kept disposal log names the bodies each run removed, and the archive still verifies.
  const log = await db.pool.query<{ payload: { runId: string; deliveriesRemoved: string[] } }>(
    "select payload from archive_entries where org_id = $1 and stream = 'records.disposal' order by seq", [orgId]);
  assert.deepEqual(log.rows.map((r) => r.payload.deliveriesRemoved), [[body.C], [body.B]]);
  assert.deepEqual(log.rows.map((r) => r.payload.runId), [first.runId, second.runId]);
  const v = await verifyRecords(db.pool, { orgId, key });
  assert.equal(v.ok, true, JSON.stringify(v.chains.filter((c) => !c.ok)));
});
