// Embeds for the city's website and other channels: an HTML card snippet (no
// script needed), an iframe page (the only route any site may frame), and the
// <vaxel-contact-card> web component, which updates live. Each reports its
// host page ("where used").
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import { AppError } from "../../platform/errors.ts";
import { html } from "../../web/html.ts";
import { indexSnapshot } from "../domain/index.ts";
import { NO_HELMET, publicOrg, sendRendered } from "../api/http.ts";
import { recordEmbedUse } from "../read/where-used.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { cardHtml } from "./card-html.ts";

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), "assets");
const read = (f: string) => fs.readFileSync(path.join(ASSETS, f));
const LIVE_JS = read("live.js");
const COMPONENT_JS = read("vaxel-contact-card.js");

/** Any site may frame the card page, and only this page. */
const FRAME_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors *; form-action 'none'; base-uri 'none'";

export async function registerEmbedRoutes(app: FastifyInstance, rt: DirectoryRuntime, cfg: Config): Promise<void> {
  const unitFor = async (req: FastifyRequest) => {
    const org = await publicOrg(rt.deps.pool, cfg, (req.query as { org?: string }).org);
    const entry = await rt.cache.get(org.id);
    const id = (req.params as { id: string }).id;
    const unit = indexSnapshot(entry.snapshot).unitsById.get(id);
    if (!unit) throw new AppError("not_found");
    return { org, entry, unit };
  };
  const q = (slug: string) => `?org=${encodeURIComponent(slug)}`;

  app.get("/embed/directory/units/:id/card.html", { ...NO_HELMET, config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const { org, entry, unit } = await unitFor(req);
    recordEmbedUse(rt, req, entry.orgId, unit.id, "html");
    const r = rt.cache.memo(entry, `card.html:${unit.id}`, "text/html; charset=utf-8", () => cardHtml(unit, entry.snapshot, { vcardUrl: `${cfg.publicUrl}/api/v1/directory/units/${unit.id}/vcard${q(org.slug)}` }).value);
    reply.header("access-control-allow-origin", "*");
    return sendRendered(req, reply, r, entry);
  });

  app.get("/embed/directory/units/:id", { ...NO_HELMET, config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const { org, entry, unit } = await unitFor(req);
    recordEmbedUse(rt, req, entry.orgId, unit.id, "iframe");
    const r = rt.cache.memo(entry, `iframe:${unit.id}`, "text/html; charset=utf-8", () => {
      const doc = html`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kontakt: ${unit.name}</title><link rel="stylesheet" href="/assets/app.css"></head>
<body class="vx-embed"><main>
<div data-vaxel-live data-fragment="/embed/directory/units/${unit.id}/card.html${q(org.slug)}" data-events="/api/v1/directory/events${q(org.slug)}">${cardHtml(unit, entry.snapshot, { vcardUrl: `/api/v1/directory/units/${unit.id}/vcard${q(org.slug)}` })}</div>
</main><script src="/assets/directory/live.js" defer></script></body></html>`;
      return doc.value;
    });
    return sendRendered(req, reply, r, entry, { headers: { "content-security-policy": FRAME_CSP } });
  });

  app.get("/embed/directory/vaxel-contact-card.js", { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").header("access-control-allow-origin", "*").header("cross-origin-resource-policy", "cross-origin").send(COMPONENT_JS),
  );

  app.get("/assets/directory/live.js", { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(LIVE_JS),
  );
}
