// Subscribing to the change feed by webhook, and the delivery log.
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { createWebhook, disableWebhook, listDeliveries, listWebhooks } from "../feed/webhooks.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { errorResponses, IdParams } from "./schemas.ts";
import { writeContext } from "./write-routes.ts";

const tags = ["directory (webhooks)"];
const security: { [k: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
const WebhookView = Type.Object({ id: Type.String(), url: Type.String(), description: Type.String(), createdAt: Type.String(), disabled: Type.Boolean() });

export async function registerWebhookRoutes(app: FastifyInstance, rt: DirectoryRuntime): Promise<void> {
  const pool = rt.deps.pool;
  app.get(
    "/api/v1/directory/webhooks",
    { config: { permission: "directory:publish" }, schema: { tags, summary: "Webhook subscriptions", security, response: { 200: Type.Array(WebhookView), ...errorResponses } } },
    async (req) => listWebhooks(pool, req.principal!.orgId),
  );
  app.post(
    "/api/v1/directory/webhooks",
    {
      config: { permission: "directory:publish" },
      schema: {
        tags,
        summary: "Subscribe a URL to directory changes. Each POST is signed: X-Vaxel-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>",
        security,
        body: Type.Object({ url: Type.String({ maxLength: 2000 }), description: Type.Optional(Type.String({ maxLength: 500 })), secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })) }),
        response: { 201: Type.Object({ webhook: WebhookView, secret: Type.String({ description: "Shown once; keep it to verify signatures" }) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body as { url: string; description?: string; secret?: string };
      return reply.code(201).send(await createWebhook({ pool, key: rt.key }, writeContext(req), b));
    },
  );
  app.delete(
    "/api/v1/directory/webhooks/:id",
    { config: { permission: "directory:publish" }, schema: { tags, summary: "Stop a subscription", security, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await disableWebhook(pool, writeContext(req), (req.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
  app.get(
    "/api/v1/directory/webhooks/:id/deliveries",
    {
      config: { permission: "directory:publish" },
      schema: {
        tags,
        summary: "Delivery log: attempts, status, next retry",
        security,
        params: IdParams,
        response: {
          200: Type.Array(Type.Object({ id: Type.String(), state: Type.String(), attempts: Type.Integer(), lastStatus: Type.Union([Type.Integer(), Type.Null()]), lastError: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), deliveredAt: Type.Union([Type.String(), Type.Null()]), nextAttemptAt: Type.String() })),
          ...errorResponses,
        },
      },
    },
    async (req) => listDeliveries(pool, req.principal!.orgId, (req.params as { id: string }).id),
  );
}
