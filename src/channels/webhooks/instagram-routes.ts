// Instagram webhooks: Meta's subscription check and X-Hub-Signature-256 over
// the raw bytes, exactly as for Facebook (same app secrets); comments in both
// the entry[].changes[] and the flat shape.
import type { FastifyPluginAsync } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { WebhookShapeError } from "../adapters/facebook/parse-webhook.ts";
import { parseInstagramWebhook } from "../adapters/instagram/parse-webhook.ts";
import { ingestChanges } from "../ingest/ingest.ts";
import type { ChannelsRuntime } from "../runtime.ts";
import { answerMetaVerification, routeToChannels, signedBy } from "./facebook-routes.ts";
import { parseJson, useRawBodies, WEBHOOK_HELMET } from "./raw-body.ts";

export const instagramWebhookRoutes: FastifyPluginAsync<{ rt: ChannelsRuntime; bodyLimit: number }> = async (app, { rt, bodyLimit }) => {
  useRawBodies(app, bodyLimit);
  app.get("/webhooks/instagram", { config: { public: true }, schema: { tags: ["webhooks"], summary: "Meta subscription verification for Instagram" } },
    (req, reply) => answerMetaVerification(rt, "instagram", req, reply));

  app.post("/webhooks/instagram", { config: { public: true }, helmet: WEBHOOK_HELMET, schema: { tags: ["webhooks"], summary: "Instagram comments, signed with X-Hub-Signature-256" } }, async (req, reply) => {
    const receivedAt = new Date();
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError("webhook_payload_invalid");
    const header = req.headers["x-hub-signature-256"];
    const signers = await signedBy(rt, "instagram", header, body);
    if (!signers.length) throw new AppError("webhook_signature_invalid");
    const json = parseJson(body);
    if (!json.ok) throw new AppError("webhook_payload_invalid");
    let byAccount;
    try {
      byAccount = parseInstagramWebhook(json.value);
    } catch (e) {
      if (e instanceof WebhookShapeError) throw new AppError("webhook_payload_invalid", { detail: e.message });
      throw e;
    }
    // The flat shape names no account: it belongs to the one account signed for, if there is exactly one.
    const flat = byAccount.get("");
    if (flat) {
      byAccount.delete("");
      if (signers.length === 1) byAccount.set(signers[0]!.externalId, flat);
    }
    const { routed } = routeToChannels(signers, byAccount);
    await ingestChanges(rt.writer, { platform: "instagram", source: "webhook", body, signature: String(header), receivedAt, routed });
    return reply.type("text/plain; charset=utf-8").send("EVENT_RECEIVED");
  });
};
