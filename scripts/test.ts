// `npm test`: lint, type check, then every test (unit, API, CLI, browser) on a
// real PostgreSQL. Starts one embedded PostgreSQL for the run (or uses
// TEST_DATABASE_URL), builds a migrated template database once, and each test
// file clones it (test/helpers/db.ts). Installs Debian's Chromium for the
// browser tests when it is missing. Exits non-zero when anything fails.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbedded } from "../src/platform/db/embedded.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { createPool, withDatabase } from "../src/platform/db/pool.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (n: string) => path.join(root, "node_modules/.bin", n);
const failures: string[] = [];

function step(name: string, cmd: string, args: string[]): void {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  const ok = r.status === 0;
  process.stdout.write(`${ok ? "✔" : "✖"} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  if (!ok) failures.push(name);
}

function ensureChromium(): void {
  if (fs.existsSync("/usr/bin/chromium")) return;
  if (os.userInfo().uid !== 0) {
    process.stdout.write("Chromium missing and not root: install Debian's `chromium` package for the browser tests\n");
    return;
  }
  process.stdout.write("\n▶ installing Debian chromium for the browser tests (apt-get)\n");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const r = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"], { stdio: "inherit", env });
  if (r.status !== 0) failures.push("install chromium");
}

const only = process.argv.slice(2); // optional test file globs
if (only.length === 0) {
  step("lint (eslint)", bin("eslint"), ["."]);
  step("type check (tsc --noEmit)", bin("tsc"), ["--noEmit", "-p", "."]);
}
ensureChromium();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let stopPg = async () => undefined as void;
let maintenanceUrl = process.env.TEST_DATABASE_URL ?? "";
if (!maintenanceUrl) {
  // One data directory per run, so two runs in one checkout (a developer's
  // subset beside a full run) never stop each other's server; directories of
  // runs that no longer exist are removed.
  const base = path.join(root, ".test-data");
  fs.mkdirSync(base, { recursive: true });
  const oldLayoutRunning = fs.existsSync(path.join(base, "pg", "postmaster.pid")); // a data directory at the top (older runs)
  for (const d of fs.readdirSync(base)) {
    const run = /^run-(\d+)$/.exec(d);
    if (run ? !isAlive(Number(run[1])) : !oldLayoutRunning) fs.rmSync(path.join(base, d), { recursive: true, force: true });
  }
  const dir = path.join(base, `run-${process.pid}`);
  const pg = await startEmbedded({ dataDir: dir, attach: false });
  maintenanceUrl = pg.url;
  stopPg = async () => {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
const template = `vaxel_template_${process.pid}`;
{
  const admin = createPool(maintenanceUrl, 1);
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template} template template0 encoding 'UTF8'`);
  await admin.end();
  const pool = createPool(withDatabase(maintenanceUrl, template), 1);
  await migrate(pool);
  await pool.end();
}

const globs = only.length ? only : ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"];
const t0 = Date.now();
process.stdout.write(`\n▶ tests (${globs.join(" ")})\n`);
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    bin("node"),
    ["--test", "--test-reporter=spec", `--test-concurrency=${Math.max(2, os.availableParallelism())}`, "--test-timeout=300000", ...globs],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, VAXEL_TEST_PG_URL: maintenanceUrl, VAXEL_TEST_TEMPLATE: template, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    },
  );
  child.on("close", (c) => resolve(c ?? 1));
});
process.stdout.write(`tests took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
if (code !== 0) failures.push("tests");

{
  const admin = createPool(maintenanceUrl, 1);
  await admin.query(`drop database if exists ${template}`).catch(() => undefined);
  await admin.end();
}
await stopPg();
if (failures.length) {
  process.stdout.write(`\nFAILED: ${failures.join(", ")}\n`);
  process.exit(1);
}
process.stdout.write("\nAll checks passed.\n");
