// Disposal (gallring): a rule from the document management plan, a dry run,
// a legal hold that stops disposal of what it covers (enforced in
// PostgreSQL), execution logged in the kept disposal log, and the archive
// still verifying across the disposed links.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { verifyRecords } from "../src/records/archive/verify-records.ts";
import { recordCheckpoints } from "../src/records/archive/checkpoints.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
let tok: string;
let channelId: string;
const key = randomBytes(32);

before(async () => {
  t = await buildTestApp();
  const s = await seedCapturedComments(t.db.pool, key, {
    orgId: t.org.id,
    comments: [
      { id: "p1", kind: "post", text: "Simhallen stänger för renovering.", author: "Staden", at: "2023-01-10T08:00:00Z" },
      { id: "c1", postId: "p1", text: "Tråkigt!", author: "Anna", at: "2023-01-11T10:00:00Z" },
      { id: "c2", postId: "p1", text: "När öppnar den igen?", author: "Bo", at: "2023-01-12T10:00:00Z" },
      { id: "c3", postId: "p2", text: "Bra initiativ med cykelbanan.", author: "Cia", at: "2023-02-01T10:00:00Z" },
      { id: "c4", postId: "p2", text: "Ny kommentar i år.", author: "Dan", at: new Date().toISOString() },
    ],
  });
  channelId = s.channel.id;
  const u = await t.user(["registrar"]);
  tok = await t.token(u.id, ["records:dispose", "records:read"]);
  await recordCheckpoints({ pool: t.db.pool, key }, { orgId: t.org.id });
});

async function api(method: "GET" | "POST", url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${tok}` }, ...(payload ? { payload: payload as object } : {}) });
}

test("only the disposal log opens the capture tables; a legal hold closes them in PostgreSQL", async () => {
  await assert.rejects(t.db.pool.query("delete from capture_versions where org_id = $1", [t.org.id]), /append-only/);
  await assert.rejects(t.db.pool.query("delete from captured_items where org_id = $1", [t.org.id]), /append-only/);
  const rule = await t.db.pool.query<{ id: string }>(`insert into disposal_rules (org_id, record_type, keep_months, plan_reference, description, created_by)
    values ($1, 'comment', 12, 'DHP test', 'test', 'test') returning id`, [t.org.id]);
  const hold = await t.db.pool.query<{ id: string }>("insert into legal_holds (org_id, reason, post_platform_id, created_by) values ($1, 'Tvist om simhallen', 'p1', 'test') returning id", [t.org.id]);
  // Writing a disposal log entry for a held item by hand is refused too.
  await assert.rejects(t.db.pool.query(
    `insert into disposed_versions (org_id, channel_id, seq, version_id, item_id, prev_hash, hash, content_hash, rule_id, run_id, disposed_by)
     select org_id, channel_id, seq, id, item_id, prev_hash, hash, content_hash, $2, gen_random_uuid(), 'x' from capture_versions
      where org_id = $1 and platform_item_id = 'c1'`, [t.org.id, rule.rows[0]!.id]), /legal hold/);
  await t.db.pool.query("insert into legal_hold_releases (org_id, hold_id, released_by) values ($1, $2, 'test')", [t.org.id, hold.rows[0]!.id]);
});

test("dry run, legal hold, execution, kept log, and the chain still verifies", async () => {
  const rule = await api("POST", "/api/v1/records/disposal-rules", { recordType: "comment", keepMonths: 24, planReference: "DHP 1.4.2", description: "Kommentarer som inte diarieförts gallras efter två år" });
  assert.equal(rule.statusCode, 201, rule.body);
  const ruleId = rule.json().id as string;
  let plan = (await api("GET", `/api/v1/records/disposal-rules/${ruleId}/plan`)).json() as { disposable: { platformItemId: string }[]; held: { platformItemId: string }[] };
  assert.deepEqual(plan.disposable.map((x) => x.platformItemId), ["c1", "c2", "c3"]);
  const hold = await api("POST", "/api/v1/records/legal-holds", { reason: "Begäran om överprövning gällande simhallen", postPlatformId: "p1" });
  assert.equal(hold.statusCode, 201, hold.body);
  plan = (await api("GET", `/api/v1/records/disposal-rules/${ruleId}/plan`)).json();
  assert.deepEqual(plan.disposable.map((x) => x.platformItemId), ["c3"]);
  assert.deepEqual(plan.held.map((x) => x.platformItemId), ["c1", "c2"]);
  // A dry run destroys nothing.
  assert.equal((await t.db.pool.query("select count(*)::int as n from captured_items where org_id = $1", [t.org.id])).rows[0].n, 5);

  // c3 waits in the moderation queue (the projection and a dirty mark): both go with the item.
  const c3 = (await t.db.pool.query<{ id: string }>("select id from captured_items where org_id = $1 and platform_item_id = 'c3'", [t.org.id])).rows[0]!.id;
  await t.db.pool.query(`insert into moderation_queue (org_id, item_id, channel_id, view, severity, rank, captured_at) values ($1, $2, $3, 'needs_review', 0.5, -0.5, now())
                         on conflict (org_id, item_id) do nothing`, [t.org.id, c3, channelId]);
  await t.db.pool.query("insert into moderation_queue_dirty (org_id, item_id) values ($1, $2) on conflict do nothing", [t.org.id, c3]);

  const run = await api("POST", `/api/v1/records/disposal-rules/${ruleId}/execute`);
  assert.equal(run.statusCode, 200, run.body);
  const result = run.json() as { runId: string; disposed: number; versions: number; held: number };
  assert.deepEqual([result.disposed, result.versions, result.held], [1, 1, 2]);
  const left = await t.db.pool.query<{ platform_item_id: string }>("select platform_item_id from captured_items where org_id = $1 order by 1", [t.org.id]);
  assert.deepEqual(left.rows.map((r) => r.platform_item_id), ["c1", "c2", "c4", "p1"]);
  assert.equal((await t.db.pool.query("select count(*)::int as n from capture_versions where org_id = $1 and text like '%cykelbanan%'", [t.org.id])).rows[0].n, 0);
  for (const table of ["moderation_queue", "moderation_queue_dirty"]) {
    assert.equal((await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and item_id = $2`, [t.org.id, c3])).rows[0].n, 0, table);
  }
  // The log is kept: the run in the archive chain and the links in disposed_versions.
  const log = await t.db.pool.query("select payload from archive_entries where org_id = $1 and stream = 'records.disposal'", [t.org.id]);
  assert.equal(log.rows[0].payload.planReference, "DHP 1.4.2");
  assert.deepEqual(log.rows[0].payload.items.map((i: { platformItemId: string }) => i.platformItemId), ["c3"]);
  await assert.rejects(t.db.pool.query("delete from disposed_versions"), /append-only/);

  // The chain links across the disposed link, and the earlier checkpoint still holds.
  const v = await verifyRecords(t.db.pool, { orgId: t.org.id, key });
  assert.equal(v.ok, true, JSON.stringify(v.chains.filter((c) => !c.ok)));
  assert.match(v.chains.find((c) => c.chainKey === channelId)!.label, /1 gallrade/);

  // Released hold: the rest can go.
  await api("POST", `/api/v1/records/legal-holds/${hold.json().id}/release`);
  assert.equal((await api("POST", `/api/v1/records/disposal-rules/${ruleId}/execute`)).json().disposed, 2);
  assert.equal((await verifyRecords(t.db.pool, { orgId: t.org.id, key })).ok, true);

  // The past runs, from the kept log: newest first, what went under which rule.
  const runs = (await api("GET", "/api/v1/records/disposal-runs")).json() as { runId: string; rule: { planReference: string; recordType: string }; items: { platformItemId: string; kind: string; versions: number }[]; heldBack: number }[];
  assert.deepEqual(runs.map((r) => [r.rule.planReference, r.items.map((i) => i.platformItemId).sort(), r.heldBack]), [["DHP 1.4.2", ["c1", "c2"], 0], ["DHP 1.4.2", ["c3"], 2]]);
  assert.equal(runs[1]!.runId, result.runId);
  assert.deepEqual(runs[1]!.items.map((i) => [i.kind, i.versions]), [["comment", 1]]);
  // And on the page, with the record type as a word (the code stays in the JSON).
  const u = await t.user(["registrar"]);
  const { cookie } = await t.login(u.username, u.password);
  const html = (await t.app.inject({ method: "GET", url: "/records/disposal", headers: { cookie } })).body;
  const logHtml = html.slice(html.indexOf('id="disposal-log"'));
  assert.match(logHtml, /DHP 1\.4\.2 – Kommentarer som inte diarieförts gallras efter två år \(kommentar; skrivet före \d{4}-\d\d-\d\d\)/);
  assert.match(logHtml, /Vad som gallrades \(2\)/);
  assert.match(logHtml, /2023-02-01 · kommentar c3 \(1 versioner\)/);
  assert.doesNotMatch(html.slice(0, html.indexOf('id="disposal-log"')), /<td>comment<\/td>/);
});

test("vaxel records dispose: dry run by default, --execute disposes", async () => {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const path = await import("node:path");
  const run = promisify(execFile);
  const vaxel = path.resolve(import.meta.dirname, "../bin/vaxel");
  const env = { ...process.env, DATABASE_URL: t.db.url, VAXEL_ENCRYPTION_KEY: key.toString("hex"), LOG_LEVEL: "silent" };
  const rule = await api("POST", "/api/v1/records/disposal-rules", { recordType: "post", keepMonths: 12, planReference: "DHP 1.1", description: "Inlägg" });
  const ruleId = rule.json().id as string;
  const dry = await run(vaxel, ["records", "dispose", "--rule", ruleId], { env });
  assert.match(dry.stdout, /gallras \/ dispose .* post\s+p1/);
  assert.equal((await t.db.pool.query("select count(*)::int as n from captured_items where org_id = $1 and kind = 'post'", [t.org.id])).rows[0].n, 1);
  const done = await run(vaxel, ["records", "dispose", "--rule", ruleId, "--execute", "--json"], { env });
  assert.equal(JSON.parse(done.stdout).disposed, 1);
});
