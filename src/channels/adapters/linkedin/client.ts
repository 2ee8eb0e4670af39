// LinkedIn Community Management API (versioned REST, Rest.li 2.0): the
// organisation's posts and the comments under them. URNs in paths are
// URL-encoded; errors are {status, message, serviceErrorCode}.
import { parseRetryAfter, PlatformError } from "../../outbox/platform-error.ts";
import type { ChannelRuntime } from "../../registry/index.ts";
import { httpJson } from "../http.ts";
import { isRecord } from "../shape.ts";

export const LINKEDIN_VERSION = "202405";

export async function linkedinCall(ch: Pick<ChannelRuntime, "apiBaseUrl" | "credentials">, method: string, path: string, o: { query?: Record<string, string>; body?: unknown } = {}): Promise<Record<string, unknown>> {
  const url = new URL(`${(ch.apiBaseUrl ?? "https://api.linkedin.com").replace(/\/+$/, "")}/rest${path}`);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const r = await httpJson(url.toString(), {
    method,
    headers: {
      authorization: `Bearer ${ch.credentials.accessToken ?? ""}`, "linkedin-version": LINKEDIN_VERSION, "x-restli-protocol-version": "2.0.0",
      ...(o.body ? { "content-type": "application/json" } : {}),
    },
    ...(o.body ? { body: JSON.stringify(o.body) } : {}),
  });
  if (r.status >= 200 && r.status < 300) return isRecord(r.json) ? r.json : {};
  const e = { httpStatus: r.status, message: isRecord(r.json) && typeof r.json.message === "string" ? r.json.message : null,
    platformCode: isRecord(r.json) ? (r.json.serviceErrorCode as number | undefined) ?? null : null };
  if (r.status === 429) throw new PlatformError("rate_limited", { ...e, retryAfterMs: parseRetryAfter(r.headers.get("retry-after")) });
  if (r.status === 401) throw new PlatformError("auth_expired", e);
  if (r.status === 403) throw new PlatformError("permission", e);
  if (r.status === 404) throw new PlatformError("not_found", e);
  if (r.status >= 500) throw new PlatformError("unavailable", e);
  throw new PlatformError("invalid", e);
}

export const enc = encodeURIComponent;
