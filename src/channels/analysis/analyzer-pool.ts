// A pool of analyzer threads, so analysis never runs on the event loop that
// answers webhooks. Items are sharded by channel: a channel's comments always
// go to the same thread, in the order they were taken from the work list, so
// the cross-comment spam memory sees each channel's stream in order.
//
// A thread that dies (crash, out of memory, killed, stuck past its deadline)
// is replaced and its unanswered batches are sent again, in order, to the new
// thread. A batch that kills its thread three times is split into single items;
// an item that alone kills it three times is answered as failed (stored for
// human review) rather than blocking the work list forever.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CommentInput } from "../../analysis/index.ts";
import type { AnalyzerSpec, ThreadRequest, ThreadResponse, ThreadResult } from "./thread-protocol.ts";

const THREAD_URL = new URL("./analyzer-thread.ts", import.meta.url);
const MAX_ATTEMPTS = 3;

export interface PoolJob {
  /** Shard key: the channel id. */
  shard: string;
  spec: AnalyzerSpec;
  input: CommentInput;
}

export interface AnalyzerPool {
  readonly size: number;
  /** Results in the order of `jobs`. Rejects only when the pool is closed. */
  analyze(jobs: PoolJob[]): Promise<ThreadResult[]>;
  /** How many threads were replaced after dying. */
  restarts(): number;
  /** Batches sent and not yet answered. */
  inFlight(): number;
  /** Ends a thread abruptly, as a crash would (tests). */
  kill(thread: number): Promise<void>;
  close(): Promise<void>;
}

/** Threads to run: the configured number, or (0) one per core but one, at least one. */
export function poolSize(configured: number): number {
  return configured > 0 ? configured : Math.max(1, availableParallelism() - 1);
}

interface Request {
  msg: ThreadRequest;
  attempts: number;
  resolve(r: ThreadResult[]): void;
  reject(e: unknown): void;
}

interface Slot {
  worker?: Worker;
  /** Sent and unanswered, in send order (Map keeps insertion order). */
  pending: Map<number, Request>;
  timer?: NodeJS.Timeout;
}

function shardOf(key: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % n;
}

export function createAnalyzerPool(opts: { size: number; timeoutMsPerItem?: number }): AnalyzerPool {
  const size = Math.max(1, opts.size);
  const perItemMs = opts.timeoutMsPerItem ?? 200;
  const slots: Slot[] = Array.from({ length: size }, () => ({ pending: new Map() }));
  let nextId = 1;
  let restarts = 0;
  let closed = false;

  function spawn(i: number): Worker {
    const slot = slots[i]!;
    const w = new Worker(THREAD_URL);
    // Idle threads must not keep a process (CLI, tests) alive; a pending
    // batch always has a database transaction open that does.
    w.unref();
    w.on("message", (m: ThreadResponse) => {
      const req = slot.pending.get(m.id);
      if (!req) return;
      slot.pending.delete(m.id);
      armTimer(i);
      req.resolve(m.results);
    });
    w.on("error", () => undefined); // "exit" follows and handles it
    w.on("exit", () => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      clearTimeout(slot.timer);
      const lost = [...slot.pending.values()];
      slot.pending.clear();
      if (closed) {
        for (const r of lost) r.reject(new Error("analyzer pool closed"));
        return;
      }
      if (lost.length) restarts++;
      for (const r of lost) retry(i, r);
    });
    slot.worker = w;
    return w;
  }

  /** A deadline for the oldest unanswered batch: a stuck thread is ended and replaced. */
  function armTimer(i: number): void {
    const slot = slots[i]!;
    clearTimeout(slot.timer);
    const oldest = slot.pending.values().next().value;
    if (!oldest) return;
    slot.timer = setTimeout(() => void slot.worker?.terminate(), 30_000 + perItemMs * oldest.msg.items.length);
    slot.timer.unref();
  }

  function send(i: number, req: Request): void {
    const slot = slots[i]!;
    const w = slot.worker ?? spawn(i);
    slot.pending.set(req.msg.id, req);
    if (slot.pending.size === 1) armTimer(i);
    w.postMessage(req.msg);
  }

  function retry(i: number, req: Request): void {
    req.attempts++;
    if (req.attempts < MAX_ATTEMPTS) return send(i, req);
    const { items, specs } = req.msg;
    if (items.length === 1) {
      req.resolve([{ labels: "{}", action: "review", findings: "[]", failed: true }]);
      return;
    }
    // Find the item that kills the thread: one at a time.
    const singles = items.map((item) =>
      new Promise<ThreadResult[]>((resolve, reject) =>
        send(i, { msg: { id: nextId++, specs: specs.filter((s) => s.key === item.spec), items: [item] }, attempts: 0, resolve, reject })),
    );
    Promise.all(singles).then((rs) => req.resolve(rs.flat()), req.reject);
  }

  return {
    size,
    async analyze(jobs) {
      if (closed) throw new Error("analyzer pool closed");
      const groups = new Map<number, number[]>();
      jobs.forEach((j, idx) => {
        const s = shardOf(j.shard, size);
        const g = groups.get(s);
        if (g) g.push(idx);
        else groups.set(s, [idx]);
      });
      const out: ThreadResult[] = new Array(jobs.length);
      await Promise.all([...groups].map(async ([i, idxs]) => {
        const specs = new Map<string, AnalyzerSpec>();
        for (const idx of idxs) specs.set(jobs[idx]!.spec.key, jobs[idx]!.spec);
        const msg: ThreadRequest = { id: nextId++, specs: [...specs.values()], items: idxs.map((idx) => ({ spec: jobs[idx]!.spec.key, input: jobs[idx]!.input })) };
        const results = await new Promise<ThreadResult[]>((resolve, reject) => send(i, { msg, attempts: 0, resolve, reject }));
        idxs.forEach((idx, k) => (out[idx] = results[k]!));
      }));
      return out;
    },
    restarts: () => restarts,
    inFlight: () => slots.reduce((n, s) => n + s.pending.size, 0),
    async kill(i) {
      await slots[i]?.worker?.terminate();
    },
    async close() {
      closed = true;
      await Promise.all(slots.map(async (s) => {
        clearTimeout(s.timer);
        await s.worker?.terminate();
      }));
    },
  };
}
