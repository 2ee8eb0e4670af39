// A local Instagram Graph API for a professional account's comments: the
// comments webhook (entry[].changes[] and the dashboard's flat test shape,
// signed X-Hub-Signature-256 over Meta-escaped bytes), GET /{comment-id},
// hide (POST ?hide=true), DELETE, replies, and Graph-shaped errors.
import { randomBytes } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { signBody } from "../webhooks/signature.ts";
import { FaultInjector, installFaults } from "./faults.ts";
import { metaJson } from "./meta-json.ts";

export interface IgComment {
  id: string;
  accountId: string;
  mediaId: string;
  parentId: string | null;
  from: { id: string; username: string };
  text: string;
  timestamp: string;
  hidden: boolean;
  deleted: boolean;
}

const err = (status: number) => ({ error: status === 401
  ? { message: "Error validating access token: Session has expired.", type: "OAuthException", code: 190, error_subcode: 463, fbtrace_id: randomBytes(8).toString("hex") }
  : status === 429 ? { message: "(#4) Application request limit reached", type: "OAuthException", code: 4 }
    : { message: "An unexpected error has occurred.", type: "OAuthException", code: 2, is_transient: true } });

export class InstagramEmulator {
  readonly accounts = new Map<string, { id: string; username: string; appSecret: string; accessToken: string; callbackUrl?: string }>();
  readonly comments = new Map<string, IgComment>();
  readonly applied: { action: string; target: string }[] = [];
  readonly faults = new FaultInjector();

  addAccount(a: { id: string; username: string; appSecret: string; accessToken: string; callbackUrl?: string }): void {
    this.accounts.set(a.id, a);
  }

  async comment(o: { accountId: string; mediaId: string; parentId?: string; from: { id: string; username: string }; text: string; flatShape?: boolean }): Promise<IgComment> {
    const c: IgComment = { id: String(17_800_000_000_000_000 + Math.floor(Math.random() * 1e15)), accountId: o.accountId, mediaId: o.mediaId, parentId: o.parentId ?? null,
      from: o.from, text: o.text, timestamp: new Date().toISOString().replace(/\.\d+Z$/, "+0000"), hidden: false, deleted: false };
    this.comments.set(c.id, c);
    const value = { from: c.from, media: { id: c.mediaId, media_product_type: "FEED" }, id: c.id, ...(c.parentId ? { parent_id: c.parentId } : {}), text: c.text };
    const payload = o.flatShape ? { field: "comments", value } : { object: "instagram", entry: [{ id: o.accountId, time: Math.floor(Date.now() / 1000), changes: [{ field: "comments", value }] }] };
    await this.deliver(o.accountId, payload);
    return c;
  }

  async deliver(accountId: string, payload: unknown): Promise<number> {
    const a = this.accounts.get(accountId);
    if (!a?.callbackUrl) return 0;
    const body = metaJson(payload);
    const r = await fetch(a.callbackUrl, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signBody(a.appSecret, body) }, body });
    await r.arrayBuffer();
    return r.status;
  }

  private auth(req: FastifyRequest, reply: FastifyReply): boolean {
    const token = req.headers.authorization?.replace(/^Bearer /, "");
    if ([...this.accounts.values()].some((a) => a.accessToken === token)) return true;
    reply.status(401).send(err(401));
    return false;
  }

  private json(c: IgComment) {
    return { id: c.id, text: c.text, username: c.from.username, from: c.from, timestamp: c.timestamp, hidden: c.hidden, media: { id: c.mediaId }, ...(c.parentId ? { parent_id: c.parentId } : {}) };
  }

  plugin: FastifyPluginAsync = async (app) => {
    installFaults(app, this.faults, err);
    const gone = (reply: FastifyReply) => reply.status(400).send({ error: { message: "Unsupported get request.", type: "GraphMethodException", code: 100, error_subcode: 33 } });
    const find = (req: FastifyRequest) => {
      const c = this.comments.get((req.params as { id: string }).id);
      return c && !c.deleted ? c : undefined;
    };
    app.get("/:v/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const c = find(req);
      return c ? this.json(c) : gone(reply);
    });
    app.get("/:v/:id/replies", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      return { data: [...this.comments.values()].filter((c) => c.parentId === (req.params as { id: string }).id && !c.deleted).map((c) => this.json(c)) };
    });
    app.post("/:v/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const c = find(req);
      if (!c) return gone(reply);
      const v = (req.body as { hide?: string } | undefined)?.hide ?? (req.query as { hide?: string }).hide;
      c.hidden = v === "true";
      this.applied.push({ action: c.hidden ? "hide" : "unhide", target: c.id });
      return { success: true };
    });
    app.delete("/:v/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const c = find(req);
      if (!c) return gone(reply);
      c.deleted = true;
      this.applied.push({ action: "delete", target: c.id });
      return { success: true };
    });
    app.post("/:v/:id/replies", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const parent = find(req);
      if (!parent) return gone(reply);
      const account = this.accounts.get(parent.accountId)!;
      const c: IgComment = { ...parent, id: String(17_900_000_000_000_000 + Math.floor(Math.random() * 1e15)), parentId: parent.id,
        from: { id: account.id, username: account.username }, text: String((req.body as { message?: string }).message ?? ""), hidden: false, deleted: false };
      this.comments.set(c.id, c);
      this.applied.push({ action: "reply", target: parent.id });
      return { id: c.id };
    });
  };
}
