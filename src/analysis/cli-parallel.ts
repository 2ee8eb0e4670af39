// `vaxel analyze` on several cores with output identical to the one-thread
// run. The analysis splits in two (analyzer.ts): the text-only half (all
// phases, the spam fingerprint) runs in worker threads on batches of lines;
// the cross-comment spam check, the one step that depends on earlier
// comments, runs here in the main thread, in input order, as batches come
// back. Input is streamed (a bounded number of batches in flight), output is
// written in big chunks in input order.
import { Worker } from "node:worker_threads";
import { createFinisher, emptyResult, resultOf } from "./analyzer.ts";
import { outputLine, parseLine } from "./cli-lines.ts";
import type { LineResult, WorkerInit, WorkerMessage } from "./cli-worker.ts";
import type { PageRules } from "./rules.ts";

const WORKER_URL = new URL("./cli-worker.ts", import.meta.url);
/** Lines per batch: big enough that messaging costs little, small enough to spread the work. */
const BATCH_LINES = 256;
const BATCH_CHARS = 256 * 1024;
/** Batches queued per worker before reading pauses (bounded memory on big files). */
const IN_FLIGHT_PER_WORKER = 4;
const OUT_CHUNK = 1 << 20;

interface Batch {
  seq: number;
  /** Line number of the first line. */
  first: number;
  lines: string[];
}

interface Slot {
  worker: Worker;
  inFlight: number;
  ready: Promise<void>;
}

/** Thrown when a worker cannot build its analyzer (bad page rules): reported like the one-thread run does. */
export class WorkerInitError extends Error {}

export async function analyzeInParallel(opts: {
  /** The input's lines, in arrays (cli-lines.ts readLines). */
  lines: AsyncIterable<string[]>;
  threads: number;
  init: WorkerInit;
  rules: PageRules;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}): Promise<{ bad: number }> {
  const finisher = createFinisher(opts.rules);
  let bad = 0;
  let failure: Error | null = null;
  let outBuf = "";
  let drained: Promise<void> | null = null;
  const flushOut = (): void => {
    if (!outBuf) return;
    const chunk = outBuf;
    outBuf = "";
    if (!opts.out.write(chunk) && !drained) drained = new Promise((r) => opts.out.once("drain", () => ((drained = null), r())));
  };

  // ---- the order-dependent step, in input order ----------------------------
  const sent = new Map<number, Batch>();
  const done = new Map<number, LineResult[]>();
  let nextSeq = 0;
  const finishLine = (r: Exclude<LineResult, 0 | { error: string }>, raw: string): string => {
    if (!r.fp) return r.line;
    try {
      const c = finisher.spamCandidate({ author: r.author, at: r.at }, r.textLength, r.fp);
      if (!c) return r.line;
      // Spam across comments: rebuild the line with the spam finding (rare).
      const input = parseLine(raw);
      if (typeof input === "string") return r.line;
      const f = finisher.spamFinding(c, input.text);
      return f ? outputLine(input.id, resultOf({ findings: r.findings, fingerprint: r.fp }, f)) : r.line;
    } catch {
      const input = parseLine(raw);
      return outputLine(typeof input === "string" ? undefined : input.id, emptyResult());
    }
  };
  const drainInOrder = (): void => {
    for (let results = done.get(nextSeq); results; results = done.get(nextSeq)) {
      const batch = sent.get(nextSeq)!;
      done.delete(nextSeq);
      sent.delete(nextSeq);
      nextSeq++;
      for (let k = 0; k < results.length; k++) {
        const r = results[k]!;
        if (r === 0) continue;
        if ("error" in r) {
          bad++;
          opts.err.write(`rad ${batch.first + k} / line ${batch.first + k}: ${r.error}\n`);
          continue;
        }
        outBuf += finishLine(r, batch.lines[k]!) + "\n";
        if (outBuf.length >= OUT_CHUNK) flushOut();
      }
    }
  };

  // ---- workers ---------------------------------------------------------------
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const slots: Slot[] = [];
  let finished = false;
  for (let i = 0; i < opts.threads; i++) {
    const worker = new Worker(WORKER_URL, { workerData: opts.init });
    let onReady!: () => void;
    const slot: Slot = { worker, inFlight: 0, ready: new Promise<void>((r) => (onReady = r)) };
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "ready") onReady();
      else if (m.type === "fatal") {
        failure ??= new WorkerInitError(m.message);
        onReady();
      } else {
        slot.inFlight--;
        done.set(m.seq, m.results);
        drainInOrder();
      }
      notify();
    });
    worker.on("error", (e) => {
      failure ??= e;
      onReady();
      notify();
    });
    // A worker that ends on its own (never expected) must not leave the run waiting.
    worker.on("exit", (code) => {
      if (!finished) failure ??= new Error(`analysis worker exited (${code})`);
      onReady();
      notify();
    });
    slots.push(slot);
  }
  const waitForProgress = (): Promise<void> => new Promise((r) => (wake = r));

  try {
    let seq = 0;
    let batch: Batch = { seq: 0, first: 1, lines: [] };
    let chars = 0;
    let lineNo = 0;
    const dispatch = async (): Promise<void> => {
      if (batch.lines.length === 0) return;
      // The least busy worker; wait while all are full (back-pressure on the input).
      for (;;) {
        if (failure) throw failure;
        const slot = slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
        if (slot.inFlight < IN_FLIGHT_PER_WORKER && !drained) {
          slot.inFlight++;
          sent.set(batch.seq, batch);
          slot.worker.postMessage({ seq: batch.seq, lines: batch.lines });
          break;
        }
        await (drained ?? waitForProgress());
      }
      batch = { seq: ++seq, first: lineNo + 1, lines: [] };
      chars = 0;
    };
    const addLines = async (lines: string[]): Promise<void> => {
      for (const line of lines) {
        batch.lines.push(line);
        lineNo++;
        chars += line.length;
        if (batch.lines.length >= BATCH_LINES || chars >= BATCH_CHARS) await dispatch();
      }
    };
    for await (const lines of opts.lines) await addLines(lines);
    await dispatch();
    // Every batch back, and every worker up (an empty input still reports bad page rules).
    await Promise.all(slots.map((s) => s.ready));
    while (nextSeq < seq || sent.size > 0) {
      if (failure) throw failure;
      await waitForProgress();
    }
    if (failure) throw failure;
    flushOut();
    if (drained) await drained;
    return { bad };
  } finally {
    finished = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
