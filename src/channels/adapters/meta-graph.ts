// Meta's Graph API, shared by the Facebook Page and Instagram adapters: the
// client (token, version, paging), Graph's error shape
// {error:{message, type, code, error_subcode}} classified for the outbox, and
// the comment actions both platforms have (hide/unhide, delete, reply), each
// with the check that makes a retry safe when the previous outcome is unknown.
import { isRecord } from "./shape.ts";
import { httpJson, type HttpResponse } from "./http.ts";
import { parseRetryAfter, PlatformError } from "../outbox/platform-error.ts";
import type { ActionContext } from "../outbox/types.ts";
import type { ChannelRuntime } from "../registry/index.ts";

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

/** How a platform names the hidden state and the reply edge of a comment. */
export interface MetaCommentApi {
  /** Field read back (`is_hidden` on Facebook, `hidden` on Instagram) and the parameter that sets it. */
  hiddenField: string;
  hideParam: string;
  /** Edge where replies live (`comments` / `replies`), the fields to read there, and which reply is ours. */
  replyEdge: string;
  replyParams: Record<string, string>;
  /** Our reply: the page's own account wrote the text the action posts. */
  isOwnReply(reply: Record<string, unknown>, ctx: ActionContext): boolean;
}

type CommentAction = "hide" | "unhide" | "delete" | "reply";
export const isCommentAction = (a: ActionContext["action"]): a is CommentAction => a !== "ban" && a !== "unban";

/** Was the action already applied (its evidence), or null: a retry after an unknown outcome acts only on null. */
export async function commentActionDone(api: MetaCommentApi, ctx: ActionContext, action: CommentAction): Promise<Record<string, unknown> | null> {
  const g = new GraphClient(ctx.channel);
  const id = ctx.item.platformItemId;
  switch (action) {
    case "hide":
    case "unhide": {
      const c = await g.call("GET", id, { fields: `id,${api.hiddenField}` });
      return c[api.hiddenField] === (action === "hide") ? { [api.hiddenField]: c[api.hiddenField] } : null;
    }
    case "delete":
      try {
        await g.call("GET", id, { fields: "id" });
        return null;
      } catch (e) {
        if (e instanceof PlatformError && e.kind === "not_found") return { alreadyGone: true };
        throw e;
      }
    case "reply":
      for await (const page of g.pages(`${id}/${api.replyEdge}`, api.replyParams)) {
        const mine = page.data.find((c) => api.isOwnReply(c, ctx));
        if (mine) return { id: mine.id };
      }
      return null;
  }
}

export async function executeCommentAction(api: MetaCommentApi, ctx: ActionContext, action: CommentAction): Promise<Record<string, unknown>> {
  const g = new GraphClient(ctx.channel);
  const id = ctx.item.platformItemId;
  switch (action) {
    case "hide":
    case "unhide":
      return g.call("POST", id, { [api.hideParam]: String(action === "hide") });
    case "delete":
      return g.call("DELETE", id);
    case "reply":
      return g.call("POST", `${id}/${api.replyEdge}`, { message: String(ctx.params.message) });
  }
}
