// The audit trail: append-only in the database, chained by hash, and a row
// altered or removed directly in SQL is caught by `vaxel audit verify`.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { before, describe, test } from "node:test";
import { promisify } from "node:util";
import { recordAuditEvent, verifyAuditChain } from "../src/platform/audit/index.ts";
import { withTx } from "../src/platform/db/pool.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

const run = promisify(execFile);
const VAXEL = path.resolve(import.meta.dirname, "../bin/vaxel");

describe("audit trail", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    for (let i = 0; i < 20; i++) {
      await withTx(t.db.pool, (tx) =>
        recordAuditEvent(tx, {
          orgId: t.org.id,
          actor: { id: null, label: "system" },
          action: "test.event",
          targetType: "thing",
          targetId: String(i),
          before: { n: i, text: "åäö <b>\u200b" },
          after: { n: i + 1, nested: { z: 1, a: [1, 2] } },
        }),
      );
    }
  });

  test("concurrent writers still produce one unbroken chain", async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        withTx(t.db.pool, (tx) =>
          recordAuditEvent(tx, { orgId: t.org.id, actor: { id: null, label: "system" }, action: "test.concurrent", targetType: "thing", targetId: `c${i}` }),
        ),
      ),
    );
    const r = await verifyAuditChain(t.db.pool, t.org.id);
    assert.equal(r.ok, true, JSON.stringify(r));
    const n = (await t.db.pool.query("select count(*)::int as n from audit_events where org_id = $1", [t.org.id])).rows[0].n;
    assert.equal(r.checked, n);
  });

  test("the database refuses UPDATE, DELETE and TRUNCATE of audit events", async () => {
    await assert.rejects(t.db.pool.query("update audit_events set action = 'x'"), /append-only/);
    await assert.rejects(t.db.pool.query("delete from audit_events"), /append-only/);
    await assert.rejects(t.db.pool.query("truncate audit_events"), /append-only/);
  });

  test("vaxel audit verify passes on an intact chain and catches a row altered directly in SQL", async () => {
    const env = { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: "silent" };
    const ok = await run(VAXEL, ["audit", "verify", "--org", t.org.slug], { env });
    assert.match(ok.stdout, /ok, \d+ händelser/);

    // A superuser bypassing the triggers, as someone with database access could.
    const c = await t.db.pool.connect();
    try {
      await c.query("set session_replication_role = replica");
      await c.query("update audit_events set after = '{\"n\": 999}' where org_id = $1 and seq = 7", [t.org.id]);
      await c.query("set session_replication_role = origin");
    } finally {
      c.release();
    }
    const err = await run(VAXEL, ["audit", "verify", "--org", t.org.slug], { env }).then(
      () => assert.fail("verify should exit 1"),
      (e: { code: number; stdout: string }) => e,
    );
    assert.equal(err.code, 1);
    assert.match(err.stdout, /seq 7: content_altered/);

    const json = await run(VAXEL, ["audit", "verify", "--org", t.org.slug, "--json"], { env }).catch((e: { stdout: string }) => e);
    const report = JSON.parse(json.stdout.trim());
    assert.equal(report.ok, false);
    assert.equal(report.firstBreak.seq, 7);
  });

  test("a deleted row is reported as missing", async () => {
    const t2 = await buildTestApp();
    for (let i = 0; i < 5; i++) {
      await withTx(t2.db.pool, (tx) => recordAuditEvent(tx, { orgId: t2.org.id, actor: { id: null, label: "system" }, action: "a", targetType: "x" }));
    }
    const c = await t2.db.pool.connect();
    await c.query("set session_replication_role = replica");
    await c.query("delete from audit_events where org_id = $1 and seq = 3", [t2.org.id]);
    c.release();
    const r = await verifyAuditChain(t2.db.pool, t2.org.id);
    assert.equal(r.ok, false);
    assert.equal(r.firstBreak?.kind, "missing");
    assert.equal(r.firstBreak?.seq, 3);
  });

  test("audit page: filters, escaped content, chain check", async () => {
    const s = await t.login("admin", t.admin.password);
    const res = await t.app.inject({ method: "GET", url: "/audit?action=test.event&verify=1", headers: { cookie: s.cookie } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /test\.event/);
    assert.doesNotMatch(res.body, /<b>\u200b/); // the hostile text is escaped
    assert.match(res.body, /Kedjan är bruten vid händelse 7/);
  });
});
