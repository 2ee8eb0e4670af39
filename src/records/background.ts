// The records module's periodic work in a server process that runs workers:
// keep the search index current and record signed checkpoints of every chain
// (the interval bounds how much of a chain's tail could be cut unnoticed).
// Several Växel processes may do this at once: both steps take advisory
// locks and skip chains whose head has not moved.
import type { FastifyBaseLogger } from "fastify";
import type { Pool } from "../platform/db/pool.ts";
import { listOrganisations } from "../platform/tenancy.ts";
import { recordCheckpoints } from "./archive/checkpoints.ts";
import { refreshSearchIndex } from "./search/refresh-search-index.ts";

export const RECORDS_TICK_MS = 10 * 60_000;

export async function recordsTick(deps: { pool: Pool; key: Buffer; log?: FastifyBaseLogger }): Promise<void> {
  for (const org of await listOrganisations(deps.pool)) {
    try {
      await refreshSearchIndex(deps.pool, { orgId: org.id });
      const r = await recordCheckpoints({ pool: deps.pool, key: deps.key }, { orgId: org.id });
      if (r.recorded.length) deps.log?.info({ org: org.slug, checkpoints: r.recorded.length }, "records checkpoints recorded");
    } catch (e) {
      deps.log?.error({ err: e, org: org.slug }, "records background tick failed");
    }
  }
}

export function startRecordsBackground(deps: { pool: Pool; key: Buffer; log?: FastifyBaseLogger; intervalMs?: number }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void recordsTick(deps).finally(() => {
      running = false;
    });
  }, deps.intervalMs ?? RECORDS_TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
