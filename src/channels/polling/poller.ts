// Polls the channels of platforms without push (YouTube; Mastodon and
// LinkedIn where no webhook is set up) at an interval. A channel is claimed by
// moving its last_poll_at forward in one UPDATE, so several Växel processes
// never poll the same channel at once.
import type { Pool } from "../../platform/db/pool.ts";
import type { CaptureWriter } from "../../records/capture/index.ts";
import { pollLinkedIn } from "../adapters/linkedin/poll.ts";
import { pollMastodon } from "../adapters/mastodon/poll.ts";
import { pollYouTube } from "../adapters/youtube/poll.ts";
import { getChannelRuntime, type ChannelRuntime, type Platform } from "../registry/index.ts";

export type PollFn = (deps: { pool: Pool; writer: CaptureWriter }, channel: ChannelRuntime) => Promise<unknown>;

export const POLLERS: Partial<Record<Platform, PollFn>> = {
  youtube: pollYouTube,
  mastodon: pollMastodon,
  linkedin: pollLinkedIn,
};

export interface Poller {
  start(): void;
  stop(): Promise<void>;
  /** Polls every due channel once (tests, CLI). */
  pollDue(): Promise<number>;
}

export function createPoller(o: { pool: Pool; key: Buffer; writer: CaptureWriter; intervalMs?: number; tickMs?: number }): Poller {
  const interval = o.intervalMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function pollDue(): Promise<number> {
    const claimed = await o.pool.query<{ org_id: string; channel_id: string }>(
      `update channel_state s set last_poll_at = now()
         from channels c
        where c.org_id = s.org_id and c.id = s.channel_id and c.disabled_at is null and c.platform = any($1::text[])
          and (s.last_poll_at is null or s.last_poll_at < now() - make_interval(secs => $2::float8 / 1000))
       returning s.org_id, s.channel_id`,
      [Object.keys(POLLERS), interval],
    );
    for (const row of claimed.rows) {
      try {
        const ch = await getChannelRuntime(o.pool, o.key, row.org_id, row.channel_id);
        await POLLERS[ch.platform]?.({ pool: o.pool, writer: o.writer }, ch);
      } catch (e) {
        await o.pool.query("update channel_state set last_error = $3 where org_id = $1 and channel_id = $2", [row.org_id, row.channel_id, String((e as Error).message).slice(0, 500)]);
      }
    }
    return claimed.rowCount ?? 0;
  }

  return {
    start() {
      const tick = () => {
        running = pollDue().catch(() => 0);
        void running.finally(() => {
          if (timer !== undefined) timer = setTimeout(tick, o.tickMs ?? 5000);
        });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
    pollDue,
  };
}
