// The directory's long-running parts in one Växel process: the published
// snapshot cache, a LISTEN connection that hears every process's publishes,
// the scheduler that makes scheduled versions go live in the feed, the webhook
// worker, and the fan-out to server-sent-event streams. Started when the app is
// ready, stopped before it closes.
import { EventEmitter } from "node:events";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.ts";
import { withTx, type Pool, type Tx } from "../platform/db/pool.ts";
import { loadEncryptionKey } from "../platform/secrets.ts";
import { DIRECTORY_CHANNEL, dueOrganisations, syncLive } from "./feed/sync-live.ts";
import { deliverDueWebhooks } from "./feed/webhooks.ts";
import { PublishedCache } from "./read/cache.ts";
import { sendReviewReminders } from "./reminders/send-reminders.ts";
import type { DirectoryDeps } from "./use-cases/context.ts";

export interface RuntimeOptions {
  pool: Pool;
  cfg: Config;
  log: FastifyBaseLogger;
  now?: () => Date;
  /** How often to look for due scheduled changes and webhook deliveries. */
  tickMs?: number;
  webhookRetryBaseMs?: number;
  /** How often review reminders are considered (each contact point is still mailed once per due date). */
  remindEveryMs?: number;
}

const REMINDER_LOCK = 7_241_100; // arbitrary, stable: "directory reminders"

export class DirectoryRuntime {
  readonly cache: PublishedCache;
  readonly deps: DirectoryDeps;
  /** Emits "change" with the organisation id whenever its published directory changed. */
  readonly events = new EventEmitter();
  readonly #o: RuntimeOptions;
  #listener: { client: Tx; detach: () => void } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #ticking = false;
  #key: Buffer | undefined;
  #lastReminders = 0;
  readonly #closers = new Set<() => void>();

  constructor(o: RuntimeOptions) {
    this.#o = o;
    const now = o.now ?? (() => new Date());
    this.cache = new PublishedCache(o.pool, now);
    this.events.setMaxListeners(0);
    this.deps = { pool: o.pool, now, onPublished: (orgId) => this.changed(orgId) };
  }

  /** The encryption key for webhook secrets, loaded when first needed. */
  key = (): Buffer => (this.#key ??= loadEncryptionKey(this.#o.cfg));

  changed(orgId: string): void {
    this.cache.invalidate(orgId);
    this.events.emit("change", orgId);
  }

  /** Long-lived responses (event streams) open in this process. */
  openStreams(): number {
    return this.#closers.size;
  }

  /** Registers a cleanup for a long-lived response (SSE) to run at shutdown. */
  onStop(fn: () => void): () => void {
    this.#closers.add(fn);
    return () => this.#closers.delete(fn);
  }

  async start(): Promise<void> {
    await this.#listen();
    const tick = this.#o.tickMs ?? 2000;
    this.#timer = setInterval(() => void this.tick(), tick);
    this.#timer.unref();
  }

  async #listen(): Promise<void> {
    if (this.#stopped) return;
    let client: Tx | undefined;
    try {
      client = await this.#o.pool.connect();
      const c = client;
      const onNotification = (msg: { channel: string; payload?: string | undefined }) => {
        if (msg.channel === DIRECTORY_CHANNEL && msg.payload) this.changed(msg.payload);
      };
      const onError = () => {
        // Lost the connection: we may have missed notifications, so trust nothing cached.
        if (this.#listener?.client !== c) return;
        this.#listener = undefined;
        detach();
        c.release(true);
        this.cache.invalidateAll();
        if (!this.#stopped) setTimeout(() => void this.#listen(), 1000).unref();
      };
      // The client goes back to the pool afterwards: leave no handler of ours on it.
      const detach = () => {
        c.removeListener("notification", onNotification);
        c.removeListener("error", onError);
      };
      c.on("notification", onNotification);
      c.on("error", onError);
      await c.query(`listen ${DIRECTORY_CHANNEL}`);
      if (this.#stopped) {
        detach();
        c.release();
        return;
      }
      this.#listener = { client: c, detach };
    } catch (e) {
      client?.release(true);
      this.#o.log.warn({ err: e }, "directory: LISTEN failed, retrying");
      if (!this.#stopped) setTimeout(() => void this.#listen(), 1000).unref();
    }
  }

  /** One round of background work: due scheduled changes, then webhook deliveries. */
  async tick(): Promise<void> {
    if (this.#ticking || this.#stopped) return;
    this.#ticking = true;
    try {
      for (const orgId of await dueOrganisations(this.#o.pool)) {
        await withTx(this.#o.pool, (tx) => syncLive(tx, orgId));
        this.changed(orgId);
      }
      await deliverDueWebhooks({ pool: this.#o.pool, key: this.key, retryBaseMs: this.#o.webhookRetryBaseMs ?? 30_000 });
      if (this.#o.cfg.smtpUrl && Date.now() - this.#lastReminders > (this.#o.remindEveryMs ?? 6 * 3_600_000)) {
        this.#lastReminders = Date.now();
        await this.remind();
      }
    } catch (e) {
      if (!this.#stopped) this.#o.log.warn({ err: e }, "directory: background tick failed");
    } finally {
      this.#ticking = false;
    }
  }

  /** Review reminders for every organisation; one process at a time (advisory lock). */
  async remind(): Promise<void> {
    const client = await this.#o.pool.connect();
    try {
      const got = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [REMINDER_LOCK]);
      if (!got.rows[0]?.ok) return;
      try {
        const orgs = await client.query<{ org_id: string }>("select org_id from dir_feed_state");
        for (const { org_id } of orgs.rows) await sendReviewReminders({ pool: this.#o.pool, cfg: this.#o.cfg, now: this.deps.now() }, { orgId: org_id });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [REMINDER_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    for (const close of this.#closers) close();
    this.#closers.clear();
    const l = this.#listener;
    this.#listener = undefined;
    if (l) {
      await l.client.query(`unlisten ${DIRECTORY_CHANNEL}`).catch(() => undefined);
      l.detach();
      l.client.release();
    }
  }
}
