// The analyzer each organisation gets: its official identity (name, domains)
// and the page rules in force on the channel. One analyzer per organisation and
// rules version, kept for the process's lifetime, so the cross-comment spam
// memory sees the organisation's whole stream.
// Page rules per version belong to the moderation module; until it stores
// them, every version resolves to the analyzer's default rules under its label.
import { createAnalyzer } from "../../analysis/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import type { AnalyzerProvider, ItemAnalyzer } from "./analysis-worker.ts";

export const ANALYZER_VERSION = "analysis-1";

export function defaultAnalyzerProvider(pool: Pool): AnalyzerProvider {
  const cache = new Map<string, Promise<ItemAnalyzer>>();
  return (orgId, rulesVersion) => {
    const k = `${orgId}:${rulesVersion}`;
    let a = cache.get(k);
    if (!a) {
      a = (async () => {
        const r = await pool.query<{ name: string; domains: string[] }>("select name, domains from organisations where id = $1", [orgId]);
        const org = r.rows[0];
        const analyzer = createAnalyzer({ org: { name: org?.name ?? "", domains: org?.domains ?? [], phones: [], emails: [] }, rules: { version: rulesVersion } });
        return { version: ANALYZER_VERSION, analyze: (input) => analyzer.analyze(input) };
      })();
      a.catch(() => cache.delete(k));
      cache.set(k, a);
    }
    return a;
  };
}
