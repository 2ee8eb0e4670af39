// A local LinkedIn Community Management API for one organisation: posts
// (q=author), comments per post (start/count paging), delete as the
// organisation, replies, the webhook endpoint validation (challengeCode →
// HMAC) and COMMENT notifications signed X-LI-Signature.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { hmacSha256Hex } from "../webhooks/signature.ts";
import { FaultInjector, installFaults } from "./faults.ts";

export interface LiComment {
  id: string;
  object: string;
  actor: string;
  text: string;
  parentComment: string | null;
  created: number;
  deleted: boolean;
}

const urnOf = (c: LiComment) => `urn:li:comment:(${c.object},${c.id})`;

export class LinkedInEmulator {
  readonly posts: { id: string; author: string }[] = [];
  readonly comments = new Map<string, LiComment>();
  readonly applied: { action: string; target: string }[] = [];
  readonly faults = new FaultInjector();
  tokens = new Set<string>();
  webhook?: { url: string; clientSecret: string };
  private seq = 7_100_000_000_000_000_000n;

  private next(): string {
    this.seq += 1n;
    return String(this.seq);
  }

  createPost(orgUrn: string): string {
    const id = `urn:li:activity:${this.next()}`;
    this.posts.unshift({ id, author: orgUrn });
    return id;
  }

  async comment(o: { orgUrn: string; post: string; actor: string; text: string; notify?: boolean }): Promise<LiComment> {
    const c: LiComment = { id: this.next(), object: o.post, actor: o.actor, text: o.text, parentComment: null, created: Date.now(), deleted: false };
    this.comments.set(urnOf(c), c);
    if (o.notify && this.webhook) {
      const body = JSON.stringify({ type: "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS", notifications: [{ organizationalEntity: o.orgUrn, action: "COMMENT", sourcePost: o.post, lastModifiedAt: Date.now(), decoratedGeneratedActivity: { comment: { entity: urnOf(c), text: c.text } } }] });
      const r = await fetch(this.webhook.url, { method: "POST", headers: { "content-type": "application/json", "x-li-signature": hmacSha256Hex(this.webhook.clientSecret, body) }, body });
      await r.arrayBuffer();
    }
    return c;
  }

  urn(c: LiComment): string {
    return urnOf(c);
  }

  private json(c: LiComment) {
    return { actor: c.actor, commentUrn: urnOf(c), id: c.id, object: c.object, message: { text: c.text, attributes: [] },
      created: { actor: c.actor, time: c.created }, lastModified: { actor: c.actor, time: c.created }, ...(c.parentComment ? { parentComment: c.parentComment } : {}) };
  }

  private auth(req: FastifyRequest, reply: FastifyReply): boolean {
    if (this.tokens.has(req.headers.authorization?.replace(/^Bearer /, "") ?? "")) return true;
    reply.status(401).send({ status: 401, serviceErrorCode: 65600, code: "INVALID_ACCESS_TOKEN", message: "Invalid access token" });
    return false;
  }

  plugin: FastifyPluginAsync = async (app) => {
    installFaults(app, this.faults, (s) => ({ status: s, message: s === 429 ? "Resource level throttle limit reached" : "Internal Server Error" }));
    app.get("/rest/posts", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const q = req.query as { author?: string; count?: string };
      return { elements: this.posts.filter((p) => p.author === q.author).slice(0, Number(q.count ?? 10)).map((p) => ({ id: p.id, author: p.author })), paging: { start: 0, count: Number(q.count ?? 10) } };
    });
    app.get("/rest/socialActions/:object/comments", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const object = (req.params as { object: string }).object;
      const q = req.query as { start?: string; count?: string };
      const all = [...this.comments.values()].filter((c) => c.object === object && !c.deleted);
      const start = Number(q.start ?? 0);
      const count = Math.min(100, Number(q.count ?? 10));
      return { elements: all.slice(start, start + count).map((c) => this.json(c)), paging: { start, count, total: all.length } };
    });
    app.get("/rest/socialActions/:object/comments/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const { object, id } = req.params as { object: string; id: string };
      const c = this.comments.get(`urn:li:comment:(${object},${id})`);
      return c && !c.deleted ? this.json(c) : reply.status(404).send({ status: 404, message: "Not Found" });
    });
    app.delete("/rest/socialActions/:object/comments/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const { object, id } = req.params as { object: string; id: string };
      const c = this.comments.get(`urn:li:comment:(${object},${id})`);
      if (!c || c.deleted) return reply.status(404).send({ status: 404, message: "Not Found" });
      c.deleted = true;
      this.applied.push({ action: "delete", target: urnOf(c) });
      return reply.status(204).send();
    });
    app.post("/rest/socialActions/:object/comments", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const b = req.body as { actor: string; object: string; parentComment?: string; message: { text: string } };
      const c: LiComment = { id: this.next(), object: b.object, actor: b.actor, text: b.message.text, parentComment: b.parentComment ?? null, created: Date.now(), deleted: false };
      this.comments.set(urnOf(c), c);
      this.applied.push({ action: "reply", target: b.parentComment ?? b.object });
      return reply.status(201).send(this.json(c));
    });
  };
}
