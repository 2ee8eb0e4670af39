// Disposal rules, dry run, execution and legal holds (API).
import { Type, type Static } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Pool } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { page } from "../../web/layout.ts";
import { disposalPageBody } from "../web/disposal-page.ts";
import { dropEmptyFormFields } from "../web/form-errors.ts";
import { tr } from "../web/messages.ts";
import { createDisposalRule, listDisposalRules, listLegalHolds, placeLegalHold, releaseLegalHold } from "./disposal-rules.ts";
import { executeDisposal } from "./execute-disposal.ts";
import { listDisposalRuns } from "./list-disposal-runs.ts";
import { planDisposal } from "./plan-disposal.ts";

const Id = Type.Object({ id: Type.String({ format: "uuid" }) });
const RuleBody = Type.Object({
  recordType: Type.Union([Type.Literal("post"), Type.Literal("comment"), Type.Literal("reply"), Type.Literal("mention")]),
  keepMonths: Type.Integer({ minimum: 1, maximum: 1200 }),
  /** Reference in the document management plan, e.g. 'DHP 1.4.2'. */
  planReference: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.String({ minLength: 1, maxLength: 1000 }),
});
const HoldBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 1000 }),
  channelId: Type.Optional(Type.String({ format: "uuid" })),
  postPlatformId: Type.Optional(Type.String({ maxLength: 300 })),
  from: Type.Optional(Type.String({ format: "date-time" })),
  to: Type.Optional(Type.String({ format: "date-time" })),
  itemIds: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { maxItems: 10000 })),
});

function releaseReason(body: unknown): string | null {
  if (body === undefined || body === null || body === "") return null;
  const reason = (body as { reason?: unknown }).reason;
  if (reason === undefined) return null;
  if (typeof reason !== "string" || reason.length < 1 || reason.length > 1000) throw new AppError("validation_failed", { public: { field: "reason" } });
  return reason;
}

export async function registerDisposalRoutes(app: FastifyInstance, pool: Pool): Promise<void> {
  const actorOf = (req: FastifyRequest) => ({ id: req.principal!.userId, label: req.principal!.username });
  const base = { config: { permission: "records:dispose" as const } };
  const tags = ["records"];
  const security = [{ bearer: [] }];
  app.post("/api/v1/records/disposal-rules", { ...base, schema: { tags, security, summary: "Add a disposal rule (document management plan)", body: RuleBody, response: { 201: Id } } },
    async (req, reply) => reply.status(201).send(await createDisposalRule({ pool }, { orgId: req.principal!.orgId, ...(req.body as Static<typeof RuleBody>), actor: actorOf(req) })));
  app.get("/api/v1/records/disposal-rules", { ...base, schema: { tags, security, summary: "Disposal rules" } },
    async (req) => listDisposalRules(pool, req.principal!.orgId));
  app.get("/api/v1/records/disposal-rules/:id/plan", { ...base, schema: { tags, security, summary: "Dry run: what the rule would dispose now, and what legal holds keep", params: Id } },
    async (req) => planDisposal(pool, { orgId: req.principal!.orgId, ruleId: (req.params as { id: string }).id }));
  app.post("/api/v1/records/disposal-rules/:id/execute", { ...base, schema: { tags, security, summary: "Execute the rule; the run is logged in the kept disposal log", params: Id } },
    async (req) => executeDisposal({ pool }, { orgId: req.principal!.orgId, ruleId: (req.params as { id: string }).id, actor: actorOf(req) }));
  app.get("/api/v1/records/disposal-runs", { ...base, schema: { tags, security, summary: "Past disposal runs from the kept disposal log: rule, who, when, what was disposed",
    querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }) } },
  async (req) => listDisposalRuns(pool, req.principal!.orgId, { limit: (req.query as { limit?: number }).limit ?? 50 }));
  app.post("/api/v1/records/legal-holds", { ...base, schema: { tags, security, summary: "Place a legal hold (stops disposal of what it covers)", body: HoldBody, response: { 201: Id } } },
    async (req, reply) => reply.status(201).send(await placeLegalHold({ pool }, { orgId: req.principal!.orgId, ...(req.body as Static<typeof HoldBody>), actor: actorOf(req) })));
  app.get("/api/v1/records/legal-holds", { ...base, schema: { tags, security, summary: "Legal holds (active; all=true: with released ones and their releases)",
    querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }) } },
  async (req) => listLegalHolds(pool, req.principal!.orgId, { all: (req.query as { all?: boolean }).all ?? false }));
  // The body is optional (a release without a stated reason), so it is checked here, not by the schema.
  app.post("/api/v1/records/legal-holds/:id/release", { ...base, schema: { tags, security, summary: "Release a legal hold (recorded as a release; the hold itself is kept unchanged). Optional JSON body { reason }.", params: Id, response: { 204: Type.Null() } } },
    async (req, reply) => {
      const reason = releaseReason(req.body);
      await releaseLegalHold({ pool }, { orgId: req.principal!.orgId, holdId: (req.params as { id: string }).id, reason, actor: actorOf(req) });
      return reply.status(204).send();
    });

  // Page and its forms (no JavaScript needed).
  const htmlBase = { config: { permission: "records:dispose" as const, html: true } };
  const render = async (req: FastifyRequest, planId: string | undefined, message: string | null) => {
    const orgId = req.principal!.orgId;
    const holds = await listLegalHolds(pool, orgId);
    return page({
      lang: req.lang, title: tr(req.lang, "disposal.title"), principal: req.principal, csrfToken: req.principal?.csrfToken, currentPath: req.url,
      body: disposalPageBody(req.lang, {
        rules: await listDisposalRules(pool, orgId),
        holds, runs: await listDisposalRuns(pool, orgId),
        plan: planId ? await planDisposal(pool, { orgId, ruleId: planId }) : null, message, csrf: req.principal?.csrfToken ?? "",
      }),
    });
  };
  app.get("/records/disposal", { ...htmlBase, schema: { hide: true, querystring: Type.Object({ plan: Type.Optional(Type.String({ format: "uuid" })), lang: Type.Optional(Type.String()) }) } },
    async (req, reply) => reply.type("text/html; charset=utf-8").send(await render(req, (req.query as { plan?: string }).plan, null)));
  app.post("/records/disposal/rules", { ...htmlBase, schema: { hide: true, body: Type.Object({ ...RuleBody.properties, keepMonths: Type.Integer({ minimum: 1, maximum: 1200 }), _csrf: Type.Optional(Type.String()) }) } },
    async (req, reply) => {
      const b = req.body as Static<typeof RuleBody>;
      const { id } = await createDisposalRule({ pool }, { orgId: req.principal!.orgId, recordType: b.recordType, keepMonths: b.keepMonths, planReference: b.planReference, description: b.description, actor: actorOf(req) });
      return reply.redirect(`/records/disposal?plan=${id}`, 303);
    });
  app.post("/records/disposal/rules/:id/execute", { ...htmlBase, schema: { hide: true, params: Id, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) } },
    async (req, reply) => {
      const r = await executeDisposal({ pool }, { orgId: req.principal!.orgId, ruleId: (req.params as { id: string }).id, actor: actorOf(req) });
      return reply.type("text/html; charset=utf-8").send(await render(req, undefined, tr(req.lang, "disposal.done", { n: r.disposed, v: r.versions, held: r.held })));
    });
  app.post("/records/disposal/holds", { ...htmlBase, schema: { hide: true, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }), postPlatformId: Type.String({ minLength: 1, maxLength: 300 }), _csrf: Type.Optional(Type.String()) }) } },
    async (req, reply) => {
      const b = req.body as { reason: string; postPlatformId: string };
      await placeLegalHold({ pool }, { orgId: req.principal!.orgId, reason: b.reason, postPlatformId: b.postPlatformId, actor: actorOf(req) });
      return reply.redirect("/records/disposal", 303);
    });
  app.post("/records/disposal/holds/:id/release", { ...htmlBase, preValidation: dropEmptyFormFields,
    schema: { hide: true, params: Id, body: Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })), _csrf: Type.Optional(Type.String()) }) } },
    async (req, reply) => {
      await releaseLegalHold({ pool }, { orgId: req.principal!.orgId, holdId: (req.params as { id: string }).id, reason: (req.body as { reason?: string }).reason ?? null, actor: actorOf(req) });
      return reply.redirect("/records/disposal", 303);
    });
}
