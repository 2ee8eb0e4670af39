// A local Facebook Graph API for Pages, following Meta's documented shapes:
// the feed webhook (signed X-Hub-Signature-256 over Meta-escaped bytes, the
// newer `from{}` and older `sender_id` shapes), feed and comment paging with
// cursors, hide (is_hidden), delete, reply, block and unblock (DELETE
// /{page-id}/blocked?user=…, answering {success: true}), and Graph errors
// ({error:{message, type, code, error_subcode, fbtrace_id}}: 190 for an
// expired token, 429 with Retry-After, 500). Used by tests, the benchmark and
// the demo (`vaxel demo simulate`).
import { randomBytes } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { signBody } from "../webhooks/signature.ts";
import { FaultInjector, installFaults } from "./faults.ts";
import { metaJson } from "./meta-json.ts";

export interface FbComment {
  id: string;
  postId: string;
  parentId: string;
  from: { id: string; name: string };
  message: string;
  createdTime: number;
  isHidden: boolean;
  deleted: boolean;
}

interface FbPage {
  id: string;
  name: string;
  appSecret: string;
  accessToken: string;
  callbackUrl?: string;
}

export interface AppliedAction {
  action: "hide" | "unhide" | "delete" | "reply" | "block" | "unblock";
  target: string;
  at: number;
}

const graphError = (status: number) => {
  if (status === 401) {
    return { error: { message: "Error validating access token: Session has expired.", type: "OAuthException", code: 190, error_subcode: 463, fbtrace_id: randomBytes(8).toString("hex") } };
  }
  if (status === 429) return { error: { message: "(#4) Application request limit reached", type: "OAuthException", code: 4, fbtrace_id: randomBytes(8).toString("hex") } };
  return { error: { message: "An unexpected error has occurred. Please retry your request later.", type: "OAuthException", code: 2, is_transient: true, fbtrace_id: randomBytes(8).toString("hex") } };
};

export class FacebookEmulator {
  readonly pages = new Map<string, FbPage>();
  readonly posts = new Map<string, { id: string; pageId: string; message: string; createdTime: number }>();
  readonly comments = new Map<string, FbComment>();
  readonly blocked = new Map<string, Set<string>>();
  readonly applied: AppliedAction[] = [];
  readonly faults = new FaultInjector();
  readonly expiredTokens = new Set<string>();
  /** Absolute URL of this emulator's Graph root (set when mounted), for paging links. */
  baseUrl = "";
  private seq = 1000;

  addPage(p: FbPage): void {
    this.pages.set(p.id, p);
    this.blocked.set(p.id, new Set());
  }

  private nextId(): string {
    this.seq += 1 + Math.floor(Math.random() * 7);
    return String(this.seq) + String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  }

  createPost(pageId: string, message: string): string {
    const id = `${pageId}_${this.nextId()}`;
    this.posts.set(id, { id, pageId, message, createdTime: Math.floor(Date.now() / 1000) });
    return id;
  }

  /** A resident comments: stored here, then Meta's webhook is sent. Returns the comment id. */
  async comment(o: { pageId: string; postId: string; parentId?: string; from: { id: string; name: string }; message: string; legacyShape?: boolean }): Promise<FbComment> {
    const postSuffix = o.postId.split("_")[1] ?? o.postId;
    const c: FbComment = {
      id: `${postSuffix}_${this.nextId()}`, postId: o.postId, parentId: o.parentId ?? o.postId, from: o.from, message: o.message,
      createdTime: Math.floor(Date.now() / 1000), isHidden: false, deleted: false,
    };
    this.comments.set(c.id, c);
    await this.sendFeedChange(o.pageId, c, "add", o.legacyShape);
    return c;
  }

  async edit(commentId: string, message: string): Promise<void> {
    const c = this.comments.get(commentId)!;
    c.message = message;
    await this.sendFeedChange(this.pageOf(c), c, "edited");
  }

  /** The author deletes their own comment: Meta's `remove` carries no message. */
  async removeByAuthor(commentId: string): Promise<void> {
    const c = this.comments.get(commentId)!;
    c.deleted = true;
    await this.sendFeedChange(this.pageOf(c), c, "remove");
  }

  pageOf(c: FbComment): string {
    return c.postId.split("_")[0]!;
  }

  /** The webhook body Meta sends for one feed change. */
  feedPayload(pageId: string, c: FbComment, verb: string, legacyShape = false): Record<string, unknown> {
    const value: Record<string, unknown> = {
      item: "comment", verb, comment_id: c.id, post_id: c.postId, parent_id: c.parentId, created_time: c.createdTime,
      post: { status_type: "added_photos", is_published: true, updated_time: new Date().toISOString().replace(/\.\d+Z$/, "+0000"), permalink_url: `https://www.facebook.com/${c.postId}`, promotion_status: "inactive", id: c.postId },
    };
    if (legacyShape) Object.assign(value, { sender_id: c.from.id, sender_name: c.from.name });
    else value.from = c.from;
    if (verb !== "remove") value.message = c.message;
    return { object: "page", entry: [{ id: pageId, time: Math.floor(Date.now() / 1000), changes: [{ field: "feed", value }] }] };
  }

  /** Signs and POSTs a webhook body to the Page's callback; retries like Meta on failure. Returns the final status. */
  async deliver(pageId: string, payload: unknown, opts: { retries?: number } = {}): Promise<number> {
    const page = this.pages.get(pageId);
    if (!page?.callbackUrl) return 0;
    const body = metaJson(payload);
    let status = 0;
    for (let attempt = 0; attempt <= (opts.retries ?? 3); attempt++) {
      try {
        const r = await fetch(page.callbackUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "x-hub-signature-256": signBody(page.appSecret, body) },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        status = r.status;
        await r.arrayBuffer();
        if (status === 200) return status;
      } catch {
        status = 0;
      }
      await new Promise((res) => setTimeout(res, 50 * 2 ** attempt));
    }
    return status;
  }

  async sendFeedChange(pageId: string, c: FbComment, verb: string, legacyShape = false): Promise<number> {
    return this.deliver(pageId, this.feedPayload(pageId, c, verb, legacyShape));
  }

  countApplied(action: AppliedAction["action"], target: string): number {
    return this.applied.filter((a) => a.action === action && a.target === target).length;
  }

  private auth(req: FastifyRequest, reply: FastifyReply): FbPage | undefined {
    const h = req.headers.authorization;
    const token = h?.startsWith("Bearer ") ? h.slice(7) : (req.query as { access_token?: string }).access_token;
    const page = [...this.pages.values()].find((p) => p.accessToken === token);
    if (!page || this.expiredTokens.has(token ?? "")) {
      reply.status(401).header("www-authenticate", 'OAuth "Facebook Platform" "invalid_token"').send(graphError(401));
      return undefined;
    }
    return page;
  }

  private commentJson(c: FbComment): Record<string, unknown> {
    return {
      id: c.id, message: c.message, from: c.from, created_time: new Date(c.createdTime * 1000).toISOString().replace(/\.\d+Z$/, "+0000"),
      is_hidden: c.isHidden, permalink_url: `https://www.facebook.com/${c.postId}?comment_id=${c.id}`,
      ...(c.parentId !== c.postId ? { parent: { id: c.parentId } } : {}),
    };
  }

  private page<T>(req: FastifyRequest, all: T[]): { data: T[]; paging?: unknown } {
    const q = req.query as { limit?: string; after?: string };
    const limit = Math.min(100, Math.max(1, Number(q.limit ?? 25) || 25));
    // Like Graph, `after` is the cursor of the last item seen; the page starts after it.
    const start = q.after ? Number(Buffer.from(q.after, "base64url").toString()) + 1 || 0 : 0;
    const data = all.slice(start, start + limit);
    const next = start + limit < all.length ? Buffer.from(String(start + data.length - 1)).toString("base64url") : undefined;
    const url = new URL(`${this.baseUrl}${req.url}`);
    if (next) url.searchParams.set("after", next);
    return {
      data,
      ...(data.length ? { paging: { cursors: { before: Buffer.from(String(start)).toString("base64url"), after: Buffer.from(String(start + data.length - 1)).toString("base64url") }, ...(next ? { next: url.toString() } : {}) } } : {}),
    };
  }

  plugin: FastifyPluginAsync = async (app) => {
    installFaults(app, this.faults, graphError);
    const gone = (reply: FastifyReply) =>
      reply.status(400).send({ error: { message: "Unsupported get request. Object with ID does not exist, cannot be loaded due to missing permissions, or does not support this operation.", type: "GraphMethodException", code: 100, error_subcode: 33, fbtrace_id: randomBytes(8).toString("hex") } });

    app.get("/:v/:id/feed", async (req, reply) => {
      const page = this.auth(req, reply);
      if (!page) return reply;
      const posts = [...this.posts.values()].filter((p) => p.pageId === (req.params as { id: string }).id).reverse()
        .map((p) => ({ id: p.id, message: p.message, created_time: new Date(p.createdTime * 1000).toISOString().replace(/\.\d+Z$/, "+0000") }));
      return this.page(req, posts);
    });

    app.get("/:v/:id/comments", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const { id } = req.params as { id: string };
      const stream = (req.query as { filter?: string }).filter === "stream";
      const list = [...this.comments.values()].filter((c) => !c.deleted && (stream && this.posts.has(id) ? c.postId === id : c.parentId === id));
      return this.page(req, list.map((c) => this.commentJson(c)));
    });

    app.get("/:v/:id/blocked", async (req, reply) => {
      const page = this.auth(req, reply);
      if (!page) return reply;
      const user = (req.query as { user?: string }).user;
      const set = this.blocked.get(page.id) ?? new Set();
      return { data: [...set].filter((u) => !user || u === user).map((u) => ({ id: u })) };
    });

    app.post("/:v/:id/blocked", async (req, reply) => {
      const page = this.auth(req, reply);
      if (!page) return reply;
      const user = String((req.body as { user?: string }).user ?? "");
      this.blocked.get(page.id)?.add(user);
      this.applied.push({ action: "block", target: user, at: Date.now() });
      return { [user]: true };
    });

    app.delete("/:v/:id/blocked", async (req, reply) => {
      const page = this.auth(req, reply);
      if (!page) return reply;
      const q = (req.query ?? {}) as { user?: string };
      const user = String(q.user ?? (req.body as { user?: string } | undefined)?.user ?? "");
      if (!user) return reply.status(400).send({ error: { message: "(#100) The parameter user is required", type: "OAuthException", code: 100, fbtrace_id: randomBytes(8).toString("hex") } });
      this.blocked.get(page.id)?.delete(user);
      this.applied.push({ action: "unblock", target: user, at: Date.now() });
      return { success: true };
    });

    app.get("/:v/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const c = this.comments.get((req.params as { id: string }).id);
      if (!c || c.deleted) return gone(reply);
      return this.commentJson(c);
    });

    app.post("/:v/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const c = this.comments.get((req.params as { id: string }).id);
      if (!c || c.deleted) return gone(reply);
      const body = (req.body ?? {}) as { is_hidden?: string };
      const q = req.query as { is_hidden?: string };
      const v = body.is_hidden ?? q.is_hidden;
      if (v !== "true" && v !== "false") return reply.status(400).send({ error: { message: "(#100) Invalid parameter", type: "OAuthException", code: 100 } });
      c.isHidden = v === "true";
      this.applied.push({ action: c.isHidden ? "hide" : "unhide", target: c.id, at: Date.now() });
      return { success: true };
    });

    app.delete("/:v/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const c = this.comments.get((req.params as { id: string }).id);
      if (!c || c.deleted) return gone(reply);
      c.deleted = true;
      this.applied.push({ action: "delete", target: c.id, at: Date.now() });
      return { success: true };
    });

    app.post("/:v/:id/comments", async (req, reply) => {
      const page = this.auth(req, reply);
      if (!page) return reply;
      const parent = this.comments.get((req.params as { id: string }).id);
      if (!parent || parent.deleted) return gone(reply);
      const message = String((req.body as { message?: string }).message ?? "");
      const c: FbComment = {
        id: `${parent.postId.split("_")[1]}_${this.nextId()}`, postId: parent.postId, parentId: parent.id, from: { id: page.id, name: page.name },
        message, createdTime: Math.floor(Date.now() / 1000), isHidden: false, deleted: false,
      };
      this.comments.set(c.id, c);
      this.applied.push({ action: "reply", target: parent.id, at: Date.now() });
      return { id: c.id };
    });
  };
}
