// The directory module's HTTP surface, registered by app.ts with one line:
// public API, write API, HSDS, embeds, public pages and editor screens, plus
// the runtime (cache, LISTEN, scheduler, webhooks) started with the app.
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../config.ts";
import type { Pool } from "../platform/db/pool.ts";
import { NAV } from "../web/layout.ts";
import { registerHsdsRoutes } from "./api/hsds-routes.ts";
import { registerImportRoutes } from "./api/import-routes.ts";
import { registerPublicRoutes } from "./api/public-routes.ts";
import { registerWebhookRoutes } from "./api/webhook-routes.ts";
import { registerWriteRoutes } from "./api/write-routes.ts";
import "./demo-seeder.ts";
import { DirectoryRuntime } from "./runtime.ts";
import { registerEditorRoutes } from "./web/editor-routes.ts";
import { registerEmbedRoutes } from "./web/embed-routes.ts";
import { registerPublicPages } from "./web/public-pages.ts";

export interface DirectoryPluginOptions {
  pool: Pool;
  cfg: Config;
  /** Tests and benchmarks: a fixed clock; background intervals. */
  now?: () => Date;
  tickMs?: number;
  webhookRetryBaseMs?: number;
}

if (!NAV.some((n) => n.href === "/directory")) {
  NAV.push({ href: "/directory", label: { sv: "Kontaktkatalog", en: "Directory" }, permission: "directory:read" });
}

const plugin: FastifyPluginAsync<DirectoryPluginOptions> = async (app, o) => {
  const rt = new DirectoryRuntime({
    pool: o.pool,
    cfg: o.cfg,
    log: app.log,
    ...(o.now ? { now: o.now } : {}),
    ...(o.tickMs !== undefined ? { tickMs: o.tickMs } : {}),
    ...(o.webhookRetryBaseMs !== undefined ? { webhookRetryBaseMs: o.webhookRetryBaseMs } : {}),
  });
  app.decorate("directory", rt);
  app.addHook("onReady", async () => {
    await rt.start();
  });
  // Before the server stops accepting: end the event streams, or close() would wait for them.
  app.addHook("preClose", async () => {
    await rt.stop();
  });
  await registerPublicRoutes(app, rt, o.cfg);
  await registerHsdsRoutes(app, rt, o.cfg);
  await registerWriteRoutes(app, rt);
  await registerWebhookRoutes(app, rt);
  await registerImportRoutes(app, rt, o.cfg.bodyLimitBytes);
  await registerEmbedRoutes(app, rt, o.cfg);
  await registerPublicPages(app, rt, o.cfg);
  await registerEditorRoutes(app, rt, o.cfg);
};

// Not encapsulated (as fastify-plugin does): the app and tests reach `app.directory`.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;
export const directoryRoutes = plugin;

declare module "fastify" {
  interface FastifyInstance {
    /** The directory runtime (cache, events) of this app. */
    directory: DirectoryRuntime;
  }
}
