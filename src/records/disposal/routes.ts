// Disposal rules, dry run, execution and legal holds (API).
import { Type, type Static } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Pool } from "../../platform/db/pool.ts";
import { createDisposalRule, listDisposalRules, placeLegalHold, releaseLegalHold } from "./disposal-rules.ts";
import { executeDisposal } from "./execute-disposal.ts";
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
  app.post("/api/v1/records/legal-holds", { ...base, schema: { tags, security, summary: "Place a legal hold (stops disposal of what it covers)", body: HoldBody, response: { 201: Id } } },
    async (req, reply) => reply.status(201).send(await placeLegalHold({ pool }, { orgId: req.principal!.orgId, ...(req.body as Static<typeof HoldBody>), actor: actorOf(req) })));
  app.post("/api/v1/records/legal-holds/:id/release", { ...base, schema: { tags, security, summary: "Release a legal hold", params: Id, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await releaseLegalHold({ pool }, { orgId: req.principal!.orgId, holdId: (req.params as { id: string }).id, actor: actorOf(req) });
      return reply.status(204).send();
    });
}
