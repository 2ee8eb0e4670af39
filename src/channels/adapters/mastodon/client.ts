// Mastodon REST calls: the city's own server (or the server its account is
// on). Errors are {"error": "…"}; 429 carries X-RateLimit-Reset.
import { parseRetryAfter, PlatformError } from "../../outbox/platform-error.ts";
import type { ChannelRuntime } from "../../registry/index.ts";
import { httpJson } from "../http.ts";
import { isRecord } from "../shape.ts";

export async function mastodonCall(ch: Pick<ChannelRuntime, "apiBaseUrl" | "credentials">, method: string, path: string, o: { query?: Record<string, string | string[]>; body?: unknown; idempotencyKey?: string } = {}): Promise<unknown> {
  const url = new URL(`${(ch.apiBaseUrl ?? "").replace(/\/+$/, "")}${path}`);
  for (const [k, v] of Object.entries(o.query ?? {})) for (const x of [v].flat()) url.searchParams.append(k, x);
  const r = await httpJson(url.toString(), {
    method,
    headers: {
      authorization: `Bearer ${ch.credentials.accessToken ?? ""}`,
      ...(o.body ? { "content-type": "application/json" } : {}),
      // Mastodon keeps an Idempotency-Key for an hour: a retried POST creates one status, not two.
      ...(o.idempotencyKey ? { "idempotency-key": o.idempotencyKey } : {}),
    },
    ...(o.body ? { body: JSON.stringify(o.body) } : {}),
  });
  if (r.status >= 200 && r.status < 300) return r.json;
  const message = isRecord(r.json) && typeof r.json.error === "string" ? r.json.error : null;
  const e = { httpStatus: r.status, message };
  if (r.status === 429) {
    const reset = r.headers.get("x-ratelimit-reset");
    throw new PlatformError("rate_limited", { ...e, retryAfterMs: parseRetryAfter(r.headers.get("retry-after")) ?? (reset ? Math.max(0, Date.parse(reset) - Date.now()) : null) });
  }
  if (r.status === 401) throw new PlatformError("auth_expired", e);
  if (r.status === 403) throw new PlatformError("permission", e);
  if (r.status === 404) throw new PlatformError("not_found", e);
  if (r.status >= 500) throw new PlatformError("unavailable", e);
  throw new PlatformError("invalid", e);
}
