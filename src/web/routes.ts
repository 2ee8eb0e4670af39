// The shell's own pages: the dashboard and the stylesheet.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../config.ts";
import { can } from "../access/policy.ts";
import type { Pool } from "../platform/db/pool.ts";
import { html } from "./html.ts";
import { t, type MessageKey } from "./i18n.ts";
import { NAV, navLabel, page } from "./layout.ts";

const CSS = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "assets/app.css"));

/** Dashboard cards, one per module entry in the navigation (modules add themselves to NAV). */
const DESCRIPTIONS: Partial<Record<string, MessageKey>> = {
  "/directory": "dashboard.directory.desc",
  "/moderation": "dashboard.moderation.desc",
  "/records": "dashboard.records.desc",
  "/audit": "dashboard.audit.desc",
};

export const webRoutes: FastifyPluginAsync<{ pool: Pool; cfg: Config }> = async (app, { pool }) => {
  app.get("/assets/app.css", { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(CSS),
  );

  app.get(
    "/",
    { config: { permission: "self", html: true }, schema: { hide: true } },
    async (req, reply) => {
      const p = req.principal!;
      const lang = req.lang;
      const stats = (
        await pool.query<{ events: number; users: number }>(
          `select (select count(*)::int from audit_events where org_id = $1) as events,
                  (select count(*)::int from users where org_id = $1 and disabled_at is null) as users`,
          [p.orgId],
        )
      ).rows[0]!;
      const cards = NAV.filter((n) => n.href !== "/" && can(p, n.permission)).map(
        (n) => html`<li class="card"><h3><a href="${n.href}">${navLabel(lang, n.label)}</a></h3>
<p>${DESCRIPTIONS[n.href] ? t(lang, DESCRIPTIONS[n.href]!) : ""}</p></li>`,
      );
      const roles = p.roles.map((r) => html`<li>${t(lang, `role.${r.role}` as MessageKey)}${r.unitId ? html` <span class="muted">(${r.unitId})</span>` : ""}</li>`);
      const body = html`<h1>${t(lang, "dashboard.title")}</h1>
<p>${t(lang, "dashboard.welcome", { name: p.displayName || p.username })}</p>
<section aria-labelledby="roles-h"><h2 id="roles-h">${t(lang, "dashboard.roles")}</h2>
${roles.length ? html`<ul>${roles}</ul>` : html`<p>${t(lang, "dashboard.noRoles")}</p>`}</section>
<section aria-labelledby="mod-h"><h2 id="mod-h">${t(lang, "dashboard.modules")}</h2><ul class="cards">${cards}</ul></section>
<section aria-labelledby="stat-h"><h2 id="stat-h">${t(lang, "dashboard.stats")}</h2>
<dl><dt>${t(lang, "dashboard.auditCount")}</dt><dd>${stats.events}</dd><dt>${t(lang, "dashboard.userCount")}</dt><dd>${stats.users}</dd></dl></section>`;
      return reply
        .type("text/html; charset=utf-8")
        .send(page({ lang, title: t(lang, "dashboard.title"), principal: p, csrfToken: p.csrfToken, currentPath: req.url, body }));
    },
  );
};
