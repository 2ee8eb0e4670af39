// What the channels module runs in a process: the routing cache for webhooks,
// the capture writer (group commit), the analyzer after capture (in worker
// threads, fed from the work list in the database) and the
// outbox worker that acts on the platforms. Built once per app; the workers
// run only where configured (VAXEL_WORKERS), the webhook path always.
import type { Pool } from "../platform/db/pool.ts";
import { createCaptureWriter, type CaptureWriter } from "../records/capture/index.ts";
import { createAnalysisWorker, type AnalysisWorker } from "./analysis/analysis-worker.ts";
import { createAnalyzerPool, poolSize } from "./analysis/analyzer-pool.ts";
import { createSpecSource, directFromDatabase, type OrgDirectory } from "./analysis/analyzer-specs.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox/outbox-worker.ts";
import { createPoller, type Poller } from "./polling/poller.ts";
import { createChannelCache, type ChannelCache } from "./registry/index.ts";

export interface ChannelsRuntime {
  pool: Pool;
  key: Buffer;
  cache: ChannelCache;
  writer: CaptureWriter;
  analysis: AnalysisWorker;
  outbox: OutboxWorker;
  poller: Poller;
  start(): void;
  /** Stops the workers (the analyzer threads stay for drain()). */
  stop(): Promise<void>;
  /** Ends the analyzer threads (after stop, when the app closes). */
  close(): Promise<void>;
}

export interface ChannelsRuntimeOptions {
  pool: Pool;
  key: Buffer;
  /** The published directory (org profile for the analyzer); default: read from the database. */
  directory?: () => OrgDirectory;
  /** Analyzer threads; 0 = one per core but one, at least one (config VAXEL_ANALYSIS_THREADS). */
  analysisThreads?: number;
  /** Poll interval of the workers (ms). */
  pollMs?: number;
  /** Outbox: base of the exponential backoff (ms). */
  backoffBaseMs?: number;
  /** How often each polled channel is polled (ms). */
  pollIntervalMs?: number;
}

export function createChannelsRuntime(o: ChannelsRuntimeOptions): ChannelsRuntime {
  const cache = createChannelCache({ pool: o.pool, key: o.key });
  const writer = createCaptureWriter({ pool: o.pool });
  const direct = directFromDatabase(o.pool);
  const specs = createSpecSource({ pool: o.pool, directory: o.directory ?? (() => direct) });
  const threads = createAnalyzerPool({ size: poolSize(o.analysisThreads ?? 0) });
  const analysis = createAnalysisWorker({ pool: o.pool, threads, specs, pollMs: o.pollMs ?? 1000 });
  const outbox = createOutboxWorker({ pool: o.pool, key: o.key, pollMs: o.pollMs ?? 1000, backoffBaseMs: o.backoffBaseMs ?? 2000 });
  const poller = createPoller({ pool: o.pool, key: o.key, writer, intervalMs: o.pollIntervalMs ?? 60_000 });
  // Analysis follows capture: wake the analyzer after every commit that created text.
  writer.onCommitted((results) => {
    if (results.some((r) => r.created.some((v) => v.hasText))) analysis.wake();
  });
  return {
    pool: o.pool,
    key: o.key,
    cache,
    writer,
    analysis,
    outbox,
    poller,
    start() {
      analysis.start();
      outbox.start();
      poller.start();
    },
    async stop() {
      await poller.stop();
      await writer.drain();
      await analysis.stop();
      await outbox.stop();
    },
    async close() {
      await threads.close();
    },
  };
}
