// The load generator of `npm run bench:ingest`, in its own worker thread and
// its own module: it imports nothing of Växel, so starting it costs the
// server under test nothing. Signed Facebook feed-change deliveries, either at
// a fixed rate (open loop: latency from the scheduled send time, so queueing
// is not hidden) or as fast as N keep-alive connections allow (closed loop).
import http from "node:http";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { metaJson } from "../src/channels/emulators/meta-json.ts";
import { signBody } from "../src/channels/webhooks/signature.ts";

export interface LoadJob {
  url: string;
  pageId: string;
  appSecret: string;
  prefix: string;
  /** Requests per second; 0 = closed loop as fast as the connections allow. */
  rate: number;
  seconds: number;
  connections: number;
  texts: string[];
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  ackedIds: string[];
  latenciesMs: number[];
  wallMs: number;
}

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const u = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const total = job.rate > 0 ? job.rate * job.seconds : 5_000_000;
  const postPrefix = `${job.pageId}_${job.prefix}`;
  // Bodies and signatures are made before the clock starts (a platform's
  // servers do this work, not the receiver's machine).
  const prepared = Math.min(total, job.rate > 0 ? total : 400_000);
  const bodies: { body: Buffer; sig: string; id: string }[] = [];
  const t = Math.floor(Date.now() / 1000);
  for (let i = 0; i < prepared; i++) {
    const id = `${job.prefix}${i}`;
    const value = {
      item: "comment", verb: "add", comment_id: `${job.prefix}_${id}`, post_id: `${postPrefix}${i % 50}`, parent_id: `${postPrefix}${i % 50}`,
      from: { id: `${1000 + (i % 997)}`, name: `Invånare ${i % 997}` }, created_time: t, message: job.texts[i % job.texts.length],
    };
    const body = Buffer.from(metaJson({ object: "page", entry: [{ id: job.pageId, time: t, changes: [{ field: "feed", value }] }] }));
    bodies.push({ body, sig: signBody(job.appSecret, body), id: `${job.prefix}_${id}` });
  }
  const res: LoadResult = { sent: 0, ok: 0, failed: 0, ackedIds: [], latenciesMs: [], wallMs: 0 };
  const send = (i: number, scheduled: number) =>
    new Promise<void>((resolve) => {
      const b = bodies[i % bodies.length]!;
      res.sent++;
      const req = http.request(
        { host: u.hostname, port: u.port, path: u.pathname, method: "POST", agent,
          headers: { "content-type": "application/json", "content-length": b.body.length, "x-hub-signature-256": b.sig } },
        (r) => {
          r.resume();
          r.on("end", () => {
            res.latenciesMs.push(performance.now() - scheduled);
            if (r.statusCode === 200) {
              res.ok++;
              res.ackedIds.push(b.id);
            } else res.failed++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        res.failed++;
        resolve();
      });
      req.end(b.body);
    });

  const t0 = performance.now();
  const end = t0 + job.seconds * 1000;
  if (job.rate > 0) {
    // Open loop: request i is due at t0 + i/rate whatever happened before.
    const inflight = new Set<Promise<void>>();
    let i = 0;
    while (i < total) {
      const now = performance.now();
      while (i < total && t0 + (i * 1000) / job.rate <= now) {
        const p = send(i, t0 + (i * 1000) / job.rate);
        inflight.add(p);
        void p.then(() => inflight.delete(p));
        i++;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(inflight);
  } else {
    let i = 0;
    await Promise.all(Array.from({ length: job.connections }, async () => {
      while (performance.now() < end && i < bodies.length) {
        const n = i++;
        await send(n, performance.now());
      }
    }));
  }
  res.wallMs = performance.now() - t0;
  agent.destroy();
  return res;
}

if (!isMainThread) {
  const r = await runLoad(workerData as LoadJob);
  parentPort!.postMessage(r);
}

/** Runs one load in a fresh worker thread and returns what it saw. */
export function load(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: job });
    w.once("message", resolve);
    w.once("error", reject);
  });
}
