// Group commit for capture. Each webhook waits for its own capture to commit
// before it is acknowledged, but committing one transaction per webhook would
// cap ingest at the disk's fsync rate. The writer collects what arrives while
// a commit is in flight and writes it in the next transaction, so under load
// many deliveries share one commit and at low load a delivery commits at once.
// If a shared transaction fails, each delivery is retried alone, so one bad
// delivery cannot fail the others.
import type { Pool } from "../../platform/db/pool.ts";
import { captureBatches } from "./capture-changes.ts";
import type { CaptureBatch, CaptureResult } from "./types.ts";

interface Waiting {
  batch: CaptureBatch;
  resolve: (r: CaptureResult) => void;
  reject: (e: unknown) => void;
}

export interface CaptureWriter {
  /** Resolves after the batch is committed (or found to be captured already). */
  submit(batch: CaptureBatch): Promise<CaptureResult>;
  /** Called after each commit with everything it created (e.g. to wake the analyzer). */
  onCommitted(fn: (results: CaptureResult[]) => void): void;
  /** Waits for everything submitted so far. */
  drain(): Promise<void>;
  stats(): { commits: number; batches: number };
}

export interface CaptureWriterOptions {
  pool: Pool;
  /** Changes per transaction at most (bounds transaction size and lock time). */
  maxChanges?: number;
  /** Transactions in flight at once. Different channels do not block each other. */
  concurrency?: number;
}

export function createCaptureWriter(opts: CaptureWriterOptions): CaptureWriter {
  const maxChanges = opts.maxChanges ?? 2000;
  const concurrency = opts.concurrency ?? 2;
  const queue: Waiting[] = [];
  const listeners: ((r: CaptureResult[]) => void)[] = [];
  let inFlight = 0;
  let commits = 0;
  let batches = 0;
  const idle: (() => void)[] = [];

  function take(): Waiting[] {
    const out: Waiting[] = [];
    let n = 0;
    while (queue.length && (out.length === 0 || n + queue[0]!.batch.changes.length <= maxChanges)) {
      const w = queue.shift()!;
      n += w.batch.changes.length;
      out.push(w);
    }
    return out;
  }

  async function write(group: Waiting[]): Promise<void> {
    try {
      // One statement, so one implicit transaction and one round trip.
      const results = await captureBatches(opts.pool, group.map((w) => w.batch));
      commits++;
      batches += group.length;
      group.forEach((w, i) => w.resolve(results[i]!));
      for (const l of listeners) l(results);
    } catch (e) {
      if (group.length === 1) {
        group[0]!.reject(e);
        return;
      }
      // Isolate the failing delivery: the others are written one by one.
      for (const w of group) await write([w]);
    }
  }

  function pump(): void {
    while (inFlight < concurrency && queue.length) {
      const group = take();
      inFlight++;
      void write(group).finally(() => {
        inFlight--;
        if (queue.length) pump();
        else if (inFlight === 0) idle.splice(0).forEach((f) => f());
      });
    }
  }

  return {
    submit(batch) {
      return new Promise<CaptureResult>((resolve, reject) => {
        queue.push({ batch, resolve, reject });
        pump();
      });
    },
    onCommitted(fn) {
      listeners.push(fn);
    },
    drain() {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((r) => idle.push(r));
    },
    stats: () => ({ commits, batches }),
  };
}
