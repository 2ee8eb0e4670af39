// The channels module's HTTP surface: platform webhooks (public, verified by
// signature), the public list of the city's accounts, the admin list, and the
// outbox's dead letters with a retry.
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../config.ts";
import { recordAuditEvent } from "../platform/audit/index.ts";
import type { Pool } from "../platform/db/pool.ts";
import { withTx } from "../platform/db/pool.ts";
import { AppError } from "../platform/errors.ts";
import { loadEncryptionKey } from "../platform/secrets.ts";
import { getOrganisation, listOrganisations } from "../platform/tenancy.ts";
import { html } from "../web/html.ts";
import { NAV, page } from "../web/layout.ts";
import type { OrgDirectory } from "./analysis/analyzer-specs.ts";
import { listChannels, withDirectoryContacts } from "./registry/index.ts";
import { startDemoEmulators } from "./demo/demo-emulators.ts";
import { createChannelsRuntime, type ChannelsRuntime } from "./runtime.ts";
import { tc } from "./web/messages.ts";
import { outboxPageBody, listDeadLetters } from "./web/outbox-page.ts";
import { publicChannelsBody } from "./web/public-channels-page.ts";
import { registerWebhooks } from "./webhooks/index.ts";

export interface ChannelsRoutesOptions {
  pool: Pool;
  cfg: Config;
  /** A runtime built by the caller (tests, benchmarks); otherwise built here and run per cfg.workers. */
  runtime?: ChannelsRuntime;
}

const ChannelJson = Type.Object({
  id: Type.String(), platform: Type.String(), externalId: Type.String(), name: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]), unitId: Type.Union([Type.String(), Type.Null()]), pageRulesVersion: Type.String(),
  contact: Type.Object({ unitName: Type.Optional(Type.String()), email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()), url: Type.Optional(Type.String()) },
    { description: "The owning unit's contact details, from the directory" }),
  listed: Type.Boolean(), disabled: Type.Boolean(), credentialsSet: Type.Array(Type.String()), credentialsRotatedAt: Type.String(),
});

export const channelsRoutes: FastifyPluginAsync<ChannelsRoutesOptions> = async (app, opts) => {
  const { pool, cfg } = opts;
  const key = opts.runtime?.key ?? loadEncryptionKey(cfg);
  // Demo: YouTube is polled every 15 s so a new user sees comments arrive quickly.
  // The directory plugin registers after this one: reach it when first needed.
  const directory = (): OrgDirectory => ({
    snapshot: async (orgId) => (await app.directory.cache.get(orgId)).snapshot,
    onChange: (fn) => app.directory.events.on("change", fn),
  });
  const rt = opts.runtime ?? createChannelsRuntime({
    pool, key, directory, analysisThreads: cfg.analysisThreads, ...(cfg.demo ? { pollIntervalMs: 15_000 } : {}),
  });
  if (!opts.runtime) {
    if (cfg.workers) {
      app.addHook("onReady", async () => rt.start());
      app.addHook("onClose", async () => rt.stop());
    }
    // drain() may have started analyzer threads even without the workers.
    app.addHook("onClose", async () => rt.close());
  }
  /** The organisation's channels with their units' contact details from the published directory. */
  const channelsWithContacts = async (orgId: string, listedOnly: boolean) =>
    withDirectoryContacts(await listChannels(pool, key, { orgId, listedOnly }), await directory().snapshot(orgId));
  if (cfg.demo && !opts.runtime) {
    // The demo accounts talk to local emulators that run beside the server.
    let stopEmulators: (() => Promise<void>) | undefined;
    app.addHook("onListen", async () => {
      const addr = app.server.address();
      const port = typeof addr === "object" && addr ? addr.port : cfg.port;
      const emu = await startDemoEmulators({ pool, key, cfg, serverUrl: `http://127.0.0.1:${port}` });
      stopEmulators = emu.close;
      app.log.info({ emulators: emu.url }, "plattformsemulatorer igång / platform emulators running");
    });
    app.addHook("onClose", async () => stopEmulators?.());
  }
  app.decorate("channels", rt);
  NAV.push({ href: "/channels", label: { sv: tc("sv", "nav.channels"), en: tc("en", "nav.channels") }, permission: "channels:manage" });

  await app.register(registerWebhooks, { rt, bodyLimit: cfg.bodyLimitBytes });

  app.get(
    "/kanaler",
    { config: { public: true }, schema: { hide: true, querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 64 })), lang: Type.Optional(Type.String()) }) } },
    async (req, reply) => {
      const slug = (req.query as { org?: string }).org;
      const org = slug ? await getOrganisation(pool, slug) : ((await getOrganisation(pool, cfg.orgSlug)) ?? (await listOrganisations(pool))[0]);
      if (!org) throw new AppError("not_found");
      const channels = await channelsWithContacts(org.id, true);
      const body = publicChannelsBody(req.lang, org.name, channels);
      return reply.type("text/html; charset=utf-8").send(page({ lang: req.lang, title: tc(req.lang, "public.title"), principal: req.principal, csrfToken: req.principal?.csrfToken, currentPath: req.url, body }));
    },
  );

  app.get(
    "/api/v1/channels",
    { config: { permission: "channels:manage" }, schema: { tags: ["channels"], summary: "The organisation's channels (never their credentials)", security: [{ bearer: [] }], response: { 200: Type.Array(ChannelJson) } } },
    async (req) => channelsWithContacts(req.principal!.orgId, false),
  );

  app.get(
    "/channels",
    { config: { permission: "channels:manage", html: true }, schema: { hide: true } },
    async (req, reply) => {
      const p = req.principal!;
      const lang = req.lang;
      const channels = await listChannels(pool, key, { orgId: p.orgId });
      const counts = new Map((await pool.query<{ channel_id: string; n: number }>(
        "select channel_id, count(*)::int as n from captured_items where org_id = $1 group by channel_id", [p.orgId])).rows.map((r) => [r.channel_id, r.n]));
      const rows = channels.map((c) => html`<tr><td>${c.platform}</td><td>${c.url ? html`<a href="${c.url}">${c.name}</a>` : c.name}</td><td><code>${c.externalId}</code></td>
<td>${c.credentialsSet.join(", ")}</td><td><time datetime="${c.credentialsRotatedAt}">${c.credentialsRotatedAt.slice(0, 10)}</time></td><td>${counts.get(c.id) ?? 0}</td></tr>`);
      const body = html`<h1>${tc(lang, "admin.title")}</h1>
<p><a href="/kanaler">${tc(lang, "public.title")}</a> · <a href="/channels/outbox">${tc(lang, "outbox.title")}</a></p>
${channels.length ? html`<table><caption>${tc(lang, "admin.title")}</caption><thead><tr><th scope="col">${tc(lang, "admin.platform")}</th><th scope="col">${tc(lang, "admin.name")}</th><th scope="col">${tc(lang, "admin.account")}</th><th scope="col">${tc(lang, "admin.credentials")}</th><th scope="col">${tc(lang, "admin.rotated")}</th><th scope="col">${tc(lang, "admin.items")}</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>${tc(lang, "admin.none")}</p>`}`;
      return reply.type("text/html; charset=utf-8").send(page({ lang, title: tc(lang, "admin.title"), principal: p, csrfToken: p.csrfToken, currentPath: req.url, body }));
    },
  );

  app.get(
    "/channels/outbox",
    { config: { permission: "moderation:decide", html: true }, schema: { hide: true } },
    async (req, reply) => {
      const p = req.principal!;
      const { dead, open } = await listDeadLetters(pool, p.orgId);
      const body = outboxPageBody(req.lang, dead, open, p.csrfToken ?? "");
      return reply.type("text/html; charset=utf-8").send(page({ lang: req.lang, title: tc(req.lang, "outbox.title"), principal: p, csrfToken: p.csrfToken, currentPath: req.url, body }));
    },
  );

  app.post(
    "/channels/outbox/:id/retry",
    { config: { permission: "moderation:decide" }, schema: { hide: true, params: Type.Object({ id: Type.String({ format: "uuid" }) }) } },
    async (req, reply) => {
      const p = req.principal!;
      const { id } = req.params as { id: string };
      await withTx(pool, async (tx) => {
        const r = await tx.query(
          `update platform_actions set state = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
            where org_id = $1 and id = $2 and state = 'dead' returning id`, [p.orgId, id]);
        if (!r.rowCount) throw new AppError("not_found");
        await recordAuditEvent(tx, { orgId: p.orgId, actor: { id: p.userId, label: p.username }, action: "platform_action.retried", targetType: "platform_action", targetId: id, requestId: req.id });
      });
      rt.outbox.wake();
      return reply.redirect("/channels/outbox", 303);
    },
  );
};

// Not encapsulated (what fastify-plugin does): `app.channels` is visible on
// the root instance; the webhook routes keep their own scope for raw bodies.
(channelsRoutes as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;

declare module "fastify" {
  interface FastifyInstance {
    /** The channels runtime (capture writer, workers), for tests and the demo simulator. */
    channels: ChannelsRuntime;
  }
}
