// Every platform's webhook routes, in one scope that keeps raw bodies.
import type { FastifyPluginAsync } from "fastify";
import type { ChannelsRuntime } from "../runtime.ts";
import { facebookWebhookRoutes } from "./facebook-routes.ts";
import { instagramWebhookRoutes } from "./instagram-routes.ts";
import { linkedinWebhookRoutes } from "./linkedin-routes.ts";
import { mastodonWebhookRoutes } from "./mastodon-routes.ts";

export const registerWebhooks: FastifyPluginAsync<{ rt: ChannelsRuntime; bodyLimit: number }> = async (app, opts) => {
  await app.register(facebookWebhookRoutes, opts);
  await app.register(instagramWebhookRoutes, opts);
  await app.register(mastodonWebhookRoutes, opts);
  await app.register(linkedinWebhookRoutes, opts);
};
