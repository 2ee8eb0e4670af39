// A local Mastodon server for the city's account: statuses with HTML content,
// mention notifications (types[], min_id, limit), webhooks signed
// X-Hub-Signature: sha256=<hex> over the body (status.created/updated),
// POST /api/v1/statuses honouring Idempotency-Key, the admin account action
// and unsuspend (POST /api/v1/admin/accounts/:id/unsuspend), and
// {"error": "…"} errors.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { signBody } from "../webhooks/signature.ts";
import { FaultInjector, installFaults } from "./faults.ts";

export interface MStatus {
  id: string;
  account: { id: string; acct: string; display_name: string };
  content: string;
  created_at: string;
  edited_at: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  mentions: { id: string; acct: string }[];
  url: string;
}

export class MastodonEmulator {
  readonly statuses = new Map<string, MStatus>();
  readonly notifications: { id: string; type: string; status: MStatus; forAccount: string }[] = [];
  readonly suspended = new Set<string>();
  readonly idempotency = new Map<string, string>();
  readonly applied: { action: string; target: string }[] = [];
  readonly faults = new FaultInjector();
  readonly tokens = new Map<string, { accountId: string; admin: boolean }>();
  webhook?: { url: string; secret: string };
  private seq = 110_000_000_000_000_000n;

  private nextId(): string {
    this.seq += 1n + BigInt(Math.floor(Math.random() * 1000));
    return String(this.seq);
  }

  /** Someone mentions or replies to `accountId`; a notification and (if configured) a webhook follow. */
  async post(o: { accountId: string; accountAcct: string; from: { id: string; acct: string }; html: string; inReplyTo?: string }): Promise<MStatus> {
    const s: MStatus = {
      id: this.nextId(), account: { id: o.from.id, acct: o.from.acct, display_name: o.from.acct }, content: o.html,
      created_at: new Date().toISOString(), edited_at: null, in_reply_to_id: o.inReplyTo ?? null,
      in_reply_to_account_id: o.inReplyTo ? o.accountId : null, mentions: [{ id: o.accountId, acct: o.accountAcct }], url: "",
    };
    s.url = `https://social.example/@${o.from.acct}/${s.id}`;
    this.statuses.set(s.id, s);
    this.notifications.push({ id: this.nextId(), type: "mention", status: s, forAccount: o.accountId });
    await this.sendWebhook("status.created", s);
    return s;
  }

  async sendWebhook(event: string, s: MStatus): Promise<number> {
    if (!this.webhook) return 0;
    const body = JSON.stringify({ event, created_at: new Date().toISOString(), object: s });
    const r = await fetch(this.webhook.url, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature": signBody(this.webhook.secret, body) }, body });
    await r.arrayBuffer();
    return r.status;
  }

  private auth(req: FastifyRequest, reply: FastifyReply): { accountId: string; admin: boolean } | undefined {
    const t = this.tokens.get(req.headers.authorization?.replace(/^Bearer /, "") ?? "");
    if (!t) reply.status(401).send({ error: "The access token is invalid" });
    return t;
  }

  plugin: FastifyPluginAsync = async (app) => {
    installFaults(app, this.faults, (s) => ({ error: s === 429 ? "Too many requests" : s === 401 ? "The access token is invalid" : "Internal server error" }));
    app.get("/api/v1/notifications", async (req, reply) => {
      const t = this.auth(req, reply);
      if (!t) return reply;
      const q = req.query as { min_id?: string; limit?: string };
      const limit = Math.min(80, Number(q.limit ?? 40) || 40);
      const mine = this.notifications.filter((n) => n.forAccount === t.accountId && (!q.min_id || BigInt(n.id) > BigInt(q.min_id)));
      // min_id: the page immediately after min_id, newest first within the page.
      return mine.slice(0, limit).reverse().map((n) => ({ id: n.id, type: n.type, created_at: n.status.created_at, account: n.status.account, status: n.status }));
    });
    app.get("/api/v1/statuses/:id", async (req, reply) => {
      if (!this.auth(req, reply)) return reply;
      const s = this.statuses.get((req.params as { id: string }).id);
      return s ?? reply.status(404).send({ error: "Record not found" });
    });
    app.post("/api/v1/statuses", async (req, reply) => {
      const t = this.auth(req, reply);
      if (!t) return reply;
      const key = req.headers["idempotency-key"];
      if (typeof key === "string" && this.idempotency.has(key)) return this.statuses.get(this.idempotency.get(key)!);
      const b = req.body as { status?: string; in_reply_to_id?: string };
      const s: MStatus = { id: this.nextId(), account: { id: t.accountId, acct: "stad", display_name: "Staden" }, content: `<p>${b.status ?? ""}</p>`,
        created_at: new Date().toISOString(), edited_at: null, in_reply_to_id: b.in_reply_to_id ?? null, in_reply_to_account_id: null, mentions: [], url: "" };
      this.statuses.set(s.id, s);
      if (typeof key === "string") this.idempotency.set(key, s.id);
      this.applied.push({ action: "reply", target: b.in_reply_to_id ?? "" });
      return s;
    });
    app.post("/api/v1/admin/accounts/:id/action", async (req, reply) => {
      const t = this.auth(req, reply);
      if (!t) return reply;
      if (!t.admin) return reply.status(403).send({ error: "This action is not allowed" });
      const id = (req.params as { id: string }).id;
      const type = (req.body as { type?: string }).type;
      if (type === "suspend" || type === "silence" || type === "disable") this.suspended.add(id);
      this.applied.push({ action: type ?? "none", target: id });
      return {};
    });
    app.post("/api/v1/admin/accounts/:id/unsuspend", async (req, reply) => {
      const t = this.auth(req, reply);
      if (!t) return reply;
      if (!t.admin) return reply.status(403).send({ error: "This action is not allowed" });
      const id = (req.params as { id: string }).id;
      this.suspended.delete(id);
      this.applied.push({ action: "unsuspend", target: id });
      // Mastodon answers with the Admin::Account; the fields the executor and tests read.
      return { id, suspended: false, silenced: false, disabled: false };
    });
  };
}
