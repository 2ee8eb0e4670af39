// The Graph API calls Växel makes for a Facebook Page: read comments (backfill,
// capture before removal) and act on them. Errors follow Graph's
// {error:{message, type, code, error_subcode}} and are classified for the outbox.
import { isRecord } from "../shape.ts";
import { httpJson, type HttpResponse } from "../http.ts";
import { parseRetryAfter, PlatformError } from "../../outbox/platform-error.ts";
import type { ChannelRuntime } from "../../registry/index.ts";

export const GRAPH_VERSION = "v21.0";
const DEFAULT_BASE = "https://graph.facebook.com";

const RATE_CODES = new Set([4, 17, 32, 613, 80001]);

export function graphError(r: HttpResponse): PlatformError {
  const e = isRecord(r.json) && isRecord(r.json.error) ? r.json.error : {};
  const code = typeof e.code === "number" ? e.code : null;
  const sub = typeof e.error_subcode === "number" ? e.error_subcode : null;
  const message = typeof e.message === "string" ? e.message.slice(0, 500) : null;
  const o = { httpStatus: r.status, platformCode: code === null ? null : `${code}${sub ? `/${sub}` : ""}`, message };
  if (r.status === 429 || (code !== null && RATE_CODES.has(code))) {
    return new PlatformError("rate_limited", { ...o, retryAfterMs: parseRetryAfter(r.headers.get("retry-after")) });
  }
  if (r.status === 401 || code === 190 || code === 102) return new PlatformError("auth_expired", o);
  if (r.status >= 500 || code === 1 || code === 2) return new PlatformError("unavailable", o);
  if (r.status === 404 || (code === 100 && sub === 33)) return new PlatformError("not_found", o);
  if (r.status === 403 || code === 10 || (code !== null && code >= 200 && code < 300)) return new PlatformError("permission", o);
  return new PlatformError("invalid", o);
}

export class GraphClient {
  readonly base: string;
  readonly token: string;

  constructor(channel: Pick<ChannelRuntime, "apiBaseUrl" | "credentials">) {
    this.base = `${(channel.apiBaseUrl ?? DEFAULT_BASE).replace(/\/+$/, "")}/${GRAPH_VERSION}`;
    this.token = channel.credentials.accessToken ?? "";
  }

  async call(method: string, path: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const url = new URL(`${this.base}/${path.replace(/^\/+/, "")}`);
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    let body: URLSearchParams | undefined;
    if (method === "GET" || method === "DELETE") for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    else body = new URLSearchParams(params);
    const r = await httpJson(url.toString(), { method, headers, ...(body ? { body } : {}) });
    if (r.status >= 200 && r.status < 300 && !(isRecord(r.json) && "error" in r.json)) return isRecord(r.json) ? r.json : {};
    throw graphError(r);
  }

  /** Follows `paging.next` until the end or `maxPages`. */
  async *pages(path: string, params: Record<string, string>, maxPages = 1000): AsyncGenerator<{ data: Record<string, unknown>[]; raw: Record<string, unknown> }> {
    let after: string | undefined;
    for (let i = 0; i < maxPages; i++) {
      const raw = await this.call("GET", path, { ...params, ...(after ? { after } : {}) });
      const data = Array.isArray(raw.data) ? raw.data.filter(isRecord) : [];
      yield { data, raw };
      const paging = isRecord(raw.paging) ? raw.paging : {};
      const cursors = isRecord(paging.cursors) ? paging.cursors : {};
      if (!paging.next || typeof cursors.after !== "string") return;
      after = cursors.after;
    }
  }
}
