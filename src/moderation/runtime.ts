// What the moderation module runs in a process: the automatic actions of the
// page rules after analysis (system actor), the queue projection kept fresh
// (refresh-queue.ts), the periodic check for reviews gone overdue (BBS-lagen
// §4: supervision.ts counts working time from the directory's opening hours),
// and an event bus that tells open moderation pages (server-sent events) that
// something changed — in this process or any other (PostgreSQL LISTEN/NOTIFY,
// so processes stay stateless).
import { EventEmitter } from "node:events";
import type { Pool, Tx } from "../platform/db/pool.ts";
import { applyAutomaticActions } from "./use-cases/apply-automatic-actions.ts";
import { refreshQueue } from "./use-cases/refresh-queue.ts";
import { runBulkJob, unfinishedBulkJobs } from "./use-cases/bulk-job.ts";
import { parseQueueNote, queueNote } from "./queue-note.ts";
import { overdueReviews, type OverdueItem } from "./use-cases/supervision.ts";

/** Unreviewed items older than the review limit in working time, for one organisation. */
export interface OverdueAlert {
  orgId: string;
  count: number;
  limitMinutes: number;
  items: OverdueItem[];
  checkedAt: Date;
}

export interface ModerationRuntime {
  events: EventEmitter;
  /** Something changed for these items in this organisation (decisions, new analyses). */
  changed(orgId: string, itemIds: string[]): void;
  /** Background work started by a request (e.g. a report's screenshot); awaited by `idle()` and on stop. */
  track(p: Promise<unknown>): void;
  idle(): Promise<void>;
  /** Runs the automatic actions now; returns how many items were acted on. */
  runAutomatic(): Promise<number>;
  /** Recomputes the queue projection for dirty items and tells every process's open queues. */
  refresh(): Promise<void>;
  /** Works a bulk job in the background (once per process; resumed on start after a restart). */
  runBulk(jobId: string): Promise<void>;
  /**
   * The overdue reviews of an organisation as last checked, checked again
   * when older than the check interval or after a change (every moderation
   * page's banner and the alert API read this).
   */
  overdue(orgId: string): Promise<OverdueAlert>;
  /** Checks every organisation now; emits "alert" ({orgId, count}) for each whose count changed. */
  checkOverdue(now?: Date): Promise<OverdueAlert[]>;
  start(): void;
  stop(): Promise<void>;
}

export function createModerationRuntime(o: {
  pool: Pool; publicUrl: string; pollMs?: number;
  /** How often the overdue check runs (config moderationOverdueCheckSeconds); 0 = only on demand. */
  overdueCheckMs?: number;
  /** The clock the overdue check reads (tests move it). */
  clock?: () => Date;
}): ModerationRuntime {
  const clock = o.clock ?? (() => new Date());
  const checkMs = o.overdueCheckMs ?? 60_000;
  let alertTimer: NodeJS.Timeout | undefined;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let stopped = false;
  let listener: Tx | undefined;
  let releaseListener: ((destroy: boolean) => void) | undefined;
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const idle = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
  };
  // The last overdue count per organisation (what open pages show) and whether it is stale.
  const alerts = new Map<string, { alert: OverdueAlert; stale: boolean }>();
  const changed = (orgId: string, itemIds: string[]) => {
    const a = alerts.get(orgId);
    if (a) a.stale = true; // a decision may have settled an overdue item
    events.emit("queue", { orgId, itemIds });
  };
  const computeOverdue = async (orgId: string, now: Date): Promise<OverdueAlert> => {
    const r = await overdueReviews(o.pool, orgId, now);
    const alert: OverdueAlert = { orgId, count: r.items.length, limitMinutes: r.limitMinutes, items: r.items, checkedAt: now };
    const before = alerts.get(orgId)?.alert.count ?? 0;
    alerts.set(orgId, { alert, stale: false });
    if (alert.count !== before) events.emit("alert", { orgId, count: alert.count, limitMinutes: alert.limitMinutes });
    return alert;
  };
  const overdue = async (orgId: string): Promise<OverdueAlert> => {
    const now = clock();
    const a = alerts.get(orgId);
    // Without a periodic check (0) every look computes: items age into overdue without any change.
    if (a && !a.stale && checkMs > 0 && now.getTime() - a.alert.checkedAt.getTime() < checkMs && now >= a.alert.checkedAt) return a.alert;
    return computeOverdue(orgId, now);
  };
  const checkOverdue = async (now: Date = clock()): Promise<OverdueAlert[]> => {
    const orgs = (await o.pool.query<{ org_id: string }>("select distinct org_id from channels")).rows;
    const out: OverdueAlert[] = [];
    for (const { org_id } of orgs) out.push(await computeOverdue(org_id, now));
    return out;
  };
  const runAutomatic = async () => {
    // One pass at a time per process; a second call waits for the first.
    if (running) return running;
    running = (async () => {
      const out = await applyAutomaticActions(o.pool, { publicUrl: o.publicUrl });
      if (out.length) events.emit("queue", { orgId: null, itemIds: out.map((x) => x.itemId) });
      return out.length;
    })().finally(() => {
      running = null;
    });
    return running;
  };
  // One drain at a time per process; a call during a drain runs one more after it.
  let draining: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      do {
        again = false;
        const done = await refreshQueue(o.pool);
        for (const [org, ids] of done) await o.pool.query("select pg_notify('vaxel_moderation', $1)", [queueNote(org, ids)]);
      } while (again && !stopped);
    })().finally(() => {
      draining = null;
    });
    return draining;
  };
  const bulkRunning = new Map<string, Promise<void>>();
  const runBulk = (jobId: string): Promise<void> => {
    const cur = bulkRunning.get(jobId);
    if (cur) return cur;
    const p = runBulkJob(o.pool, jobId, {
      publicUrl: o.publicUrl,
      // A stopping process leaves the rest to the next start (the job resumes where it was).
      stopped: () => stopped,
      onBatch: (orgId, itemIds) => {
        changed(orgId, itemIds);
        void o.pool.query("select pg_notify('vaxel_moderation', $1)", [queueNote(orgId, itemIds)]).catch(() => undefined);
      },
    }).finally(() => bulkRunning.delete(jobId));
    bulkRunning.set(jobId, p);
    track(p.catch(() => undefined));
    return p;
  };
  return {
    events,
    changed,
    track,
    idle,
    runAutomatic,
    refresh,
    runBulk,
    overdue,
    checkOverdue,
    start() {
      void unfinishedBulkJobs(o.pool).then((ids) => ids.forEach((id) => void runBulk(id).catch(() => undefined)), () => undefined);
      // Other processes' decisions reach this process's open queues through
      // PostgreSQL (pg_notify in record-decision.ts and after each drain): processes stay stateless.
      const listen = async () => {
        if (stopped) return;
        try {
          const c = await o.pool.connect();
          if (stopped) {
            c.release();
            return;
          }
          // New analyses or decisions written anywhere (a second server, the CLI,
          // demo simulate) mark items dirty and notify vaxel_moderation_dirty
          // (triggers, migration 0510); the drain then announces the changed ids.
          const onNote = (m: { channel: string; payload?: string | undefined }) => {
            if (m.channel === "vaxel_moderation" && m.payload) events.emit("queue", parseQueueNote(m.payload));
            if (m.channel === "vaxel_moderation_dirty") void refresh().catch(() => undefined);
          };
          // Our handlers come off before the client goes back to the pool, so a
          // later error on the pooled client is never answered with a second release.
          const onError = () => {
            if (listener !== c) return;
            done(true);
            if (!stopped) setTimeout(() => void listen(), 5000);
          };
          const done = (destroy: boolean) => {
            c.off("notification", onNote);
            c.off("error", onError);
            listener = undefined;
            releaseListener = undefined;
            c.release(destroy);
          };
          c.on("notification", onNote);
          c.on("error", onError);
          listener = c;
          releaseListener = done;
          await c.query("listen vaxel_moderation");
          await c.query("listen vaxel_moderation_dirty");
          // Marks written while no process listened.
          void refresh().catch(() => undefined);
        } catch {
          releaseListener?.(true);
          if (!stopped) setTimeout(() => void listen(), 5000);
        }
      };
      void listen();
      const tick = () => {
        runAutomatic().catch(() => undefined).finally(() => {
          if (!stopped) timer = setTimeout(tick, o.pollMs ?? 2000);
        });
      };
      tick();
      // Active supervision alerts: open pages hear (SSE "alert") when the overdue count changes.
      const alertTick = () => {
        track(checkOverdue().catch(() => undefined).finally(() => {
          if (!stopped) alertTimer = setTimeout(alertTick, checkMs);
        }));
      };
      if (checkMs > 0) alertTick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(alertTimer);
      await idle();
      const c = listener;
      const release = releaseListener;
      if (c && release) {
        await c.query("unlisten *").catch(() => undefined);
        release(false);
      }
      await running?.catch(() => undefined);
      await draining?.catch(() => undefined);
    },
  };
}
