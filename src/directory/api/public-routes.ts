// The public read API: published data only, no login, every response with
// Cache-Control and validators (ETag, Last-Modified → 304). Responses are
// rendered once per published state and served from memory.
import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import { AppError, errorBody } from "../../platform/errors.ts";
import { indexSnapshot, unitToVCard } from "../domain/index.ts";
import { listChanges } from "../feed/sync-live.ts";
import type { CacheEntry } from "../read/cache.ts";
import { contactCard, serviceView, unitView } from "../read/present.ts";
import { searchDirectory } from "../read/search.ts";
import { recordEmbedUse } from "../read/where-used.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { DATA_HEADERS, NO_HELMET, publicOrg, sendRendered } from "./http.ts";
import { ChangesResponse, ContactCard, ExternalActorView, IdParams, OrgQuery, SearchResponse, ServiceView, UnitView } from "./schemas.ts";

const tags = ["directory (public)"];
const notModified = { 304: Type.Null({ description: "Not Modified: the client's copy (ETag / Last-Modified) is current" }) };

export function cardLinks(cfg: Config, orgSlug: string, unitId: string) {
  const q = `?org=${encodeURIComponent(orgSlug)}`;
  return {
    page: `${cfg.publicUrl}/katalog/enheter/${unitId}${q}`,
    html: `${cfg.publicUrl}/embed/directory/units/${unitId}/card.html${q}`,
    vcard: `${cfg.publicUrl}/api/v1/directory/units/${unitId}/vcard${q}`,
  };
}

/** Public routes that reach the database (search, feed) or hold a connection (events) are rate limited per IP. */
export function publicLimit(cfg: Config): { rateLimit?: { max: number; timeWindow: string } } {
  return cfg.publicRateLimit > 0 ? { rateLimit: { max: cfg.publicRateLimit, timeWindow: "1 minute" } } : {};
}

/** Open event streams per process; beyond this, clients are told to retry later. */
const MAX_STREAMS = 5000;

export async function registerPublicRoutes(app: FastifyInstance, rt: DirectoryRuntime, cfg: Config): Promise<void> {
  const pool = rt.deps.pool;
  async function entryFor(req: FastifyRequest): Promise<{ entry: CacheEntry; slug: string }> {
    const org = await publicOrg(pool, cfg, (req.query as { org?: string }).org);
    return { entry: await rt.cache.get(org.id), slug: org.slug };
  }

  app.get(
    "/api/v1/directory/units",
    { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "Published units (förvaltning → verksamhet → enhet)", querystring: OrgQuery, response: { 200: Type.Array(UnitView), ...notModified } } },
    async (req, reply) => {
      const { entry } = await entryFor(req);
      const r = rt.cache.memo(entry, "units", "application/json; charset=utf-8", () => JSON.stringify(entry.snapshot.units.map(unitView)));
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/api/v1/directory/units/:id",
    {
      ...NO_HELMET,
      config: { public: true },
      schema: { tags, summary: "A unit's contact card: its functional contact points, hours, and the fallback contact the system computed", params: IdParams, querystring: OrgQuery, response: { 200: ContactCard, ...notModified } },
    },
    async (req, reply) => {
      const { entry, slug } = await entryFor(req);
      const { id } = req.params as { id: string };
      const unit = indexSnapshot(entry.snapshot).unitsById.get(id);
      if (!unit) throw new AppError("not_found");
      recordEmbedUse(rt, req, entry.orgId, id, "json");
      const r = rt.cache.memo(entry, `card:${id}`, "application/json; charset=utf-8", () => JSON.stringify(contactCard(unit, entry.snapshot, rt.deps.now(), cardLinks(cfg, slug, id))));
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/api/v1/directory/units/:id/vcard",
    { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "The unit's contact card as a vCard 4.0 download", params: IdParams, querystring: OrgQuery, produces: ["text/vcard"] } },
    async (req, reply) => {
      const { entry } = await entryFor(req);
      const { id } = req.params as { id: string };
      const unit = indexSnapshot(entry.snapshot).unitsById.get(id);
      if (!unit) throw new AppError("not_found");
      recordEmbedUse(rt, req, entry.orgId, id, "vcard");
      const r = rt.cache.memo(entry, `vcard:${id}`, "text/vcard; charset=utf-8", () => unitToVCard(id, entry.snapshot) ?? "");
      reply.header("content-disposition", `attachment; filename="kontakt-${id.slice(0, 8)}.vcf"`);
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/api/v1/directory/services",
    { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "Published services with resolved routing (who answers) and the computed fallback", querystring: OrgQuery, response: { 200: Type.Array(ServiceView), ...notModified } } },
    async (req, reply) => {
      const { entry } = await entryFor(req);
      const r = rt.cache.memo(entry, "services", "application/json; charset=utf-8", () => JSON.stringify(entry.snapshot.services.filter((s) => s.status === "active").map((s) => serviceView(s, entry.snapshot))));
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/api/v1/directory/services/:id",
    { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "A service with resolved routing", params: IdParams, querystring: OrgQuery, response: { 200: ServiceView, ...notModified } } },
    async (req, reply) => {
      const { entry } = await entryFor(req);
      const { id } = req.params as { id: string };
      const s = indexSnapshot(entry.snapshot).servicesById.get(id);
      if (!s) throw new AppError("not_found");
      const r = rt.cache.memo(entry, `service:${id}`, "application/json; charset=utf-8", () => JSON.stringify(serviceView(s, entry.snapshot)));
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/api/v1/directory/external-actors",
    { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "External actors: name and website only", querystring: OrgQuery, response: { 200: Type.Array(ExternalActorView), ...notModified } } },
    async (req, reply) => {
      const { entry } = await entryFor(req);
      const r = rt.cache.memo(entry, "actors", "application/json; charset=utf-8", () =>
        JSON.stringify(entry.snapshot.externalActors.map((a) => ({ id: a.id, name: a.name, websiteUrl: a.websiteUrl, description: a.description ?? null }))),
      );
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/api/v1/directory/search",
    {
      ...NO_HELMET,
      config: { public: true, ...publicLimit(cfg) },
      schema: { tags, summary: "Search the published directory (Swedish stemming)", querystring: Type.Object({ q: Type.String({ maxLength: 200 }), org: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: SearchResponse, ...notModified } },
    },
    async (req, reply) => {
      const { entry } = await entryFor(req);
      const q = (req.query as { q: string }).q;
      // Results are memoised with the published state they were computed from.
      const key = `search:${q.trim().toLowerCase()}`;
      let r = entry.memo.get(key);
      if (!r) {
        const hits = await searchDirectory(pool, entry.orgId, q);
        r = rt.cache.memo(entry, key, "application/json; charset=utf-8", () => JSON.stringify({ q, hits: hits.map((h) => ({ id: h.id, kind: h.kind, title: h.title, unitId: h.unitId })) }));
      }
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/api/v1/directory/changes",
    {
      ...NO_HELMET,
      config: { public: true, ...publicLimit(cfg) },
      schema: {
        tags,
        summary: "The change feed: every published change after `since`, deletions as tombstones (op: delete)",
        querystring: Type.Object({ since: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), org: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: { 200: ChangesResponse },
      },
    },
    async (req, reply) => {
      const org = await publicOrg(pool, cfg, (req.query as { org?: string }).org);
      const q = req.query as { since?: number; limit?: number };
      reply.headers(DATA_HEADERS).header("cache-control", "no-cache").header("access-control-allow-origin", "*");
      return listChanges(pool, org.id, q.since ?? 0, q.limit ?? 500);
    },
  );

  app.get(
    "/api/v1/directory/events",
    { ...NO_HELMET, config: { public: true, ...publicLimit(cfg) }, schema: { tags, summary: "Server-sent events: `change` whenever the published directory changes", querystring: OrgQuery, produces: ["text/event-stream"] } },
    async (req, reply) => {
      const org = await publicOrg(pool, cfg, (req.query as { org?: string }).org);
      if (rt.openStreams() >= MAX_STREAMS) {
        return reply.code(503).header("retry-after", "30").headers(DATA_HEADERS).send(errorBody("rate_limited", req.lang));
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no", "access-control-allow-origin": "*", ...DATA_HEADERS });
      res.write("retry: 2000\n\n");
      const onChange = (orgId: string) => {
        if (orgId === org.id) res.write(`event: change\ndata: ${JSON.stringify({ organisation: orgId, at: new Date().toISOString() })}\n\n`);
      };
      const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
      heartbeat.unref();
      const close = () => {
        clearInterval(heartbeat);
        rt.events.off("change", onChange);
        unregister();
        res.end();
      };
      const unregister = rt.onStop(close);
      rt.events.on("change", onChange);
      req.raw.on("close", close);
    },
  );

}
