// After capture: the analyzer. Takes captured versions from the work list
// (capture_analysis_queue, filled in the capture transaction), has the
// analyzer threads analyse them and stores the findings with the version
// (item_analyses), which the moderation queue is built from. Taking from the
// list and storing the results happen in one transaction, so a crash (of a
// thread or of the process) repeats work but loses none: what is not stored is
// still on the list. Several processes share the list with SKIP LOCKED.
//
// One loop takes batches in list order and hands them to the pool while
// earlier batches are still being analysed (a few transactions in flight), so
// the threads stay busy and the event loop only moves rows.
import type { Pool, Tx } from "../../platform/db/pool.ts";
import type { AnalyzerPool } from "./analyzer-pool.ts";
import type { SpecSource } from "./analyzer-specs.ts";
import type { AnalyzerSpec, ThreadResult } from "./thread-protocol.ts";
import type { CommentInput } from "../../analysis/index.ts";

/** Analyzer code version, stored with each analysis. */
export const ANALYZER_VERSION = "analysis-1";

export interface AnalysedItem {
  orgId: string;
  channelId: string;
  itemId: string;
  versionId: string;
  rulesVersion: string;
  action: ThreadResult["action"];
}

export interface AnalysisWorker {
  start(): void;
  stop(): Promise<void>;
  /** Something was captured: look at the work list now rather than at the next poll. */
  wake(): void;
  /** Analyses until the work list is empty (tests, benchmarks, CLI). Returns how many were analysed. */
  drain(): Promise<number>;
  onAnalysed(fn: (items: AnalysedItem[]) => void): void;
  readonly threads: AnalyzerPool;
}

interface Row {
  id: string;
  org_id: string;
  channel_id: string;
  item_id: string;
  text: string;
  author_platform_id: string | null;
  author_name: string | null;
  platform_time: Date | null;
  received_at: Date;
  post_platform_id: string | null;
  page_rules_version: string;
}

function inputOf(r: Row): CommentInput {
  const author = r.author_platform_id ?? r.author_name;
  return {
    id: r.id,
    text: r.text,
    ...(author ? { author } : {}),
    at: (r.platform_time ?? r.received_at).toISOString(),
    ...(r.post_platform_id ? { thread: r.post_platform_id } : {}),
  };
}

export interface AnalysisWorkerOptions {
  pool: Pool;
  threads: AnalyzerPool;
  specs: SpecSource;
  batchSize?: number;
  pollMs?: number;
  /** Batches (transactions) in flight at once; default: one per thread plus one. */
  depth?: number;
}

export function createAnalysisWorker(opts: AnalysisWorkerOptions): AnalysisWorker {
  const batchSize = opts.batchSize ?? 200;
  const pollMs = opts.pollMs ?? 1000;
  const depth = Math.max(2, opts.depth ?? opts.threads.size + 1);
  const listeners: ((items: AnalysedItem[]) => void)[] = [];
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function rollback(c: Tx, e: unknown): Promise<never> {
    await c.query("rollback").catch(() => undefined);
    c.release();
    throw e;
  }

  /** Takes a batch and hands it to the threads; `done` stores it. Null when the list is empty. */
  async function take(): Promise<{ done: Promise<number> } | null> {
    const c = await opts.pool.connect();
    let rows: Row[];
    let taken: number;
    try {
      await c.query("begin");
      const t = await c.query<{ version_id: string }>(
        `delete from capture_analysis_queue where (org_id, version_id) in (
           select org_id, version_id from capture_analysis_queue order by enqueued_at limit $1 for update skip locked)
         returning version_id`,
        [batchSize],
      );
      taken = t.rowCount ?? 0;
      if (!taken) {
        await c.query("commit");
        c.release();
        return null;
      }
      // The item's post and the channel's rules as subqueries on their keys,
      // not joins: during a burst the statistics lag behind the growing tables
      // and the planner joined by scanning all of an organisation's items for
      // every version (bench:ingest spent more time here than in capture).
      rows = (await c.query<Row>(
        `select v.id, v.org_id, v.channel_id, v.item_id, v.text, v.author_platform_id, v.author_name, v.platform_time, v.received_at,
                (select i.post_platform_id from captured_items i where i.org_id = v.org_id and i.id = v.item_id) as post_platform_id,
                (select c.page_rules_version from channels c where c.org_id = v.org_id and c.id = v.channel_id) as page_rules_version
           from capture_versions v
          where v.id = any($1::uuid[])
          order by v.received_at, v.seq`,
        [t.rows.map((r) => r.version_id)],
      )).rows;
    } catch (e) {
      return rollback(c, e);
    }
    const done = (async () => {
      let analysed: AnalysedItem[];
      try {
        const specFor = new Map<string, Promise<AnalyzerSpec>>();
        for (const r of rows) {
          const k = `${r.org_id}|${r.page_rules_version}`;
          if (!specFor.has(k)) specFor.set(k, opts.specs.get(r.org_id, r.page_rules_version));
        }
        const specs = await Promise.all(rows.map((r) => specFor.get(`${r.org_id}|${r.page_rules_version}`)!));
        const results = await opts.threads.analyze(rows.map((r, i) => ({ shard: r.channel_id, spec: specs[i]!, input: inputOf(r) })));
        if (rows.length) {
          await c.query(
            `insert into item_analyses (org_id, version_id, item_id, channel_id, page_rules_version, analyzer_version, labels, action, findings)
             select o, v, i, c, r, a, l::text[], act, f::jsonb
               from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                    as x(o, v, i, c, r, a, l, act, f)
             on conflict do nothing`,
            [rows.map((r) => r.org_id), rows.map((r) => r.id), rows.map((r) => r.item_id), rows.map((r) => r.channel_id),
              specs.map((s) => s.rulesVersion), results.map((x) => (x.failed ? `${ANALYZER_VERSION}+failed` : ANALYZER_VERSION)),
              results.map((x) => x.labels), results.map((x) => x.action), results.map((x) => x.findings)],
          );
        }
        await c.query("commit");
        c.release();
        analysed = rows.map((r, i) => ({ orgId: r.org_id, channelId: r.channel_id, itemId: r.item_id, versionId: r.id,
          rulesVersion: specs[i]!.rulesVersion, action: results[i]!.action }));
      } catch (e) {
        return rollback(c, e);
      }
      for (const l of listeners) {
        try {
          l(analysed);
        } catch {
          // A listener's failure is its own: the analyses are stored.
        }
      }
      return taken;
    })();
    return { done };
  }

  /** Takes and stores batches until the list is empty (or the loop is told to stop). */
  async function pump(keepGoing: () => boolean): Promise<number> {
    let total = 0;
    let failure: unknown;
    const inflight = new Set<Promise<void>>();
    try {
      while (keepGoing() && failure === undefined) {
        while (inflight.size >= depth) await Promise.race(inflight);
        const batch = await take();
        if (!batch) break;
        const p: Promise<void> = batch.done.then((n) => void (total += n), (e: unknown) => void (failure ??= e)).finally(() => inflight.delete(p));
        inflight.add(p);
      }
    } finally {
      await Promise.all(inflight);
    }
    if (failure !== undefined) throw failure;
    return total;
  }

  async function run(): Promise<void> {
    while (running) {
      let n: number;
      try {
        n = await pump(() => running);
      } catch {
        n = 0; // database away for a moment: try again at the next poll
      }
      if (n > 0 || !running) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, pollMs);
      });
      clearTimeout(timer);
      wakeUp = undefined;
    }
  }

  return {
    threads: opts.threads,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
    wake() {
      wakeUp?.();
    },
    drain: () => pump(() => true),
    onAnalysed(fn) {
      listeners.push(fn);
    },
  };
}
