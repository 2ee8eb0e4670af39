// What the moderation module runs in a process: the automatic actions of the
// page rules after analysis (system actor), and an event bus that tells open
// queue pages (server-sent events) that something changed.
import { EventEmitter } from "node:events";
import type { Pool, Tx } from "../platform/db/pool.ts";
import { applyAutomaticActions } from "./use-cases/apply-automatic-actions.ts";

export interface ModerationRuntime {
  events: EventEmitter;
  /** Something changed for these items in this organisation (decisions, new analyses). */
  changed(orgId: string, itemIds: string[]): void;
  /** Background work started by a request (e.g. a report's screenshot); awaited by `idle()` and on stop. */
  track(p: Promise<unknown>): void;
  idle(): Promise<void>;
  /** Runs the automatic actions now; returns how many items were acted on. */
  runAutomatic(): Promise<number>;
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
  return {
    events,
    changed,
    track,
    idle,
    runAutomatic,
    start() {
      // Other processes' decisions reach this process's open queues through
      // PostgreSQL (pg_notify in record-decision.ts): processes stay stateless.
      const listen = async () => {
        if (stopped) return;
        try {
          const c = await o.pool.connect();
          if (stopped) {
            c.release();
            return;
          }
          const onNote = (m: { channel: string; payload?: string | undefined }) => {
            if (m.channel === "vaxel_moderation" && m.payload) events.emit("queue", { orgId: m.payload, itemIds: [] });
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
        await c.query("unlisten vaxel_moderation").catch(() => undefined);
        release(false);
      }
      await running?.catch(() => undefined);
    },
  };
}
