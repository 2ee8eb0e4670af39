// Växel as a new user runs it: `vaxel serve --demo` on a new data dir starts
// the embedded PostgreSQL, prints the admin password once, and serves. CLI
// commands attach to the running server's database. After `kill -9` the next
// start stops the stale PostgreSQL and comes back with everything kept;
// SIGTERM stops cleanly.
import assert from "node:assert/strict";
import { spawn, execFile, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);
const VAXEL = path.resolve(import.meta.dirname, "../bin/vaxel");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-lifecycle-"));
const env = { ...process.env, VAXEL_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "info", DATABASE_URL: "" };

interface Started {
  child: ChildProcess;
  url: string;
  stdout: string;
}

function start(): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(VAXEL, ["serve", "--demo"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${stdout}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
      const m = /Växel: (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, stdout });
      }
    });
    child.stderr!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("exit", (code) => reject(new Error(`exited ${code}:\n${stdout}`)));
  });
}

function postmasterPid(): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, "pg/postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return undefined;
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function login(url: string, password: string): Promise<number> {
  const form = await fetch(`${url}/login`);
  const csrfCookie = form.headers.getSetCookie().find((c) => c.startsWith("vaxel_csrf="))!.split(";")[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ username: "admin", password, _csrf: token }),
  });
  return res.status;
}

describe("server lifecycle on the embedded database", () => {
  let current: ChildProcess | undefined;
  after(async () => {
    if (current && current.exitCode === null) current.kill("SIGKILL");
    const pid = postmasterPid();
    if (alive(pid)) process.kill(pid!, "SIGINT");
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let password = "";

  test("first start: ready, admin password printed once, demo organisation, login works", async () => {
    const t0 = Date.now();
    const s = await start();
    current = s.child;
    const ready = await fetch(`${s.url}/readyz`);
    assert.equal(ready.status, 200);
    process.stdout.write(`# first start ready in ${Date.now() - t0} ms\n`);
    password = /lösenord \/ password:\s+(\S+)/.exec(s.stdout)?.[1] ?? "";
    assert.match(password, /^[A-Za-z0-9]{20}$/);
    assert.equal(await login(s.url, password), 303);
    assert.equal(await login(s.url, "wrong-password-123"), 401);
  });

  test("a CLI command attaches to the running server's database instead of starting another", async () => {
    const pidBefore = postmasterPid();
    const { stdout } = await run(VAXEL, ["users", "list"], { env });
    assert.match(stdout, /^admin\s+admin/m);
    assert.equal(postmasterPid(), pidBefore);
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, "server.json"), "utf8"));
    assert.equal(info.ownerPid, current!.pid, "the server (not the CLI) owns the cluster");
    assert.equal(fs.statSync(path.join(dataDir, "server.json")).mode & 0o077, 0, "connection file is private");
  });

  test("kill -9, then start again: the stale PostgreSQL is stopped and everything is kept", async () => {
    const oldPg = postmasterPid();
    current!.kill("SIGKILL");
    await new Promise((r) => current!.once("exit", r));
    assert.ok(alive(oldPg), "PostgreSQL outlives a killed Växel");
    const s = await start();
    current = s.child;
    assert.doesNotMatch(s.stdout, /lösenord \/ password/, "no second admin on restart");
    assert.equal(await login(s.url, password), 303);
    assert.notEqual(postmasterPid(), oldPg);
    const { stdout } = await run(VAXEL, ["audit", "verify"], { env });
    assert.match(stdout, /trollhattan: ok/);
  });

  test("SIGTERM stops Växel and its PostgreSQL cleanly", async () => {
    const pg = postmasterPid();
    current!.kill("SIGTERM");
    const code = await new Promise((r) => current!.once("exit", r));
    assert.equal(code, 0);
    for (let i = 0; i < 50 && alive(pg); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(pg), false);
  });
});
