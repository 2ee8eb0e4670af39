// After capture: the analyzer. Takes captured versions from the work list
// (capture_analysis_queue, filled in the capture transaction), runs the
// analyzer and stores its findings with the version (item_analyses) — the
// moderation queue is built from them. Taking from the list, analysing and
// storing happen in one transaction, so a crash repeats work but loses none;
// several processes share the list with SKIP LOCKED.
import type { AnalysisResult, CommentInput } from "../../analysis/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";

export interface ItemAnalyzer {
  /** Analyzer code version, stored with each analysis. */
  readonly version: string;
  analyze(input: CommentInput): AnalysisResult;
}

/** The analyzer for an organisation under a page-rules version (cached by the caller). */
export type AnalyzerProvider = (orgId: string, pageRulesVersion: string) => Promise<ItemAnalyzer>;

export interface AnalysedItem {
  orgId: string;
  channelId: string;
  itemId: string;
  versionId: string;
  result: AnalysisResult;
}

export interface AnalysisWorker {
  start(): void;
  stop(): Promise<void>;
  /** Something was captured: look at the work list now rather than at the next poll. */
  wake(): void;
  /** Analyses until the work list is empty (tests, benchmarks, CLI). Returns how many were analysed. */
  drain(): Promise<number>;
  onAnalysed(fn: (items: AnalysedItem[]) => void): void;
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

export function createAnalysisWorker(opts: { pool: Pool; analyzerFor: AnalyzerProvider; batchSize?: number; pollMs?: number }): AnalysisWorker {
  const batchSize = opts.batchSize ?? 200;
  const pollMs = opts.pollMs ?? 1000;
  const listeners: ((items: AnalysedItem[]) => void)[] = [];
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function once(): Promise<number> {
    const analysed: AnalysedItem[] = [];
    const n = await withTx(opts.pool, async (tx) => {
      const taken = await tx.query<{ org_id: string; version_id: string }>(
        `delete from capture_analysis_queue where (org_id, version_id) in (
           select org_id, version_id from capture_analysis_queue order by enqueued_at limit $1 for update skip locked)
         returning org_id, version_id`,
        [batchSize],
      );
      if (!taken.rowCount) return 0;
      const rows = await tx.query<Row>(
        `select v.id, v.org_id, v.channel_id, v.item_id, v.text, v.author_platform_id, v.author_name, v.platform_time, v.received_at,
                i.post_platform_id, c.page_rules_version
           from capture_versions v
           join captured_items i on i.org_id = v.org_id and i.id = v.item_id
           join channels c on c.org_id = v.org_id and c.id = v.channel_id
          where v.id = any($1::uuid[])
          order by v.received_at, v.seq`,
        [taken.rows.map((r) => r.version_id)],
      );
      const cols = { org: [] as string[], version: [] as string[], item: [] as string[], channel: [] as string[], rules: [] as string[],
        analyzer: [] as string[], labels: [] as string[], action: [] as string[], findings: [] as string[] };
      for (const r of rows.rows) {
        const analyzer = await opts.analyzerFor(r.org_id, r.page_rules_version);
        const result = analyzer.analyze({
          id: r.id,
          text: r.text,
          author: r.author_platform_id ?? r.author_name ?? undefined,
          at: (r.platform_time ?? r.received_at).toISOString(),
          thread: r.post_platform_id ?? undefined,
        });
        cols.org.push(r.org_id); cols.version.push(r.id); cols.item.push(r.item_id); cols.channel.push(r.channel_id);
        cols.rules.push(r.page_rules_version); cols.analyzer.push(analyzer.version);
        // text[] literal per row: labels are fixed category ids (no quoting needed).
        cols.labels.push(`{${result.labels.join(",")}}`);
        cols.action.push(result.action); cols.findings.push(JSON.stringify(result.findings));
        analysed.push({ orgId: r.org_id, channelId: r.channel_id, itemId: r.item_id, versionId: r.id, result });
      }
      if (cols.org.length) {
        await tx.query(
          `insert into item_analyses (org_id, version_id, item_id, channel_id, page_rules_version, analyzer_version, labels, action, findings)
           select o, v, i, c, r, a, l::text[], act, f::jsonb
             from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                  as x(o, v, i, c, r, a, l, act, f)
           on conflict do nothing`,
          [cols.org, cols.version, cols.item, cols.channel, cols.rules, cols.analyzer, cols.labels, cols.action, cols.findings],
        );
      }
      return taken.rowCount;
    });
    if (analysed.length) for (const l of listeners) l(analysed);
    return n;
  }

  async function run(): Promise<void> {
    while (running) {
      let n: number;
      try {
        n = await once();
      } catch {
        n = 0; // database away for a moment: try again at the next poll
      }
      if (n > 0) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, pollMs);
      });
      clearTimeout(timer);
      wakeUp = undefined;
    }
  }

  return {
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
    async drain() {
      let total = 0;
      for (;;) {
        const n = await once();
        total += n;
        if (n === 0) return total;
      }
    },
    onAnalysed(fn) {
      listeners.push(fn);
    },
  };
}
