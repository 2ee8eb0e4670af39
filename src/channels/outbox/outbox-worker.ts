// The outbox worker: takes due jobs (FOR UPDATE SKIP LOCKED, so several
// processes share the work), captures the item's current state first where
// the action removes something, reconciles when the previous attempt's outcome
// is unknown, acts, and records the outcome. Backoff is exponential with
// jitter; a 429 waits as long as the platform says and pauses the channel;
// errors a retry cannot fix become dead letters with a plain Swedish text.
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import { captureBatches, canonicalJson } from "../../records/capture/index.ts";
import { getChannelRuntime } from "../registry/index.ts";
import { defaultExecutors } from "./executors.ts";
import { explainPlatformError, PERMANENT_KINDS, PlatformError, UNCERTAIN_KINDS } from "./platform-error.ts";
import type { ActionContext, ExecutorRegistry, PlatformActionKind } from "./types.ts";

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  wake(): void;
  /** Runs due jobs until none is due (tests, CLI). Returns how many attempts were made. */
  runDue(): Promise<number>;
}

interface Claimed {
  org_id: string;
  id: string;
  channel_id: string;
  item_id: string;
  action: PlatformActionKind;
  params: Record<string, unknown>;
  idempotency_key: string;
  attempts: number;
  max_attempts: number;
  prev_state: string;
  last_error_code: string | null;
  actor_label: string;
}

const REMOVING = new Set(["hide", "delete", "ban"]);
const MAX_BACKOFF_MS = 10 * 60_000;
const LEASE_SECONDS = 60;

export function createOutboxWorker(o: {
  pool: Pool;
  key: Buffer;
  executors?: ExecutorRegistry;
  pollMs?: number;
  backoffBaseMs?: number;
  batchSize?: number;
}): OutboxWorker {
  const executors = o.executors ?? defaultExecutors(o.pool);
  const base = o.backoffBaseMs ?? 2000;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;

  async function claim(): Promise<Claimed[]> {
    const r = await o.pool.query<Claimed>(
      `with due as (
         select a.org_id, a.id, a.state from platform_actions a
          where ((a.state = 'pending' and a.next_attempt_at <= now()) or (a.state = 'running' and a.lease_until < now()))
            and not exists (select 1 from channel_state s where s.org_id = a.org_id and s.channel_id = a.channel_id and s.throttled_until > now())
            -- One action per item at a time, in the order they were decided (hide before unhide).
            and not exists (select 1 from platform_actions b where b.org_id = a.org_id and b.item_id = a.item_id
                              and b.state in ('pending', 'running') and (b.created_at, b.id) < (a.created_at, a.id))
          order by a.next_attempt_at limit $1 for update of a skip locked)
       update platform_actions p set state = 'running', attempts = p.attempts + 1, lease_until = now() + make_interval(secs => $2),
              updated_at = now(), last_error_code = case when due.state = 'running' then 'lease_expired' else p.last_error_code end
         from due where p.org_id = due.org_id and p.id = due.id
       returning p.org_id, p.id, p.channel_id, p.item_id, p.action, p.params, p.idempotency_key, p.attempts, p.max_attempts,
                 due.state as prev_state, p.last_error_code, p.actor_label`,
      [o.batchSize ?? 20, LEASE_SECONDS],
    );
    return r.rows;
  }

  async function record(job: Claimed, startedAt: Date, outcome: "done" | "retry" | "dead", f: {
    result?: Record<string, unknown>; err?: PlatformError; delayMs?: number; platform: string;
  }): Promise<void> {
    const kind = f.err?.kind ?? null;
    const text = kind ? explainPlatformError(kind, { platform: f.platform, action: job.action, message: f.err?.platformMessage }) : null;
    await withTx(o.pool, async (tx) => {
      await tx.query(
        `update platform_actions set state = $3, lease_until = null, updated_at = now(),
            next_attempt_at = case when $3 = 'pending' then now() + make_interval(secs => $4::float8 / 1000) else next_attempt_at end,
            attempts = case when $9 then attempts - 1 else attempts end,
            done_at = case when $3 = 'done' then now() else null end, result = coalesce($5::jsonb, result),
            last_http_status = $6, last_error_code = $7, last_error_sv = $8, last_error_en = $10, last_error_detail = $11
          where org_id = $1 and id = $2`,
        [job.org_id, job.id, outcome === "retry" ? "pending" : outcome, f.delayMs ?? 0, f.result ? JSON.stringify(f.result) : null,
          f.err?.httpStatus ?? null, kind, text?.sv ?? null, kind === "rate_limited" || kind === "quota_exceeded", text?.en ?? null, f.err?.message?.slice(0, 1000) ?? null],
      );
      await tx.query(
        `insert into platform_action_attempts (org_id, action_id, attempt, started_at, outcome, http_status, error_code, detail)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
        [job.org_id, job.id, job.attempts, startedAt, outcome, f.err?.httpStatus ?? null, kind, f.err?.message?.slice(0, 1000) ?? null],
      );
      if (kind === "rate_limited") {
        await tx.query("update channel_state set throttled_until = now() + make_interval(secs => $3::float8 / 1000) where org_id = $1 and channel_id = $2",
          [job.org_id, job.channel_id, f.delayMs ?? 0]);
      }
      if (outcome !== "retry") {
        await recordAuditEvent(tx, {
          orgId: job.org_id, actor: { id: null, label: "system" },
          action: outcome === "done" ? "platform_action.executed" : "platform_action.dead_lettered",
          targetType: "platform_action", targetId: job.id,
          after: { action: job.action, item: job.item_id, channel: job.channel_id, decidedBy: job.actor_label, attempts: job.attempts, error: kind },
        });
      }
    });
  }

  async function runOne(job: Claimed): Promise<void> {
    const startedAt = new Date();
    let platform = "";
    try {
      const channel = await getChannelRuntime(o.pool, o.key, job.org_id, job.channel_id);
      platform = channel.platform;
      const it = await o.pool.query(
        `select i.id, i.platform_item_id, i.kind, i.post_platform_id, i.parent_platform_id, s.author_platform_id
           from captured_items i left join captured_item_state s on s.org_id = i.org_id and s.item_id = i.id
          where i.org_id = $1 and i.id = $2`,
        [job.org_id, job.item_id],
      );
      const row = it.rows[0];
      const executor = executors[channel.platform];
      if (!executor) throw new PlatformError("not_supported");
      const ctx: ActionContext = {
        channel,
        item: { id: row.id, platformItemId: row.platform_item_id, kind: row.kind, postPlatformId: row.post_platform_id, parentPlatformId: row.parent_platform_id, authorPlatformId: row.author_platform_id },
        action: job.action,
        params: job.params ?? {},
        actionId: job.id,
        idempotencyKey: job.idempotency_key,
        uncertain: job.prev_state === "running" || UNCERTAIN_KINDS.has(job.last_error_code ?? ""),
      };
      // Capture before removal: the platform's current text, in case an edit never reached us.
      if (REMOVING.has(job.action) && executor.snapshot) {
        const snap = await executor.snapshot(ctx).catch((e: unknown) => {
          if (e instanceof PlatformError && e.kind === "not_found") return null;
          throw e;
        });
        if (snap) {
          const body = Buffer.from(canonicalJson(snap.raw));
          await captureBatches(o.pool, [{
            orgId: job.org_id,
            delivery: { platform: channel.platform, source: "pre_action", receivedAt: new Date(), body },
            changes: [{ ...snap, channelId: channel.id }],
          }]);
        }
      }
      if (ctx.uncertain && executor.alreadyDone) {
        const done = await executor.alreadyDone(ctx);
        if (done) {
          await record(job, startedAt, "done", { result: { ...done, reconciled: true }, platform });
          return;
        }
      }
      const result = await executor.execute(ctx);
      await record(job, startedAt, "done", { result, platform });
    } catch (e) {
      const err = e instanceof PlatformError ? e : new PlatformError("network", { message: (e as Error).message });
      if (err.kind === "rate_limited") {
        await record(job, startedAt, "retry", { err, delayMs: err.retryAfterMs ?? 60_000, platform });
      } else if (err.kind === "quota_exceeded") {
        await record(job, startedAt, "retry", { err, delayMs: err.retryAfterMs ?? 3_600_000, platform });
      } else if (err.kind === "not_found" && job.action === "delete") {
        // Gone already (perhaps by our own earlier attempt): the goal is reached.
        await record(job, startedAt, "done", { result: { alreadyGone: true }, platform });
      } else if (PERMANENT_KINDS.has(err.kind) || err.kind === "not_found" || job.attempts >= job.max_attempts) {
        await record(job, startedAt, "dead", { err, platform });
      } else {
        const delay = Math.min(MAX_BACKOFF_MS, base * 2 ** (job.attempts - 1)) * (0.75 + Math.random() * 0.5);
        await record(job, startedAt, "retry", { err, delayMs: delay, platform });
      }
    }
  }

  async function runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await claim();
      if (!jobs.length) return total;
      await Promise.all(jobs.map(runOne));
      total += jobs.length;
    }
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        await runDue();
      } catch {
        // database away for a moment: next poll
      }
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        setTimeout(resolve, o.pollMs ?? 1000).unref();
      });
      wakeUp = undefined;
    }
  }

  // enqueuePlatformAction notifies at commit: act at once instead of at the next poll.
  let listener: { release(destroy?: boolean): void } | undefined;
  async function listen(): Promise<void> {
    try {
      const c = await o.pool.connect();
      c.on("notification", () => wakeUp?.());
      c.on("error", () => undefined);
      await c.query("listen vaxel_outbox");
      if (running) listener = c;
      else c.release(true);
    } catch {
      // polling still works
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
      void listen();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      // Destroyed, not returned: a pooled connection must not keep listening.
      listener?.release(true);
      listener = undefined;
    },
    wake() {
      wakeUp?.();
    },
    runDue,
  };
}
