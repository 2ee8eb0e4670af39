// Facebook Page webhooks. GET answers Meta's subscription check; POST verifies
// X-Hub-Signature-256 over the raw bytes against the app secrets of the
// registered Pages, captures every change, and answers 200 only after the
// capture has committed — a delivery Meta saw acknowledged is never lost.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { parseFacebookWebhook, WebhookShapeError, type PageChange } from "../adapters/facebook/parse-webhook.ts";
import { ingestChanges, type RoutedChanges } from "../ingest/ingest.ts";
import type { ChannelRuntime, Platform } from "../registry/index.ts";
import type { ChannelsRuntime } from "../runtime.ts";
import { parseJson, useRawBodies, WEBHOOK_HELMET } from "./raw-body.ts";
import { matchSignature } from "./signature.ts";
import { constantTimeEqual } from "./verify-token.ts";

interface HubQuery {
  "hub.mode"?: string;
  "hub.verify_token"?: string;
  "hub.challenge"?: string;
}

const HubQuerySchema = {
  type: "object",
  properties: {
    "hub.mode": { type: "string", maxLength: 50 },
    "hub.verify_token": { type: "string", maxLength: 500 },
    "hub.challenge": { type: "string", maxLength: 500 },
  },
} as const;

/** Meta's GET subscription check: echo the challenge when the verify token is one of ours. */
export async function answerMetaVerification(rt: ChannelsRuntime, platform: Platform, req: FastifyRequest, reply: FastifyReply) {
  const q = req.query as HubQuery;
  const channels = await rt.cache.all(platform);
  const token = q["hub.verify_token"] ?? "";
  const ok = q["hub.mode"] === "subscribe" && token !== "" && channels.some((c) => constantTimeEqual(c.credentials.verifyToken ?? "", token));
  if (!ok || !q["hub.challenge"]) throw new AppError("webhook_verification_failed");
  return reply.type("text/plain; charset=utf-8").send(q["hub.challenge"]);
}

/** Channels whose app secret signed this body (several Pages may share one Meta app). */
export async function signedBy(rt: ChannelsRuntime, platform: Platform, header: string | string[] | undefined, body: Buffer): Promise<ChannelRuntime[]> {
  const channels = await rt.cache.all(platform);
  const secrets = [...new Set(channels.map((c) => c.credentials.appSecret).filter((s): s is string => !!s))];
  const i = matchSignature(header, body, secrets);
  if (i < 0) {
    // Perhaps a Page added by another process a moment ago: look again once.
    rt.cache.invalidate();
    const fresh = await rt.cache.all(platform);
    const freshSecrets = [...new Set(fresh.map((c) => c.credentials.appSecret).filter((s): s is string => !!s))];
    const j = freshSecrets.length === secrets.length ? -1 : matchSignature(header, body, freshSecrets);
    if (j < 0) return [];
    return fresh.filter((c) => c.credentials.appSecret === freshSecrets[j]);
  }
  return channels.filter((c) => c.credentials.appSecret === secrets[i]);
}

/** Routes per-account changes to the channels signed for; accounts of another app are ignored. */
export function routeToChannels(signers: ChannelRuntime[], byAccount: Map<string, PageChange[]>): { routed: RoutedChanges[]; unknown: string[] } {
  const routed: RoutedChanges[] = [];
  const unknown: string[] = [];
  for (const [accountId, changes] of byAccount) {
    const ch = signers.find((c) => c.externalId === accountId);
    if (!ch) unknown.push(accountId);
    else if (changes.length) routed.push({ channel: ch, changes });
  }
  return { routed, unknown };
}

export const facebookWebhookRoutes: FastifyPluginAsync<{ rt: ChannelsRuntime; bodyLimit: number }> = async (app, { rt, bodyLimit }) => {
  useRawBodies(app, bodyLimit);

  app.get(
    "/webhooks/facebook",
    { config: { public: true }, schema: { tags: ["webhooks"], summary: "Meta subscription verification (hub.challenge)", querystring: HubQuerySchema } },
    (req, reply) => answerMetaVerification(rt, "facebook", req, reply),
  );

  app.post(
    "/webhooks/facebook",
    { config: { public: true }, helmet: WEBHOOK_HELMET, schema: { tags: ["webhooks"], summary: "Facebook Page feed changes, signed with X-Hub-Signature-256" } },
    async (req, reply) => {
      const receivedAt = new Date();
      const body = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError("webhook_payload_invalid");
      const header = req.headers["x-hub-signature-256"];
      const signers = await signedBy(rt, "facebook", header, body);
      if (!signers.length) throw new AppError("webhook_signature_invalid");
      const json = parseJson(body);
      if (!json.ok) throw new AppError("webhook_payload_invalid");
      let parsed;
      try {
        parsed = parseFacebookWebhook(json.value);
      } catch (e) {
        if (e instanceof WebhookShapeError) throw new AppError("webhook_payload_invalid", { detail: e.message });
        throw e;
      }
      const { routed, unknown } = routeToChannels(signers, parsed.byPage);
      if (unknown.length) req.log.warn({ pages: unknown }, "webhook for Pages that are not registered under this app secret");
      const summary = await ingestChanges(rt.writer, {
        platform: "facebook", source: "webhook", body, signature: String(header), receivedAt, routed,
      });
      req.log.debug(summary, "webhook captured");
      return reply.type("text/plain; charset=utf-8").send("EVENT_RECEIVED");
    },
  );
};
