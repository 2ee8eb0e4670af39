// npm run bench:directory — the public read side under load, in one run:
// (a) the contact-card JSON endpoint, (b) the embeddable HTML card, (c) the
// 304 path (If-None-Match), against (d) a bare Fastify route returning static
// JSON of the same size. For context, (e) the same static JSON as a route of
// the full Växel app, i.e. behind every platform hook (request id, language,
// principal lookup, helmet headers, route guard, metrics).
// The servers run in a child process on the embedded PostgreSQL with the demo
// directory; autocannon runs here, so server and load generator each get a core.
// Target: (a) and (b) at least 70 % of (d). Besides req/s, the server's CPU
// time per request is reported: when other work shares the machine, req/s
// swings with it while CPU per request stays put.
//
// The targets are measured in interleaved rounds (d a b c e, d a b c e, …) and
// each row reports the median round, so load from other work on the machine
// affects every target alike.
//
// Options: --duration 5 (seconds per target and round), --rounds 3, --connections 32.
// DATABASE_URL: use that PostgreSQL instead of a temporary embedded one.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { printTable } from "./lib/table.ts";

const { values: args } = parseArgs({ options: { duration: { type: "string", default: "5" }, rounds: { type: "string", default: "3" }, connections: { type: "string", default: "32" }, serve: { type: "boolean", default: false } } });

interface Ports {
  app: string;
  bare: string;
  cardPath: string;
  htmlPath: string;
  staticPath: string;
  etag: string;
  cardBytes: number;
  bareBytes: number;
}

async function serve(): Promise<void> {
  const { default: Fastify } = await import("fastify");
  const { buildApp } = await import("../src/app.ts");
  const { loadConfig } = await import("../src/config.ts");
  const { seedDemoDirectory } = await import("../src/directory/demo-seeder.ts");
  const { DEMO_IDS } = await import("../src/directory/domain/index.ts");
  const { startEmbedded } = await import("../src/platform/db/embedded.ts");
  const { migrate } = await import("../src/platform/db/migrate.ts");
  const { createPool, ensureDatabase, withDatabase } = await import("../src/platform/db/pool.ts");
  const { createLogger } = await import("../src/platform/logging.ts");
  const { createOrganisation, getOrganisation } = await import("../src/platform/tenancy.ts");

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-bench-dir-"));
  let stopPg = async (): Promise<void> => undefined;
  let url = process.env.DATABASE_URL ?? "";
  if (!url) {
    const pg = await startEmbedded({ dataDir: tmp, attach: false });
    stopPg = () => pg.stop();
    await ensureDatabase(pg.url, "vaxel_bench");
    url = withDatabase(pg.url, "vaxel_bench");
  }
  const pool = createPool(url, 10);
  await migrate(pool);
  const org = (await getOrganisation(pool, "trollhattan")) ?? (await createOrganisation(pool, { slug: "trollhattan", name: "Trollhättans Stad (demo)", domains: ["trollhattan.se"] }));
  await seedDemoDirectory(pool, org.id);

  const cfg = { ...loadConfig({ LOG_LEVEL: "silent", VAXEL_DATA_DIR: tmp }), orgSlug: "trollhattan" };
  const app = await buildApp({ cfg, pool, logger: createLogger("silent") });
  const cardPath = `/api/v1/directory/units/${DEMO_IDS.kontaktcenter}`;
  // Routes must exist before the app is ready; the document is filled in below.
  let staticDoc: object = {};
  app.get("/bench/static", { config: { public: true }, schema: { hide: true } }, async () => staticDoc);
  const first = await app.inject({ method: "GET", url: cardPath });
  staticDoc = first.json() as object;
  await app.listen({ port: 0, host: "127.0.0.1" });
  const bare = Fastify({ logger: false });
  bare.get("/card", async () => staticDoc);
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const port = (s: { server: { address(): unknown } }) => (s.server.address() as { port: number }).port;
  const ports: Ports = {
    app: `http://127.0.0.1:${port(app)}`,
    bare: `http://127.0.0.1:${port(bare)}/card`,
    cardPath,
    htmlPath: `/embed/directory/units/${DEMO_IDS.kontaktcenter}/card.html`,
    staticPath: "/bench/static",
    etag: String(first.headers.etag),
    cardBytes: first.body.length,
    bareBytes: (await bare.inject({ method: "GET", url: "/card" })).body.length,
  };
  process.stdout.write(`${JSON.stringify(ports)}\n`);
  // CPU time of this (server) process, for CPU per request: robust when other work shares the machine.
  process.on("message", (m) => {
    if (m === "cpu") {
      const u = process.cpuUsage();
      process.send?.({ cpu: u.user + u.system });
    }
  });
  process.once("SIGTERM", () => {
    void (async () => {
      await app.close();
      await bare.close();
      await pool.end();
      await stopPg();
      fs.rmSync(tmp, { recursive: true, force: true });
      process.exit(0);
    })();
  });
}

interface Result {
  name: string;
  rps: number;
  /** Server CPU time per request (µs). */
  cpuUs: number;
  p50: number;
  p99: number;
  bytes: number;
  errors: number;
}

let serverCpu: () => Promise<number> = async () => 0;

async function load(name: string, url: string, o: { duration: number; connections: number; headers?: Record<string, string>; expect304?: boolean }): Promise<Result> {
  const headers = o.headers ?? {};
  await autocannon({ url, connections: o.connections, duration: 1, headers }); // warm-up: JIT, caches
  const cpu0 = await serverCpu();
  const r = await autocannon({ url, connections: o.connections, duration: o.duration, headers });
  const cpu1 = await serverCpu();
  const wrongStatus = o.expect304 ? r.requests.total - r.non2xx : r.non2xx;
  return { name, rps: r.requests.average, cpuUs: (cpu1 - cpu0) / Math.max(1, r.requests.total), p50: r.latency.p50, p99: r.latency.p99, bytes: Math.round(r.throughput.average / Math.max(1, r.requests.average)), errors: r.errors + r.timeouts + Math.max(0, wrongStatus) };
}

async function main(): Promise<void> {
  const duration = Number(args.duration);
  const connections = Number(args.connections);
  const child = spawn(process.execPath, [import.meta.filename, "--serve"], { stdio: ["ignore", "pipe", "inherit", "ipc"], env: process.env });
  serverCpu = () =>
    new Promise<number>((resolve) => {
      child.once("message", (m) => resolve((m as { cpu: number }).cpu));
      child.send("cpu");
    });
  const line = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
  });
  const p = JSON.parse(line) as Ports;
  try {
    const o = { duration, connections };
    const targets: [string, string, Partial<Parameters<typeof load>[2]>][] = [
      ["(d) bare Fastify route, static JSON", p.bare, {}],
      ["(a) contact card JSON", p.app + p.cardPath, {}],
      ["(b) HTML card (embed)", p.app + p.htmlPath, {}],
      ["(c) 304 Not Modified (If-None-Match)", p.app + p.cardPath, { headers: { "if-none-match": p.etag }, expect304: true }],
      ["(e) static JSON route in the Växel app", p.app + p.staticPath, {}],
    ];
    const rounds: Result[][] = targets.map(() => []);
    for (let round = 0; round < Number(args.rounds); round++) {
      for (const [i, [name, url, extra]] of targets.entries()) rounds[i]!.push(await load(name, url, { ...o, ...extra }));
    }
    const median = (list: Result[]): Result => {
      const sorted = [...list].sort((x, y) => x.rps - y.rps);
      const mid = sorted[Math.floor(sorted.length / 2)]!;
      return { ...mid, errors: list.reduce((n, r) => n + r.errors, 0) };
    };
    const results = rounds.map(median);
    const bare = results[0]!.rps;
    const inApp = results[4]!.rps;
    printTable(
      `Directory public read side: median of ${args.rounds} interleaved rounds of ${duration} s per target, ${connections} connections, ${os.availableParallelism()} cores (server in a child process); card ${p.cardBytes} B, bare ${p.bareBytes} B`,
      [{ title: "target" }, { title: "req/s", decimals: 0 }, { title: "p50 ms", decimals: 1 }, { title: "p99 ms", decimals: 1 }, { title: "B/resp", decimals: 0 }, { title: "errors" }, { title: "% of bare (d)", decimals: 1 }, { title: "% of in-app (e)", decimals: 1 }, { title: "server CPU µs/req", decimals: 0 }, { title: "CPU-bound % of bare", decimals: 1 }],
      results.map((r) => [r.name, r.rps, r.p50, r.p99, r.bytes, r.errors, (100 * r.rps) / bare, (100 * r.rps) / inApp, r.cpuUs, (100 * results[0]!.cpuUs) / r.cpuUs]),
    );
    const worst = Math.min(results[1]!.rps, results[2]!.rps) / bare;
    const worstCpu = Math.min(results[0]!.cpuUs / results[1]!.cpuUs, results[0]!.cpuUs / results[2]!.cpuUs);
    process.stdout.write(`\nTarget: (a) and (b) ≥ 70 % of the bare route (d): ${worst >= 0.7 ? "met" : "NOT met"} by req/s (lowest ${(100 * worst).toFixed(1)} %), ${worstCpu >= 0.7 ? "met" : "NOT met"} by server CPU per request (lowest ${(100 * worstCpu).toFixed(1)} %)\n`);
    process.stdout.write(`Load average during the run: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} (other work on the machine lowers req/s; CPU per request is the steadier measure)\n`);
    if (results.some((r) => r.errors > 0)) process.exitCode = 1;
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

if (args.serve) await serve();
else await main();
