// Runs the platform emulators on one local port, each under its own prefix
// (/facebook, …). An adapter points at one through the channel's API base URL.
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { controlRoutes } from "./control.ts";
import { FacebookEmulator } from "./facebook.ts";
import { InstagramEmulator } from "./instagram.ts";
import { LinkedInEmulator } from "./linkedin.ts";
import { MastodonEmulator } from "./mastodon.ts";
import { YouTubeEmulator } from "./youtube.ts";

export interface Emulators {
  app: FastifyInstance;
  url: string;
  facebook: FacebookEmulator;
  youtube: YouTubeEmulator;
  instagram: InstagramEmulator;
  mastodon: MastodonEmulator;
  linkedin: LinkedInEmulator;
  close(): Promise<void>;
}

export async function startEmulators(opts: { port?: number; host?: string } = {}): Promise<Emulators> {
  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
  await app.register(formbody);
  const facebook = new FacebookEmulator();
  await app.register(facebook.plugin, { prefix: "/facebook" });
  const youtube = new YouTubeEmulator();
  await app.register(youtube.plugin, { prefix: "/youtube" });
  const instagram = new InstagramEmulator();
  await app.register(instagram.plugin, { prefix: "/instagram" });
  const mastodon = new MastodonEmulator();
  await app.register(mastodon.plugin, { prefix: "/mastodon" });
  const linkedin = new LinkedInEmulator();
  await app.register(linkedin.plugin, { prefix: "/linkedin" });
  await app.register(controlRoutes, { facebook, instagram, youtube });
  await app.listen({ port: opts.port ?? 0, host: opts.host ?? "127.0.0.1" });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  facebook.baseUrl = `${url}/facebook`;
  return { app, url, facebook, youtube, instagram, mastodon, linkedin, close: () => app.close() };
}
