// npm run bench:ingest — signed Facebook webhooks into Växel on loopback, end
// to end: signature check on the raw bytes, capture committed in PostgreSQL
// (embedded, fsync on) before the 200, then analysis of every comment. Compared
// in the same run with a bare Fastify route that only verifies the signature
// and answers 200 without storing anything.
//
// Two loads per target: a fixed rate (open loop, latency measured from the
// scheduled send time, so queueing is not hidden) and as fast as it goes
// (closed loop, N connections). For Växel the table also shows how many
// acknowledged deliveries were stored (zero lost), duplicates (zero), and the
// end-to-end rate until the analyzer (worker threads) had caught up, and the
// machine's load average: on a shared machine the rates mean little without it.
// CPU time per delivery (this process, all threads incl. the load generator;
// the PostgreSQL cluster) varies much less with the machine's load.
//
// Options: --rate 2000 --seconds 30 --max-seconds 10 --connections 256 --only vaxel|bare
import os from "node:os";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import { matchSignature } from "../src/channels/webhooks/signature.ts";
import { postgresCpuMs, processCpuMs } from "./ingest-cpu.ts";
import { load, type LoadJob } from "./ingest-load.ts";
import { startIngestTarget } from "./ingest-setup.ts";
import { generateCorpus } from "./lib/corpus.ts";
import { printTable } from "./lib/table.ts";

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

// ---------------------------------------------------------------- main
{
  const { values: a } = parseArgs({
    options: {
      rate: { type: "string", default: "2000" },
      seconds: { type: "string", default: "30" },
      "max-seconds": { type: "string", default: "10" },
      connections: { type: "string", default: "256" },
      only: { type: "string", default: "" },
    },
  });
  const RATE = Number(a.rate);
  const SECONDS = Number(a.seconds);
  const MAX_SECONDS = Number(a["max-seconds"]);
  const CONNECTIONS = Number(a.connections);

  const startLoad = os.loadavg()[0]!;
  const target = await startIngestTarget();
  const { pool, app, fb, url: vaxelUrl } = target;
  try {

    // The baseline: verify the signature over the raw bytes, answer 200, store nothing.
    const bare = Fastify({ logger: false });
    bare.removeAllContentTypeParsers();
    bare.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 1_048_576 }, (_r, body, done) => done(null, body));
    bare.post("/webhooks/facebook", async (req, reply) => {
      if (matchSignature(req.headers["x-hub-signature-256"], req.body as Buffer, [fb.appSecret]) < 0) return reply.status(401).send();
      return reply.send("EVENT_RECEIVED");
    });
    await bare.listen({ port: 0, host: "127.0.0.1" });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/webhooks/facebook`;

    const texts = generateCorpus(5000).map((c) => c.text);
    const rows: (string | number)[][] = [];
    const job = (url: string, prefix: string, rate: number, seconds: number): LoadJob =>
      ({ url, pageId: fb.pageId, appSecret: fb.appSecret, prefix, rate, seconds, connections: CONNECTIONS, texts });

    const cpu = () => ({ node: processCpuMs(), pg: postgresCpuMs(target.pgData) });
    const perDelivery = (before: { node: number; pg: number }, n: number) => {
      const now = cpu();
      return [n ? (now.node - before.node) / n : 0, n ? (now.pg - before.pg) / n : 0];
    };

    async function vaxelRun(label: string, prefix: string, rate: number, seconds: number) {
      const c0 = cpu();
      const t0 = performance.now();
      const r = await load(job(vaxelUrl, prefix, rate, seconds));
      // End to end: until the analyzer has caught up with everything captured.
      await app.channels.writer.drain();
      for (;;) {
        const q = await pool.query<{ n: number }>("select count(*)::int as n from capture_analysis_queue");
        if (q.rows[0]!.n === 0) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      const e2eMs = performance.now() - t0;
      const stored = await pool.query<{ versions: number; items: number; analysed: number }>(
        `select count(*)::int as versions, count(distinct v.platform_item_id)::int as items,
                (select count(*)::int from item_analyses a join capture_versions v2 on v2.id = a.version_id where v2.platform_item_id like $1) as analysed
           from capture_versions v where v.platform_item_id like $1`,
        [`${prefix}\\_%`],
      );
      const acked = new Set(r.ackedIds);
      const storedIds = new Set((await pool.query<{ p: string }>("select platform_item_id as p from capture_versions where platform_item_id like $1", [`${prefix}\\_%`])).rows.map((x) => x.p));
      const lost = [...acked].filter((id) => !storedIds.has(id)).length;
      const s = stored.rows[0]!;
      rows.push([
        "Växel (capture + analysis)", label, r.sent, r.ok, Math.round((r.ok / r.wallMs) * 1000), pct(r.latenciesMs, 50), pct(r.latenciesMs, 99),
        lost, s.versions - s.items, s.analysed, Math.round((s.analysed / e2eMs) * 1000), ...perDelivery(c0, r.ok), os.loadavg()[0]!,
      ]);
    }

    async function bareRun(label: string, prefix: string, rate: number, seconds: number) {
      const c0 = cpu();
      const r = await load(job(bareUrl, prefix, rate, seconds));
      rows.push(["bare Fastify (verify only)", label, r.sent, r.ok, Math.round((r.ok / r.wallMs) * 1000), pct(r.latenciesMs, 50), pct(r.latenciesMs, 99), null as unknown as number, null as unknown as number, null as unknown as number, null as unknown as number, ...perDelivery(c0, r.ok), os.loadavg()[0]!]);
    }

    // Warm-up (JIT, connection pools, first analyzer build), not reported.
    await load(job(vaxelUrl, "warm", 500, 2));
    await load(job(bareUrl, "warmb", 500, 2));
    await app.channels.analysis.drain();

    const want = (what: string) => !a.only || a.only === what;
    if (want("bare") && SECONDS > 0) await bareRun(`${RATE}/s for ${SECONDS} s`, "b1", RATE, SECONDS);
    if (want("vaxel") && SECONDS > 0) await vaxelRun(`${RATE}/s for ${SECONDS} s`, "v1", RATE, SECONDS);
    if (want("bare") && MAX_SECONDS > 0) await bareRun(`max, ${CONNECTIONS} conns, ${MAX_SECONDS} s`, "b2", 0, MAX_SECONDS);
    if (want("vaxel") && MAX_SECONDS > 0) await vaxelRun(`max, ${CONNECTIONS} conns, ${MAX_SECONDS} s`, "v2", 0, MAX_SECONDS);

    const w = app.channels.writer.stats();
    printTable(
      `Ingest: signed Facebook webhooks on loopback, embedded PostgreSQL, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ` +
        `${app.channels.analysis.threads.size} analyzer thread(s), ${w.batches} deliveries in ${w.commits} commits; load average (1 min) at start ${startLoad.toFixed(2)}`,
      [
        "target", "load", "sent", "200 OK", { title: "acked/s", decimals: 0 }, { title: "p50 ack ms", decimals: 1 }, { title: "p99 ack ms", decimals: 1 },
        "lost", "duplicated", "analysed", { title: "end-to-end/s", decimals: 0 },
        { title: "node CPU ms/delivery", decimals: 2 }, { title: "PG CPU ms/delivery", decimals: 2 }, { title: "load 1m after", decimals: 2 },
      ],
      rows,
    );
    await bare.close();
  } finally {
    await target.close();
  }
  // Idle keep-alive sockets and timers of the app must not keep the benchmark alive.
  process.exit(0);
}
