// node bench/ingest-profile.ts — where PostgreSQL's time goes per comment on
// the bench:ingest path (signed webhooks → capture → analysis → moderation
// queue), for the "where ingest time goes" notes in src/channels/README.md.
// The embedded cluster runs with pg_stat_statements (track = all: statements
// inside functions and triggers too) and track_functions; after a warm-up the
// statistics are reset, the load runs, everything is drained (capture, the
// analysis work list, the queue projection) and the table lists the
// statements by total execution time per acknowledged comment. Times are wall
// time inside PostgreSQL, nested statements included in their callers (the
// lock wait of capture is waiting, not work); the last line splits the
// cluster's CPU by process kind, and the load average says how busy the
// machine was.
//
// Options: --rate 2000 (0: as fast as --connections allow) --seconds 15 --connections 256 --top 30
import os from "node:os";
import { parseArgs } from "node:util";
import { samplePostgresCpuByKind } from "./ingest-cpu.ts";
import { load } from "./ingest-load.ts";
import { startIngestTarget } from "./ingest-setup.ts";
import { generateCorpus } from "./lib/corpus.ts";
import { printTable } from "./lib/table.ts";

const { values: a } = parseArgs({
  options: {
    rate: { type: "string", default: "2000" },
    seconds: { type: "string", default: "15" },
    connections: { type: "string", default: "256" },
    top: { type: "string", default: "30" },
  },
});
const target = await startIngestTarget({
  settings: { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "all", track_functions: "all" },
});
const { pool, app, fb, url } = target;
try {
  await pool.query("create extension if not exists pg_stat_statements");
  const texts = generateCorpus(5000).map((c) => c.text);
  const job = (prefix: string, rate: number, seconds: number) =>
    ({ url, pageId: fb.pageId, appSecret: fb.appSecret, prefix, rate, seconds, connections: Number(a.connections), texts });
  const drain = async () => {
    await app.channels.writer.drain();
    while ((await pool.query<{ n: number }>("select count(*)::int as n from capture_analysis_queue")).rows[0]!.n > 0) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await app.moderation.refresh();
  };
  await load(job("warm", 500, 2));
  await drain();
  await pool.query("select pg_stat_statements_reset(), pg_stat_reset()");
  const cpu = samplePostgresCpuByKind(target.pgData);
  const r = await load(job("p", Number(a.rate), Number(a.seconds)));
  await drain();
  const byKind = cpu.stop();
  const n = Math.max(1, r.ok);
  const oneLine = (q: string) => q.replace(/\s+/g, " ").trim();
  const statements = await pool.query<{ toplevel: boolean; calls: string; rows: string; ms: number; query: string }>(
    `select toplevel, calls, rows, total_exec_time as ms, query from pg_stat_statements
      where query not like '%pg_stat_statements%' order by total_exec_time desc limit $1`, [Number(a.top)]);
  const w = app.channels.writer.stats();
  printTable(
    `Where PostgreSQL's time goes per acknowledged comment: ${r.ok} comments at ${Number(a.rate) ? `${a.rate}/s offered` : `max (${a.connections} connections)`} ` +
      `for ${a.seconds} s, ${Math.round((r.ok / r.wallMs) * 1000)}/s acknowledged, ${w.commits} capture commits; load average (1 min) ${os.loadavg()[0]!.toFixed(2)}`,
    ["level", "calls", "rows", { title: "ms total", decimals: 0 }, { title: "ms/comment", decimals: 4 }, { title: "statement", align: "left" }],
    statements.rows.map((s) => [s.toplevel ? "top" : "nested", Number(s.calls), Number(s.rows), s.ms, s.ms / n, oneLine(s.query).slice(0, 110)]),
  );
  const fns = await pool.query<{ funcname: string; calls: string; total: number; self: number }>(
    "select funcname, calls, total_time as total, self_time as self from pg_stat_user_functions where calls > 0 order by self_time desc");
  printTable("Functions (self: excluding the functions they call)",
    ["function", "calls", { title: "ms/comment total", decimals: 4 }, { title: "ms/comment self", decimals: 4 }],
    fns.rows.map((f) => [f.funcname, Number(f.calls), f.total / n, f.self / n]));
  printTable("PostgreSQL CPU per comment by process kind (from /proc)",
    ["process", { title: "CPU ms/comment", decimals: 3 }],
    [...byKind].filter(([, ms]) => ms > 0).sort((x, y) => y[1] - x[1]).map(([k, ms]) => [k, ms / n]));
} finally {
  await target.close();
}
process.exit(0);
