// An analyzer thread (worker_threads): analyses the batches the pool sends it,
// in the order they arrive, and answers with ready-to-insert results. The
// analysis library is pure, so nothing here touches the database.
import { parentPort } from "node:worker_threads";
import { createAnalyzer, type Analyzer } from "../../analysis/index.ts";
import type { ThreadRequest, ThreadResponse, ThreadResult } from "./thread-protocol.ts";

const bySlot = new Map<string, { key: string; analyzer: Analyzer }>();
const byKey = new Map<string, { analyzer: Analyzer; rulesVersion: string }>();

function handle(msg: ThreadRequest): ThreadResponse {
  for (const s of msg.specs) {
    if (byKey.has(s.key)) continue;
    // A new profile or rules for the slot: the old analyzer (and its memory) goes.
    const old = bySlot.get(s.slot);
    if (old) byKey.delete(old.key);
    const analyzer = createAnalyzer({ org: s.org, rules: s.rules });
    bySlot.set(s.slot, { key: s.key, analyzer });
    byKey.set(s.key, { analyzer, rulesVersion: s.rulesVersion });
  }
  const results: ThreadResult[] = msg.items.map(({ spec, input }) => {
    const a = byKey.get(spec);
    if (!a) throw new Error(`analyzer spec ${spec} was not sent`);
    const r = a.analyzer.analyze(input);
    // Each finding says which page rules it was judged under (a decision cites it).
    const findings = r.findings.map((f) => ({ ...f, rulesVersion: a.rulesVersion }));
    return { labels: `{${r.labels.join(",")}}`, action: r.action, findings: JSON.stringify(findings) };
  });
  return { id: msg.id, results };
}

parentPort?.on("message", (msg: ThreadRequest) => {
  parentPort!.postMessage(handle(msg));
});
