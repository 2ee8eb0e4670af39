// LinkedIn webhooks. GET: endpoint validation — answer the challengeCode with
// hex HMAC-SHA256(clientSecret, challengeCode). POST: organisation social-action
// notifications signed X-LI-Signature (hex HMAC-SHA256 of the raw body with
// the client secret). A COMMENT notification names the post; its comments are
// fetched and captured before the 200, so the acknowledgement still means
// "captured".
import type { FastifyPluginAsync } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { captureComments } from "../adapters/linkedin/comments.ts";
import { isRecord, str } from "../adapters/shape.ts";
import type { ChannelsRuntime } from "../runtime.ts";
import { parseJson, useRawBodies, WEBHOOK_HELMET } from "./raw-body.ts";
import { hmacSha256Hex, matchSignature } from "./signature.ts";

export const linkedinWebhookRoutes: FastifyPluginAsync<{ rt: ChannelsRuntime; bodyLimit: number }> = async (app, { rt, bodyLimit }) => {
  useRawBodies(app, bodyLimit);

  app.get("/webhooks/linkedin", { config: { public: true }, schema: { tags: ["webhooks"], summary: "LinkedIn endpoint validation (challengeCode)",
    querystring: { type: "object", properties: { challengeCode: { type: "string", maxLength: 100 }, applicationId: { type: "string", maxLength: 100 } } } } }, async (req) => {
    const code = (req.query as { challengeCode?: string }).challengeCode;
    const secret = (await rt.cache.all("linkedin")).find((c) => c.credentials.clientSecret)?.credentials.clientSecret;
    if (!code || !secret) throw new AppError("webhook_verification_failed");
    return { challengeCode: code, challengeResponse: hmacSha256Hex(secret, code) };
  });

  app.post("/webhooks/linkedin", { config: { public: true }, helmet: WEBHOOK_HELMET, schema: { tags: ["webhooks"], summary: "LinkedIn organisation social-action notifications, signed X-LI-Signature" } }, async (req, reply) => {
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError("webhook_payload_invalid");
    const header = String(req.headers["x-li-signature"] ?? "");
    const channels = (await rt.cache.all("linkedin")).filter((c) => c.credentials.clientSecret);
    const signers = channels.filter((c) => matchSignature(header.startsWith("hmacsha256=") ? header : `hmacsha256=${header}`, body, [c.credentials.clientSecret!], "hmacsha256=") === 0);
    if (!signers.length) throw new AppError("webhook_signature_invalid");
    const json = parseJson(body);
    if (!json.ok || !isRecord(json.value)) throw new AppError("webhook_payload_invalid");
    const list = Array.isArray(json.value.notifications) ? json.value.notifications : [json.value];
    for (const n of list) {
      if (!isRecord(n) || (n.action !== "COMMENT" && n.action !== "COMMENT_EDIT")) continue;
      const ch = signers.find((c) => c.externalId === n.organizationalEntity);
      const post = str(n.sourcePost);
      if (ch && post) await captureComments(rt.writer, ch, post);
    }
    return reply.send({ ok: true });
  });
};
