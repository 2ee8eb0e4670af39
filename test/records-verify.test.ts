// The archive is tamper-evident: `vaxel records verify` finds a row altered
// directly in SQL (bypassing the append-only triggers as a superuser would),
// a tail cut off below a checkpoint, a chain rewritten forward, and an altered
// archive entry (decisions, replies, block lists use the same stream chain).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { recordAuditEvent } from "../src/platform/audit/index.ts";
import { withTx, type Pool } from "../src/platform/db/pool.ts";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { appendArchiveEntry, ARCHIVE_STREAMS } from "../src/records/archive/append-archive-entry.ts";
import { recordCheckpoints } from "../src/records/archive/checkpoints.ts";
import { recordsTick } from "../src/records/background.ts";
import { verifyRecords } from "../src/records/archive/verify-records.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { freshDatabase } from "./helpers/db.ts";

const run = promisify(execFile);
const VAXEL = path.resolve(import.meta.dirname, "../bin/vaxel");

async function setup() {
  const db = await freshDatabase();
  const key = randomBytes(32);
  const org = await createOrganisation(db.pool, { slug: "verifykommun", name: "Verifykommun" });
  const seeded = await seedCapturedComments(db.pool, key, {
    orgId: org.id,
    comments: [
      { id: "p1", kind: "post", text: "Simhallen öppnar i maj!", author: "Staden", at: "2026-05-01T08:00:00Z" },
      { id: "c1", postId: "p1", text: "Äntligen, vi har väntat länge.", author: "Anna Svensson", at: "2026-05-02T10:00:00Z" },
      { id: "c2", postId: "p1", text: "Mitt personnummer är 19121212-1212, ring mig.", author: "Bo Ek", at: "2026-05-03T11:00:00Z" },
      { id: "c3", postId: "p1", text: "Vilka öppettider gäller?", author: "Cecilia Ö", at: "2026-05-04T12:00:00Z" },
    ],
  });
  const item = (id: string) => seeded.created.find((v) => v.platformItemId === id)!.itemId;
  const channelId = seeded.channel.id;
  // Moderation writes its own append-only tables; the archive copies each row into its stream.
  const decision = (itemId: string, kind: string, rule: string) => db.pool.query<{ id: string }>(
    `insert into moderation_decisions (org_id, item_id, channel_id, kind, rule_id, legal_basis, actor_label)
     values ($1, $2, $3, $4, $5, 'page-rule', 'moderator1') returning id`, [org.id, itemId, channelId, kind, rule]);
  const d1 = await decision(item("c2"), "hide", "personal_data");
  await db.pool.query(`insert into moderation_bans (org_id, channel_id, author_platform_id, author_name, decision_id, rule_id, legal_basis, strikes, warned, actor_label)
                       values ($1, $2, 'u-spam', 'Spam Spamsson', $3, 'spam', 'page-rule', 3, true, 'moderator1')`, [org.id, channelId, d1.rows[0]!.id]);
  await decision(item("c3"), "reply", "misleading");
  await withTx(db.pool, async (tx) => {
    await recordAuditEvent(tx, { orgId: org.id, actor: { id: null, label: "test" }, action: "test.event", targetType: "test" });
    await appendArchiveEntry(tx, { orgId: org.id, stream: ARCHIVE_STREAMS.registrations, recordType: "registration", recordId: "r1", payload: { diaryNumber: "KS 2026/00001" } });
  });
  return { db, key, org, channelId, decisionId: d1.rows[0]!.id };
}

/** A superuser bypassing the append-only triggers, as an attacker with SQL access could. */
async function tamper(pool: Pool, sql: string, params: unknown[] = []) {
  const c = await pool.connect();
  try {
    await c.query("set session_replication_role = replica");
    await c.query(sql, params);
    await c.query("set session_replication_role = origin");
  } finally {
    c.release();
  }
}

test("an untouched archive verifies; the append-only triggers refuse changes", async () => {
  const { db, key, org, channelId } = await setup();
  await recordCheckpoints({ pool: db.pool, key }, { orgId: org.id });
  const r = await verifyRecords(db.pool, { orgId: org.id, key });
  assert.equal(r.ok, true, JSON.stringify(r));
  const labels = r.chains.map((c) => c.label);
  for (const l of ["capture: ", "audit", "archive: moderation.decisions (moderation_decisions)", "archive: moderation.blocklist (moderation_bans)", "archive: records.registrations"]) {
    assert.ok(labels.some((x) => x.startsWith(l)), `${l} in ${labels.join(" | ")}`);
  }
  assert.equal(r.chains.find((c) => c.chainKey === "moderation.decisions")?.checked, 2);
  assert.equal(r.checkpoints.checked, 5);
  await assert.rejects(db.pool.query("update capture_versions set text = 'x' where channel_id = $1", [channelId]), /append-only/);
  await assert.rejects(db.pool.query("delete from archive_entries"), /append-only/);
  await assert.rejects(db.pool.query("update records_checkpoints set head_seq = 0"), /append-only/);
  // A second checkpoint with nothing new records nothing.
  assert.equal((await recordCheckpoints({ pool: db.pool, key }, { orgId: org.id })).recorded.length, 0);
});

test("a captured comment altered in SQL is caught with what was altered; the CLI exits 1", async () => {
  const { db, key, org, channelId } = await setup();
  const env = { ...process.env, DATABASE_URL: db.url, VAXEL_ENCRYPTION_KEY: key.toString("hex"), LOG_LEVEL: "silent" };
  const before = await run(VAXEL, ["records", "verify"], { env });
  assert.match(before.stdout, /oförändrat/);
  await tamper(db.pool, "update capture_versions set text = 'Jag gillar simhallen.' where channel_id = $1 and platform_item_id = 'c2'", [channelId]);
  const r = await verifyRecords(db.pool, { orgId: org.id, key });
  assert.equal(r.ok, false);
  const cap = r.chains.find((c) => c.chain === "capture")!;
  assert.equal(cap.firstBreak?.seq, 3);
  assert.equal(cap.firstBreak?.kind, "content_altered");
  assert.deepEqual((cap.firstBreak?.detail?.altered as Record<string, unknown>).text, { stored: "Jag gillar simhallen.", original: "Mitt personnummer är 19121212-1212, ring mig." });
  await assert.rejects(run(VAXEL, ["records", "verify", "--json"], { env }), (e: { code: number; stdout: string }) => {
    assert.equal(e.code, 1);
    assert.equal(JSON.parse(e.stdout).ok, false);
    return true;
  });
});

test("a cut-off tail is caught by the checkpoint; a forward-rewritten chain too", async () => {
  const { db, key, org, channelId } = await setup();
  await recordCheckpoints({ pool: db.pool, key }, { orgId: org.id });
  // Cut off the last capture version: the chain alone still links.
  await tamper(db.pool, "delete from capture_versions where channel_id = $1 and seq = 4", [channelId]);
  let r = await verifyRecords(db.pool, { orgId: org.id, key });
  const cap = r.chains.find((c) => c.chain === "capture")!;
  assert.equal(cap.ok, false);
  assert.equal(cap.firstBreak?.kind, "truncated");

  // Alter a registration and recompute its chain forward so that every link is consistent again.
  await tamper(db.pool, `update archive_entries set payload = '{"diaryNumber":"KS 2026/00009"}',
    hash = archive_entry_hash(prev_hash, org_id, stream, seq, id, at, record_type, record_id, '{"diaryNumber":"KS 2026/00009"}')
    where stream = $1`, [ARCHIVE_STREAMS.registrations]);
  r = await verifyRecords(db.pool, { orgId: org.id, key });
  const reg = r.chains.find((c) => c.chainKey === ARCHIVE_STREAMS.registrations)!;
  assert.equal(reg.ok, false);
  assert.equal(reg.firstBreak?.kind, "checkpoint_mismatch");
});

test("decisions, replies and the block list: an altered, deleted or unarchived row is caught", async () => {
  const { db, key, org, decisionId } = await setup();
  await tamper(db.pool, "update moderation_decisions set kind = 'keep' where id = $1", [decisionId]);
  let r = await verifyRecords(db.pool, { orgId: org.id, key });
  const d = r.chains.find((c) => c.chainKey === ARCHIVE_STREAMS.decisions)!;
  assert.equal(d.firstBreak?.kind, "row_altered");
  assert.equal(d.firstBreak?.seq, 1);
  assert.equal((d.firstBreak?.detail?.archived as { kind: string }).kind, "hide");
  assert.equal((d.firstBreak?.detail?.stored as { kind: string }).kind, "keep");

  await tamper(db.pool, "delete from moderation_bans where org_id = $1", [org.id]);
  r = await verifyRecords(db.pool, { orgId: org.id, key });
  assert.equal(r.chains.find((c) => c.chainKey === ARCHIVE_STREAMS.blocklist)?.firstBreak?.kind, "row_deleted");

});

test("a block-list row slipped in past the archive trigger is caught", async () => {
  const { db, key, org, channelId, decisionId } = await setup();
  await tamper(db.pool, `insert into moderation_bans (org_id, channel_id, author_platform_id, decision_id, rule_id, legal_basis, strikes, warned, actor_label)
                         values ($1, $2, 'u-x', $3, 'spam', 'page-rule', 1, false, 'ghost')`, [org.id, channelId, decisionId]);
  const r = await verifyRecords(db.pool, { orgId: org.id, key });
  const bl = r.chains.find((c) => c.chainKey === ARCHIVE_STREAMS.blocklist)!;
  assert.equal(bl.firstBreak?.kind, "row_unarchived");
  assert.equal((bl.firstBreak?.detail?.stored as { actor_label: string }).actor_label, "ghost");
});

test("an altered archive entry and a forged checkpoint are caught", async () => {
  const { db, key, org } = await setup();
  await recordCheckpoints({ pool: db.pool, key }, { orgId: org.id });
  await tamper(db.pool, `update archive_entries set payload = jsonb_set(payload, '{kind}', '"keep"') where stream = $1 and seq = 1`, [ARCHIVE_STREAMS.decisions]);
  let r = await verifyRecords(db.pool, { orgId: org.id, key });
  const d = r.chains.find((c) => c.chainKey === ARCHIVE_STREAMS.decisions)!;
  assert.equal(d.firstBreak?.seq, 1);
  assert.equal(d.firstBreak?.kind, "content_altered");
  assert.equal((d.firstBreak?.detail?.payload as { kind: string }).kind, "keep");

  await tamper(db.pool, `update records_checkpoints set head_seq = 1,
    hash = records_checkpoint_hash(prev_hash, org_id, seq, at, chain, chain_key, 1, head_hash, signature) where seq = 1`);
  r = await verifyRecords(db.pool, { orgId: org.id, key });
  assert.equal(r.checkpoints.ok, false);
});

test("the stream head is a cache: an altered head makes the next entry link wrongly, which verify reports; a lost head is rebuilt", async () => {
  const { db, key, org } = await setup();
  const append = (recordId: string) => withTx(db.pool, (tx) =>
    appendArchiveEntry(tx, { orgId: org.id, stream: ARCHIVE_STREAMS.registrations, recordType: "registration", recordId, payload: { recordId } }));
  // A lost head row: the next append continues the chain from the entries.
  await db.pool.query("delete from archive_heads where org_id = $1 and stream = $2", [org.id, ARCHIVE_STREAMS.registrations]);
  assert.equal((await append("r2")).seq, 2);
  assert.equal((await verifyRecords(db.pool, { orgId: org.id, key })).ok, true);
  // An altered head: the entry appended after it carries the wrong predecessor.
  await db.pool.query("update archive_heads set hash = repeat('0', 64) where org_id = $1 and stream = $2", [org.id, ARCHIVE_STREAMS.registrations]);
  assert.equal((await append("r3")).seq, 3);
  const r = await verifyRecords(db.pool, { orgId: org.id, key });
  const chain = r.chains.find((c) => c.chainKey === ARCHIVE_STREAMS.registrations)!;
  assert.equal(chain.firstBreak?.seq, 3);
});

test("the background tick indexes and records checkpoints for every organisation", async () => {
  const { db, key, org } = await setup();
  await recordsTick({ pool: db.pool, key });
  const n = await db.pool.query<{ n: number }>("select count(*)::int as n from records_checkpoints where org_id = $1", [org.id]);
  assert.equal(n.rows[0]!.n, 5);
  const s = await db.pool.query<{ n: number }>("select count(*)::int as n from record_search where org_id = $1", [org.id]);
  assert.equal(s.rows[0]!.n, 4);
  assert.equal((await verifyRecords(db.pool, { orgId: org.id, key })).ok, true);
});
