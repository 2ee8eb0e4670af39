// The CLI contract: --help on every subcommand, documented exit codes, the
// same error codes as the API, secrets masked.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { AppError } from "../src/platform/errors.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { freshDatabase } from "./helpers/db.ts";

const run = promisify(execFile);
const VAXEL = path.resolve(import.meta.dirname, "../bin/vaxel");

async function vaxel(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(VAXEL, args, { env: { ...process.env, LOG_LEVEL: "silent", ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

test("every command and subcommand has --help", async () => {
  const top = await vaxel(["--help"]);
  assert.equal(top.code, 0);
  const commands = ["serve", "migrate", "config", "users list", "users create", "users set-password", "users grant", "tokens create", "audit verify", "demo reset", "analyze", "eval"];
  for (const c of commands) assert.match(top.stdout, new RegExp(`^\\s+${c.split(" ")[0]!}\\b`, "m"), c);
  // Four at a time: each is a process start, and the suite shares two cores.
  for (let i = 0; i < commands.length; i += 4) {
    const batch = commands.slice(i, i + 4);
    const results = await Promise.all(batch.map((c) => vaxel([...c.split(" "), "--help"])));
    results.forEach((r, j) => {
      assert.equal(r.code, 0, `${batch[j]} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage: vaxel/);
    });
  }
});

test("unknown commands and options exit 2", async () => {
  assert.equal((await vaxel(["no-such-command"])).code, 2);
  assert.equal((await vaxel(["audit", "verify", "--bogus"])).code, 2);
});

test("invalid configuration exits 1 with config_invalid and the key", async () => {
  const r = await vaxel(["config"], { PORT: "not-a-port" });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /config_invalid: Ogiltig konfiguration\. \/ Invalid configuration\..*PORT/);
});

test("vaxel config masks secrets", async () => {
  const r = await vaxel(["config", "--json"], { DATABASE_URL: "postgres://u:supersecret@127.0.0.1:1/x", SMTP_URL: "smtp://a:pw123@h" });
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.stdout, /supersecret|pw123/);
  assert.ok(JSON.parse(r.stdout).length > 10);
});

test("vaxel migrate on an external database (DATABASE_URL) is idempotent", async () => {
  const db = await freshDatabase();
  const r = await vaxel(["migrate"], { DATABASE_URL: db.url });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /schema version \d+ \(0 applied now\)/);
});

test("a failing migration is rolled back, reported as migration_failed, and nothing after it runs", async () => {
  const db = await freshDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-mig-"));
  fs.writeFileSync(path.join(dir, "0001_ok.sql"), "create table mig_ok (id int);");
  fs.writeFileSync(path.join(dir, "0002_bad.sql"), "create table mig_bad (id int); select no_such_function();");
  fs.writeFileSync(path.join(dir, "0003_later.sql"), "create table mig_later (id int);");
  await db.pool.query("drop table if exists schema_migrations");
  await assert.rejects(migrate(db.pool, { dir }), (e: unknown) => e instanceof AppError && e.code === "migration_failed" && /0002_bad/.test(e.message));
  const tables = (await db.pool.query("select relname from pg_class where relname like 'mig_%' order by 1")).rows.map((r) => r.relname);
  assert.deepEqual(tables, ["mig_ok"]);
  fs.rmSync(dir, { recursive: true });
});

test("vaxel migrate against an unreachable database exits 1 with database_unavailable", async () => {
  const r = await vaxel(["migrate"], { DATABASE_URL: "postgres://u:p@127.0.0.1:1/none" });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /database_unavailable/);
});
