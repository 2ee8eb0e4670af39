// HSDS 3.0 (Open Referral) read API at /hsds: services and organizations with
// the HSDS paging envelope (page, per_page; total_items, total_pages, …),
// `full` for nested objects, `organization_id` and `search` filters. Person
// fields stay empty: the directory holds functional contacts only.
import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import { AppError } from "../../platform/errors.ts";
import { defaultExportWindow, hsdsPage, indexSnapshot, toHsdsOrganization, toHsdsRootOrganization, toHsdsService } from "../domain/index.ts";
import type { CacheEntry } from "../read/cache.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { DATA_HEADERS, NO_HELMET, publicOrg, sendRendered } from "./http.ts";

const tags = ["HSDS 3.0"];
const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: "1-based page number" })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: "Items per page (default 50)" })),
  org: Type.Optional(Type.String({ maxLength: 100, description: "Organisation slug (Växel extension)" })),
};
const PageSchema = Type.Object(
  {
    total_items: Type.Integer(),
    total_pages: Type.Integer(),
    page_number: Type.Integer(),
    size: Type.Integer(),
    first_page: Type.Boolean(),
    last_page: Type.Boolean(),
    empty: Type.Boolean(),
    contents: Type.Array(Type.Unknown()),
  },
  { description: "HSDS Page envelope; contents are HSDS service/organization objects (see the HSDS 3.0 schemas)" },
);
const JSON_TYPE = "application/json; charset=utf-8";

export async function registerHsdsRoutes(app: FastifyInstance, rt: DirectoryRuntime, cfg: Config): Promise<void> {
  async function entryFor(req: FastifyRequest): Promise<CacheEntry> {
    const org = await publicOrg(rt.deps.pool, cfg, (req.query as { org?: string }).org);
    return rt.cache.get(org.id);
  }
  const window = (entry: CacheEntry) => defaultExportWindow(rt.deps.now(), entry.snapshot.org.timeZone);

  app.get("/hsds", { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "About this HSDS API", response: { 200: Type.Object({ version: Type.String(), profile: Type.String(), openapi_url: Type.String() }) } } }, async (_req, reply) => {
    reply.headers(DATA_HEADERS).header("cache-control", "public, max-age=3600");
    return { version: "3.0", profile: "https://docs.openreferral.org/en/latest/hsds/profiles.html", openapi_url: `${cfg.publicUrl}/api/docs/json` };
  });

  app.get(
    "/hsds/services",
    {
      ...NO_HELMET,
      config: { public: true },
      schema: {
        tags,
        summary: "Services, paged",
        querystring: Type.Object({ ...Paging, full: Type.Optional(Type.Boolean()), organization_id: Type.Optional(Type.String({ format: "uuid" })), search: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: PageSchema },
      },
    },
    async (req, reply) => {
      const entry = await entryFor(req);
      const q = req.query as { page?: number; per_page?: number; full?: boolean; organization_id?: string; search?: string };
      const key = `hsds:services:${q.page ?? 1}:${q.per_page ?? 50}:${q.full === true}:${q.organization_id ?? ""}:${(q.search ?? "").toLowerCase()}`;
      const r = rt.cache.memo(entry, key, JSON_TYPE, () => {
        const needle = q.search?.toLowerCase();
        const list = entry.snapshot.services
          .filter((s) => !q.organization_id || s.ownerUnitId === q.organization_id)
          .filter((s) => !needle || `${s.name} ${s.description ?? ""}`.toLowerCase().includes(needle))
          .map((s) => toHsdsService(s, entry.snapshot, { window: window(entry), full: q.full === true }));
        return JSON.stringify(hsdsPage(list, q.page ?? 1, q.per_page ?? 50));
      });
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/hsds/services/:id",
    { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "One service, fully nested", params: Type.Object({ id: Type.String({ format: "uuid" }) }), querystring: Type.Object({ org: Paging.org }), response: { 200: Type.Unknown() } } },
    async (req, reply) => {
      const entry = await entryFor(req);
      const { id } = req.params as { id: string };
      const s = indexSnapshot(entry.snapshot).servicesById.get(id);
      if (!s) throw new AppError("not_found");
      const r = rt.cache.memo(entry, `hsds:service:${id}`, JSON_TYPE, () => JSON.stringify(toHsdsService(s, entry.snapshot, { window: window(entry), full: true })));
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/hsds/organizations",
    { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "The municipality and its units as organizations, paged", querystring: Type.Object({ ...Paging, full: Type.Optional(Type.Boolean()) }), response: { 200: PageSchema } } },
    async (req, reply) => {
      const entry = await entryFor(req);
      const q = req.query as { page?: number; per_page?: number };
      const r = rt.cache.memo(entry, `hsds:orgs:${q.page ?? 1}:${q.per_page ?? 50}`, JSON_TYPE, () => {
        const w = window(entry);
        const list = [toHsdsRootOrganization(entry.snapshot), ...entry.snapshot.units.map((u) => toHsdsOrganization(u.id, entry.snapshot, w)!)];
        return JSON.stringify(hsdsPage(list, q.page ?? 1, q.per_page ?? 50));
      });
      return sendRendered(req, reply, r, entry);
    },
  );

  app.get(
    "/hsds/organizations/:id",
    { ...NO_HELMET, config: { public: true }, schema: { tags, summary: "One organization (the municipality or a unit)", params: Type.Object({ id: Type.String({ format: "uuid" }) }), querystring: Type.Object({ org: Paging.org }), response: { 200: Type.Unknown() } } },
    async (req, reply) => {
      const entry = await entryFor(req);
      const { id } = req.params as { id: string };
      const o = toHsdsOrganization(id, entry.snapshot, window(entry));
      if (!o) throw new AppError("not_found");
      const r = rt.cache.memo(entry, `hsds:org:${id}`, JSON_TYPE, () => JSON.stringify(o));
      return sendRendered(req, reply, r, entry);
    },
  );
}
