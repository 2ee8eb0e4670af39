// What the moderation module runs in a process: the automatic actions of the
// page rules after analysis (system actor), the queue projection kept fresh
// (refresh-queue.ts), and an event bus that tells open queue pages
// (server-sent events) that something changed — in this process or any other
// (PostgreSQL LISTEN/NOTIFY, so processes stay stateless).
import { EventEmitter } from "node:events";
import type { Pool, Tx } from "../platform/db/pool.ts";
import { applyAutomaticActions } from "./use-cases/apply-automatic-actions.ts";
import { refreshQueue } from "./use-cases/refresh-queue.ts";
import { runBulkJob, unfinishedBulkJobs } from "./use-cases/bulk-job.ts";
import { parseQueueNote, queueNote } from "./queue-note.ts";



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
  start(): void;
  stop(): Promise<void>;
}

export function createModerationRuntime(o: { pool: Pool; publicUrl: string; pollMs?: number }): ModerationRuntime {
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
  const changed = (orgId: string, itemIds: string[]) => {
    events.emit("queue", { orgId, itemIds });
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
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
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
