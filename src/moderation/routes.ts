// The moderation module's HTTP surface for moderators: the queue (HTML and
// JSON), an item, decisions (form or JSON), bulk decisions, live updates
// (server-sent events) and the queue's keyboard script. The records-like
// screens (police reports, block list, appeals, supervision) are in
// routes-records.ts.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import type { Principal } from "../access/principal.ts";
import { loadSnapshot } from "../directory/index.ts";
import type { Pool } from "../platform/db/pool.ts";
import { withTx } from "../platform/db/pool.ts";
import { AppError, ERROR_CATALOGUE, type ErrorCode } from "../platform/errors.ts";
import { NAV } from "../web/layout.ts";
import type { Lang } from "../web/i18n.ts";
import { DECISION_KINDS, type DecisionKind } from "./domain/rules.ts";
import type { QueueView } from "./domain/state.ts";
import { createPoliceReport } from "./police/create-police-report.ts";
import { storeRendering } from "./police/store-rendering.ts";
import { analyticsRoutes } from "./routes-analytics.ts";
import { BULK_DECISION_FIELDS, bulkRoutes } from "./routes-bulk.ts";
import { recordsRoutes } from "./routes-records.ts";
import { createModerationRuntime, type ModerationRuntime } from "./runtime.ts";
import { loadItemContext } from "./use-cases/item-context.ts";
import { listQueue } from "./use-cases/list-queue.ts";
import { auditUnmaskedRead, type UnmaskedVia } from "./use-cases/audit-unmasked-read.ts";
import { presentEntry } from "./presenter.ts";
import { recordDecision, type DecisionOutcome } from "./use-cases/record-decision.ts";
import { itemBody } from "./web/item-page.ts";
import { tm, type ModKey } from "./web/messages.ts";
import { queueBody, VIEWS } from "./web/queue-page.ts";
import { sendPage } from "./web/send-page.ts";

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), "web/assets");
const QUEUE_JS = fs.readFileSync(path.join(ASSETS, "queue.js"));
const ALERT_JS = fs.readFileSync(path.join(ASSETS, "alert.js"));

export interface ModerationRoutesOptions {
  pool: Pool;
  cfg: Config;
  runtime?: ModerationRuntime;
}

const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });


const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? "").includes("application/json") || (req.headers["content-type"] ?? "").startsWith("application/json");
const safeReturn = (s: unknown, fallback: string) => (typeof s === "string" && /^\/moderation(\/|\?|$)/.test(s) && !s.includes("//") ? s : fallback);

function presentOutcome(o: DecisionOutcome, lang: Lang) {
  return {
    decision: { id: o.decision.id, kind: o.decision.kind, ruleId: o.decision.ruleId, legalBasis: o.decision.legalBasis, reason: o.decision.reason, needsConfirmation: o.decision.needsConfirmation, criticism: o.decision.criticism, at: o.decision.at.toISOString() },
    state: { visibility: o.state.visibility, escalated: o.state.escalated, pendingConfirmation: o.state.pending?.id ?? null },
    platformActions: o.platformActions,
    notificationId: o.notificationId,
    message: `${tm(lang, `kind.${o.decision.kind}` as ModKey)}: ${o.decision.ruleId}`,
  };
}

const DecisionBody = Type.Object({
  kind: Type.Union(DECISION_KINDS.map((k) => Type.Literal(k))),
  ruleId: Type.Optional(Type.String({ maxLength: 40 })),
  legalBasis: Type.Optional(Type.Union([Type.Literal("bbs-5"), Type.Literal("page-rule")])),
  reason: Type.Optional(Type.String({ maxLength: 4000 })),
  refId: Type.Optional(Type.String({ maxLength: 40 })),
  message: Type.Optional(Type.String({ maxLength: 4000 })),
  returnTo: Type.Optional(Type.String({ maxLength: 500 })),
  _csrf: Type.Optional(Type.String()),
});
type DecisionBodyT = { kind: DecisionKind; ruleId?: string; legalBasis?: "bbs-5" | "page-rule"; reason?: string; refId?: string; message?: string; returnTo?: string; refuseGuarded?: boolean };

export const moderationRoutes: FastifyPluginAsync<ModerationRoutesOptions> = async (app, opts) => {
  const { pool, cfg } = opts;
  const rt = opts.runtime ?? createModerationRuntime({ pool, publicUrl: cfg.publicUrl, overdueCheckMs: cfg.moderationOverdueCheckSeconds * 1000 });
  if (!opts.runtime && cfg.workers) {
    app.addHook("onReady", async () => rt.start());
    app.addHook("onClose", async () => rt.stop());
  }
  app.decorate("moderation", rt);
  // New analyses may call for automatic actions and always change the queue.
  app.channels.analysis.onAnalysed((items) => {
    if (cfg.workers) void rt.runAutomatic().catch(() => undefined);
    const byOrg = new Map<string, string[]>();
    for (const i of items) byOrg.set(i.orgId, [...(byOrg.get(i.orgId) ?? []), i.itemId]);
    for (const [org, ids] of byOrg) rt.changed(org, ids);
  });
  NAV.push({ href: "/moderation", label: { sv: tm("sv", "nav"), en: tm("en", "nav") }, permission: "moderation:decide" });

  app.get("/moderation/assets/queue.js", { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(QUEUE_JS));
  app.get("/moderation/assets/alert.js", { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(ALERT_JS));

  app.get("/api/v1/moderation/alerts", {
    config: { permission: "moderation:decide" },
    schema: { tags: ["moderation"], summary: "Supervision alert: unreviewed items older than the review limit in working time (BBS-lagen §4)", security: [{ bearer: [] }] },
  }, async (req) => {
    const a = await rt.overdue(req.principal!.orgId);
    return {
      overdue: a.count, limitMinutes: a.limitMinutes, checkedAt: a.checkedAt.toISOString(),
      items: a.items.map((x) => ({ itemId: x.itemId, channelName: x.channelName, capturedAt: x.capturedAt.toISOString(), view: x.view, workingMinutes: Math.round(x.workingMinutes) })),
    };
  });

  const QueueQuery = Type.Object({
    view: Type.Optional(Type.Union(VIEWS.map((v) => Type.Literal(v)))),
    channel: Type.Optional(Type.String({ maxLength: 40 })),
    unit: Type.Optional(Type.String({ maxLength: 40 })),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    minAge: Type.Optional(Type.String({ maxLength: 10 })),
    /** Keyset cursor: the `next` of the previous page. */
    after: Type.Optional(Type.String({ maxLength: 300 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    lang: Type.Optional(Type.String()),
  });
  type QueueQueryT = { view?: QueueView; channel?: string; unit?: string; category?: string; minAge?: string; after?: string; limit?: number };
  const filterOf = (q: QueueQueryT) => ({
    view: q.view ?? "needs_review" as QueueView,
    channelId: q.channel || undefined, unitId: q.unit || undefined, category: q.category || undefined,
    minAgeMinutes: q.minAge && /^\d+$/.test(q.minAge) ? Number(q.minAge) : undefined,
    after: q.after || undefined, limit: q.limit,
  });

  /** Personal data shown unmasked to a moderator leaves an audit event (audit-unmasked-read.ts). */
  const audited = (req: FastifyRequest, via: UnmaskedVia, entries: { item: { id: string }; analysis: { findings: { category: string }[] } | null }[]) =>
    auditUnmaskedRead(pool, { orgId: req.principal!.orgId, actor: actorOf(req.principal!), via, items: entries.map((e) => ({ id: e.item.id, findings: e.analysis?.findings ?? [] })), requestId: req.id, query: req.url });

  /** Names of the channels' owning units, from the published directory (the unit filter). */
  async function unitNames(orgId: string, ids: string[]): Promise<{ id: string; name: string }[]> {
    if (!ids.length) return [];
    const snap = await loadSnapshot(pool, orgId, { mode: "live" }).catch(() => null);
    return [...new Set(ids)].map((id) => ({ id, name: snap?.units.find((u) => u.id === id)?.name ?? id }));
  }

  app.get("/moderation", { config: { permission: "moderation:decide", html: true }, schema: { hide: true, querystring: QueueQuery } }, async (req, reply) => {
    const p = req.principal!;
    const f = filterOf(req.query as QueueQueryT);
    const { entries, counts, next } = await listQueue(pool, p.orgId, f);
    await audited(req, "queue_page", entries);
    const channels = (await pool.query<{ id: string; name: string; unit_id: string | null }>("select id, name, unit_id from channels where org_id = $1 order by name", [p.orgId])).rows;
    const units = await unitNames(p.orgId, channels.map((c) => c.unit_id).filter((u): u is string => !!u));
    return sendPage(req, reply, tm(req.lang, "queue.title"), queueBody({ lang: req.lang, csrf: p.csrfToken ?? "", view: f.view, entries, counts, channels, units, filter: f, returnTo: req.url, next, jobId: randomUUID() }));
  });

  app.get("/api/v1/moderation/queue", {
    config: { permission: "moderation:decide" },
    schema: { tags: ["moderation"], summary: "The open moderation queue, sorted by severity then age", security: [{ bearer: [] }], querystring: QueueQuery },
  }, async (req) => {
    const p = req.principal!;
    const f = filterOf(req.query as QueueQueryT);
    const q = req.query as QueueQueryT;
    const { entries, counts, next } = await listQueue(pool, p.orgId, { ...f, view: q.view });
    await audited(req, "queue_api", entries);
    return { counts, items: entries.map(presentEntry), next };
  });

  app.get("/moderation/events", { config: { permission: "moderation:decide" }, schema: { hide: true } }, async (req, reply) => {
    const orgId = req.principal!.orgId;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
    res.write("retry: 3000\n\n");
    // Only a nudge crosses the wire (which items changed, ids only); the page
    // fetches the queue itself with the moderator's own permissions.
    const onQueue = (e: { orgId: string | null; itemIds: string[] }) => {
      if (e.orgId === null || e.orgId === orgId) res.write(`event: queue\ndata: ${JSON.stringify({ changed: e.itemIds.length, items: e.itemIds.slice(0, 100) })}\n\n`);
    };
    // The supervision alert: the new overdue count (a number only; the page links to the list).
    const onAlert = (e: { orgId: string; count: number }) => {
      if (e.orgId === orgId) res.write(`event: alert\ndata: ${JSON.stringify({ count: e.count })}\n\n`);
    };
    const ping = setInterval(() => res.write(": ping\n\n"), 25_000);
    rt.events.on("queue", onQueue);
    rt.events.on("alert", onAlert);
    req.raw.on("close", () => {
      clearInterval(ping);
      rt.events.off("queue", onQueue);
      rt.events.off("alert", onAlert);
    });
  });

  app.get("/moderation/items/:id", {
    config: { permission: "moderation:decide", html: true },
    schema: { hide: true, params: Type.Object({ id: Type.String({ format: "uuid" }) }), querystring: Type.Object({ kind: Type.Optional(Type.String({ maxLength: 20 })), error: Type.Optional(Type.String({ maxLength: 60 })), lang: Type.Optional(Type.String()) }) },
  }, async (req, reply) => {
    const p = req.principal!;
    const c = await loadItemContext(pool, p.orgId, (req.params as { id: string }).id, { suggest: true, lang: req.lang });
    if (!c) throw new AppError("not_found");
    await auditUnmaskedRead(pool, { orgId: p.orgId, actor: actorOf(p), via: "item_page", items: [{ id: c.item.id, findings: c.analysis?.findings ?? [] }], requestId: req.id });
    const q = req.query as { kind?: string; error?: string };
    const code = q.error && q.error in ERROR_CATALOGUE ? (q.error as ErrorCode) : undefined;
    const error = code ? ERROR_CATALOGUE[code][req.lang] : undefined;
    return sendPage(req, reply, tm(req.lang, "item.title"), itemBody(req.lang, p.csrfToken ?? "", c, { kind: q.kind, error }));
  });

  async function decide(req: FastifyRequest, itemId: string, b: DecisionBodyT, bulkId?: string) {
    const p = req.principal!;
    const actor = actorOf(p);
    const out = await withTx(pool, async (tx) => {
      const o = await recordDecision(tx, { orgId: p.orgId, itemId, kind: b.kind, ruleId: b.ruleId, legalBasis: b.legalBasis, reason: b.reason, refId: b.refId, message: b.message, actor, bulkId, refuseGuarded: b.refuseGuarded, requestId: req.id, publicUrl: cfg.publicUrl, lang: req.lang });
      let policeReportId: string | null = null;
      if (b.kind === "report_police") policeReportId = (await createPoliceReport(tx, { orgId: p.orgId, itemId, decisionId: o.decision.id, ruleId: o.decision.ruleId, actor, requestId: req.id })).id;
      return { ...o, policeReportId };
    });
    if (out.platformActions.length) app.channels.outbox.wake();
    rt.changed(p.orgId, [itemId]);
    if (out.policeReportId) {
      // The screenshot takes a browser start: after the commit, without holding the moderator up.
      const id = out.policeReportId;
      rt.track(storeRendering(pool, p.orgId, id).catch((err: unknown) => req.log.warn({ err, report: id }, "police report rendering failed")));
    }
    return out;
  }

  app.post("/moderation/items/:id/decisions", {
    config: { permission: "moderation:decide" },
    schema: { tags: ["moderation"], summary: "Record a decision (append-only event) on an item", security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ format: "uuid" }) }), body: DecisionBody },
  }, async (req, reply) => {
    const itemId = (req.params as { id: string }).id;
    const b = req.body as DecisionBodyT;
    if (wantsJson(req)) {
      const out = await decide(req, itemId, b);
      return reply.status(201).send({ ...presentOutcome(out, req.lang), policeReportId: out.policeReportId });
    }
    try {
      const out = await decide(req, itemId, b);
      if (out.policeReportId) return reply.redirect(`/moderation/police-reports/${out.policeReportId}`, 303);
      return reply.redirect(safeReturn(b.returnTo, `/moderation/items/${itemId}`), 303);
    } catch (e) {
      // A form post that breaks a rule goes back to the item with the reason shown.
      if (e instanceof AppError && e.status < 500) return reply.redirect(`/moderation/items/${itemId}?kind=${b.kind}&error=${e.code}`, 303);
      throw e;
    }
  });

  const BulkBody = Type.Object({
    ids: Type.Array(Type.String({ format: "uuid" }), { minItems: 1, maxItems: 500 }),
    ...BULK_DECISION_FIELDS,
  });
  app.post("/moderation/bulk", {
    config: { permission: "moderation:decide" },
    schema: { tags: ["moderation"], summary: "One decision on many items (spam floods); each item gets its own event", security: [{ bearer: [] }], body: BulkBody },
  }, async (req, reply) => {
    const b = req.body as { ids: string[]; kind: DecisionKind; ruleId: string; legalBasis: "bbs-5" | "page-rule"; reason?: string; returnTo?: string };
    const bulkId = randomUUID();
    const done: string[] = [];
    const skipped: { id: string; code: string }[] = [];
    for (const id of [...new Set(b.ids)]) {
      try {
        // Bulk never passes the criticism guard: a guarded item is skipped and stays in the queue.
        await decide(req, id, { kind: b.kind, ruleId: b.ruleId, legalBasis: b.legalBasis, reason: b.reason ?? "", refuseGuarded: true }, bulkId);
        done.push(id);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        skipped.push({ id, code: e.code });
      }
    }
    if (wantsJson(req)) return { bulkId, done, skipped };
    return reply.redirect(safeReturn(b.returnTo, "/moderation"), 303);
  });

  await app.register(recordsRoutes, { pool, cfg, runtime: rt });
  await app.register(bulkRoutes, { pool, runtime: rt });
  await app.register(analyticsRoutes, { pool });
};

(moderationRoutes as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;

declare module "fastify" {
  interface FastifyInstance {
    moderation: ModerationRuntime;
  }
}
