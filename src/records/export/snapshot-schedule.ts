// The server's own snapshot schedule: each completed period (default a half
// year) gets an archival package without anyone starting a job. Several Växel
// processes may run workers: per organisation one at a time exports (a
// session advisory lock; the others skip that round), and what a period
// already has is read after taking the lock, so no period is exported twice.
// Every run that wrote a package or failed is recorded (archive_snapshot_runs);
// a round with nothing due is not, or the table would grow by a row per check.
import os from "node:os";
import type { FastifyBaseLogger } from "fastify";
import type { Pool } from "../../platform/db/pool.ts";
import { listOrganisations } from "../../platform/tenancy.ts";
import { runSnapshots } from "./export-archive.ts";

export const SNAPSHOT_ACTOR = { id: null, label: "system:snapshot-schedule" } as const;

export interface SnapshotScheduleOptions {
  everyMonths: number;
  outDir: string;
  now?: () => Date;
}

export interface SnapshotRunResult {
  orgId: string;
  status: "ok" | "failed" | "busy";
  packages: string[];
  error?: string;
}

/** The first day (UTC) after `now` on which a period of `months` months completes. */
export function nextSnapshotAt(now: Date, months: number): Date {
  const m = now.getUTCMonth();
  return new Date(Date.UTC(now.getUTCFullYear(), m - (m % months) + months, 1));
}

async function runForOrg(deps: { pool: Pool; key: Buffer }, orgId: string, o: SnapshotScheduleOptions): Promise<SnapshotRunResult> {
  const client = await deps.pool.connect();
  const lockKey = `records-snapshots:${orgId}`;
  try {
    const got = await client.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtextextended($1, 0)) as ok", [lockKey]);
    if (!got.rows[0]?.ok) return { orgId, status: "busy", packages: [] };
    const startedAt = new Date();
    let result: SnapshotRunResult;
    try {
      const made = await runSnapshots(deps, { orgId, outDir: o.outDir, everyMonths: o.everyMonths, actor: SNAPSHOT_ACTOR, now: o.now?.() ?? new Date() });
      result = { orgId, status: "ok", packages: made.map((x) => x.packageId) };
    } catch (e) {
      result = { orgId, status: "failed", packages: [], error: e instanceof Error ? e.message : String(e) };
    }
    if (result.packages.length || result.status === "failed") {
      await deps.pool.query(
        `insert into archive_snapshot_runs (org_id, started_at, every_months, out_dir, status, packages, error, host, pid)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [orgId, startedAt, o.everyMonths, o.outDir, result.status, result.packages, result.error ?? null, os.hostname(), process.pid]);
    }
    return result;
  } finally {
    await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [lockKey]).catch(() => undefined);
    client.release();
  }
}

/** One round for every organisation. */
export async function runDueSnapshots(deps: { pool: Pool; key: Buffer; log?: FastifyBaseLogger }, o: SnapshotScheduleOptions): Promise<SnapshotRunResult[]> {
  const out: SnapshotRunResult[] = [];
  for (const org of await listOrganisations(deps.pool)) {
    const r = await runForOrg(deps, org.id, o);
    if (r.status === "failed") deps.log?.error({ org: org.slug, err: r.error }, "scheduled archival snapshot failed");
    else if (r.packages.length) deps.log?.info({ org: org.slug, packages: r.packages }, "scheduled archival snapshots written");
    out.push(r);
  }
  return out;
}

/** Checks every `intervalMs`; the returned stop waits for a round in progress (before the pool closes). */
export function startSnapshotSchedule(deps: { pool: Pool; key: Buffer; log?: FastifyBaseLogger }, o: SnapshotScheduleOptions & { intervalMs: number }): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runDueSnapshots(deps, o).catch((e: unknown) => deps.log?.error({ err: e }, "snapshot schedule round failed")).finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, o.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export interface SnapshotStatus {
  everyMonths: number;
  outDir: string;
  last: { packageId: string; periodFrom: string | null; periodTo: string | null; createdAt: string; items: number; outPath: string } | null;
  next: string | null;
  runs: { finishedAt: string; status: string; packages: number; error: string | null; host: string }[];
}

/** What the archive page shows: the last snapshot, when the next period completes, recent runs. */
export async function snapshotStatus(pool: Pool, orgId: string, o: SnapshotScheduleOptions): Promise<SnapshotStatus> {
  const last = await pool.query<{ package_id: string; period_from: string | null; period_to: string | null; created_at: Date; items: number; out_path: string }>(
    `select package_id, to_char(period_from, 'YYYY-MM-DD') as period_from, to_char(period_to, 'YYYY-MM-DD') as period_to, created_at, items, out_path
       from archive_exports where org_id = $1 and kind = 'snapshot' order by period_to desc nulls last, created_at desc limit 1`, [orgId]);
  const runs = await pool.query<{ finished_at: Date; status: string; packages: string[]; error: string | null; host: string }>(
    "select finished_at, status, packages, error, host from archive_snapshot_runs where org_id = $1 order by finished_at desc limit 10", [orgId]);
  const l = last.rows[0];
  return {
    everyMonths: o.everyMonths,
    outDir: o.outDir,
    last: l ? { packageId: l.package_id, periodFrom: l.period_from, periodTo: l.period_to, createdAt: l.created_at.toISOString(), items: l.items, outPath: l.out_path } : null,
    next: o.everyMonths > 0 ? nextSnapshotAt(o.now?.() ?? new Date(), o.everyMonths).toISOString().slice(0, 10) : null,
    runs: runs.rows.map((r) => ({ finishedAt: r.finished_at.toISOString(), status: r.status, packages: r.packages.length, error: r.error, host: r.host })),
  };
}
