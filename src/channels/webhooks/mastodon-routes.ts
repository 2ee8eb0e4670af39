// Mastodon webhooks (admin → webhooks on the city's server): events
// status.created / status.updated, signed X-Hub-Signature: sha256=<hex> over
// the raw body with the webhook's secret. Only statuses that reply to or
// mention the city's account are captured.
import type { FastifyPluginAsync } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { concerns, statusToChange } from "../adapters/mastodon/status.ts";
import { isRecord } from "../adapters/shape.ts";
import { ingestChanges, type RoutedChanges } from "../ingest/ingest.ts";
import type { ChannelsRuntime } from "../runtime.ts";
import { parseJson, useRawBodies, WEBHOOK_HELMET } from "./raw-body.ts";
import { matchSignature } from "./signature.ts";

export const mastodonWebhookRoutes: FastifyPluginAsync<{ rt: ChannelsRuntime; bodyLimit: number }> = async (app, { rt, bodyLimit }) => {
  useRawBodies(app, bodyLimit);
  app.post("/webhooks/mastodon", { config: { public: true }, helmet: WEBHOOK_HELMET, schema: { tags: ["webhooks"], summary: "Mastodon status webhooks, signed with X-Hub-Signature" } }, async (req, reply) => {
    const receivedAt = new Date();
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError("webhook_payload_invalid");
    const header = req.headers["x-hub-signature"];
    const channels = (await rt.cache.all("mastodon")).filter((c) => c.credentials.webhookSecret);
    const signers = channels.filter((c) => matchSignature(header, body, [c.credentials.webhookSecret!]) === 0);
    if (!signers.length) throw new AppError("webhook_signature_invalid");
    const json = parseJson(body);
    if (!json.ok || !isRecord(json.value) || typeof json.value.event !== "string") throw new AppError("webhook_payload_invalid");
    const { event, object } = json.value;
    const routed: RoutedChanges[] = [];
    if ((event === "status.created" || event === "status.updated") && isRecord(object)) {
      for (const ch of signers) {
        if (!concerns(object, ch.externalId)) continue;
        const change = statusToChange(object, event === "status.created" ? "add" : "edit");
        if (change) routed.push({ channel: ch, changes: [change] });
      }
    }
    await ingestChanges(rt.writer, { platform: "mastodon", source: "webhook", body, signature: String(header), receivedAt, routed });
    return reply.status(200).send({ ok: true });
  });
};
