// YouTube Data API v3 calls for a channel's comments, with the channel's daily
// quota budget (10,000 units by default; commentThreads.list costs 1 unit,
// setModerationStatus and comments.insert 50). Polling may spend the budget
// only down to a reserve, so moderation can always act. The quota day follows
// YouTube's reset at midnight Pacific time.
import type { Pool } from "../../../platform/db/pool.ts";
import { parseRetryAfter, PlatformError } from "../../outbox/platform-error.ts";
import type { ChannelRuntime } from "../../registry/index.ts";
import { httpJson, type HttpResponse } from "../http.ts";
import { isRecord } from "../shape.ts";

export const DAILY_QUOTA = 10_000;
/** Units polling leaves for moderation actions. */
export const ACTION_RESERVE = 2_000;
export const COST = { list: 1, moderate: 50, insert: 50 } as const;

export function quotaDay(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(now);
}

/** Reserves `units` of today's quota or throws quota_exceeded. */
export async function reserveQuota(pool: Pool, ch: Pick<ChannelRuntime, "orgId" | "id">, units: number, purpose: "poll" | "action"): Promise<void> {
  const day = quotaDay();
  const limit = purpose === "poll" ? DAILY_QUOTA - ACTION_RESERVE : DAILY_QUOTA;
  const r = await pool.query(
    `update channel_state set quota_used = (case when quota_day = $3::date then quota_used else 0 end) + $4, quota_day = $3::date
      where org_id = $1 and channel_id = $2 and (case when quota_day = $3::date then quota_used else 0 end) + $4 <= $5
      returning quota_used`,
    [ch.orgId, ch.id, day, units, limit],
  );
  if (!r.rowCount) {
    // Until the next midnight in California, roughly: retry in an hour.
    throw new PlatformError("quota_exceeded", { message: `daily quota ${limit} spent (${purpose})`, retryAfterMs: 3_600_000 });
  }
}

export function youtubeError(r: HttpResponse): PlatformError {
  const e = isRecord(r.json) && isRecord(r.json.error) ? r.json.error : {};
  const first = Array.isArray(e.errors) && isRecord(e.errors[0]) ? e.errors[0] : {};
  const reason = typeof first.reason === "string" ? first.reason : "";
  const o = { httpStatus: r.status, platformCode: reason || null, message: typeof e.message === "string" ? e.message.slice(0, 500) : null };
  if (reason === "quotaExceeded" || reason === "dailyLimitExceeded") return new PlatformError("quota_exceeded", { ...o, retryAfterMs: 3_600_000 });
  if (r.status === 429 || reason === "rateLimitExceeded" || reason === "userRateLimitExceeded") {
    return new PlatformError("rate_limited", { ...o, retryAfterMs: parseRetryAfter(r.headers.get("retry-after")) });
  }
  if (r.status === 401) return new PlatformError("auth_expired", o);
  if (r.status >= 500) return new PlatformError("unavailable", o);
  if (r.status === 404) return new PlatformError("not_found", o);
  if (r.status === 403) return new PlatformError("permission", o);
  return new PlatformError("invalid", o);
}

export class YouTubeClient {
  readonly base: string;
  private readonly token: string;

  constructor(channel: Pick<ChannelRuntime, "apiBaseUrl" | "credentials">) {
    this.base = `${(channel.apiBaseUrl ?? "https://www.googleapis.com").replace(/\/+$/, "")}/youtube/v3`;
    this.token = channel.credentials.accessToken ?? "";
  }

  async call(method: string, path: string, query: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> {
    const url = new URL(`${this.base}/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const r = await httpJson(url.toString(), {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (r.status >= 200 && r.status < 300) return isRecord(r.json) ? r.json : {};
    throw youtubeError(r);
  }
}
