// Search over the records: JSON API and page. Personal data is masked unless a
// reader with records:unmask asks for it; every unmasked read is audited.
import { Type, type Static } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { can } from "../../access/policy.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { page } from "../../web/layout.ts";
import { tr } from "../web/messages.ts";
import { searchPageBody } from "../web/search-page.ts";
import { maskPersonalData } from "../redaction/personal-data.ts";
import { refreshSearchIndex } from "./refresh-search-index.ts";
import { searchRecords, type SearchHit, type SearchRecordsInput } from "./search-records.ts";

const DateOrTime = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$" });

export const SearchQuerystring = Type.Object({
  /** Words, "phrases", prefix*, OR, -exclusion (Swedish stemming). */
  q: Type.Optional(Type.String({ maxLength: 500 })),
  channel: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Literal("")])),
  platform: Type.Optional(Type.String({ maxLength: 20 })),
  from: Type.Optional(Type.Union([DateOrTime, Type.Literal("")])),
  to: Type.Optional(Type.Union([DateOrTime, Type.Literal("")])),
  author: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  decision: Type.Optional(Type.String({ maxLength: 40 })),
  registered: Type.Optional(Type.Boolean()),
  /** Only comments on this post (platform id). */
  post: Type.Optional(Type.String({ maxLength: 300 })),
  sort: Type.Optional(Type.Union([Type.Literal("newest"), Type.Literal("oldest"), Type.Literal("relevance")])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  /** Show personal data unmasked (needs records:unmask; audited). */
  unmask: Type.Optional(Type.Boolean()),
  lang: Type.Optional(Type.String()),
});
type SearchQs = Static<typeof SearchQuerystring>;

const Hit = Type.Object({
  itemId: Type.String(), channelId: Type.String(), platform: Type.String(), kind: Type.String(), platformItemId: Type.String(),
  postPlatformId: Type.Union([Type.String(), Type.Null()]), authorName: Type.Union([Type.String(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]), occurredAt: Type.String(), removed: Type.Boolean(), hidden: Type.Boolean(),
  categories: Type.Array(Type.String()), decision: Type.Union([Type.String(), Type.Null()]), diaryNumber: Type.Union([Type.String(), Type.Null()]),
  /** Number of personal-data spans masked in `text`. */
  masked: Type.Integer(),
});

export function toSearchInput(orgId: string, q: SearchQs): SearchRecordsInput {
  return {
    orgId, q: q.q || undefined, channelId: q.channel || undefined, platform: q.platform || undefined, from: q.from || undefined, to: q.to || undefined,
    author: q.author || undefined, category: q.category || undefined, decision: q.decision || undefined, registered: q.registered || undefined,
    postId: q.post || undefined, sort: q.sort, limit: q.limit, offset: q.offset,
  };
}

// Searches refresh the index first so that what was captured a moment ago is
// found; at most every few seconds per organisation (the background tick
// keeps it current otherwise), so a burst of searches does not repeat the work.
const REFRESH_EVERY_MS = 3000;
const lastRefresh = new Map<string, number>();
async function freshIndex(pool: Pool, orgId: string): Promise<void> {
  const now = Date.now();
  if (now - (lastRefresh.get(orgId) ?? 0) < REFRESH_EVERY_MS) return;
  lastRefresh.set(orgId, now);
  await refreshSearchIndex(pool, { orgId });
}

/** Decides masking and audits an unmasked read of the given items. */
async function readMode(pool: Pool, req: FastifyRequest, unmask: boolean | undefined, hits: SearchHit[]): Promise<boolean> {
  if (!unmask) return true;
  if (!can(req.principal, "records:unmask")) throw new AppError("forbidden");
  const p = req.principal!;
  await withTx(pool, (tx) => recordAuditEvent(tx, {
    orgId: p.orgId, actor: { id: p.userId, label: p.username }, action: "records.unmasked_read", targetType: "record_search",
    after: { items: hits.map((h) => h.itemId), query: req.url }, requestId: req.id,
  }));
  return false;
}

function withoutUnmask(url: URL): string {
  const u = new URL(url);
  u.searchParams.delete("unmask");
  return u.pathname + u.search;
}

export async function registerSearchRoutes(app: FastifyInstance, pool: Pool): Promise<void> {
  app.get(
    "/api/v1/records/search",
    {
      config: { permission: "records:read" },
      schema: {
        tags: ["records"], summary: "Search public records (Swedish full text and metadata); personal data masked unless unmask=true",
        security: [{ bearer: [] }], querystring: SearchQuerystring,
        response: { 200: Type.Object({ hits: Type.Array(Hit), hasMore: Type.Boolean() }) },
      },
    },
    async (req) => {
      const q = req.query as SearchQs;
      const orgId = req.principal!.orgId;
      await freshIndex(pool, orgId);
      const r = await searchRecords(pool, toSearchInput(orgId, q));
      const mask = await readMode(pool, req, q.unmask, r.hits);
      return {
        hasMore: r.hasMore,
        hits: r.hits.map(({ snippet: _s, ...h }) => {
          const m = mask ? maskPersonalData(h.text) : { text: h.text, masked: 0 };
          return { ...h, text: m.text, masked: m.masked };
        }),
      };
    },
  );

  app.get(
    "/records/search",
    { config: { permission: "records:read", html: true }, schema: { hide: true, querystring: SearchQuerystring } },
    async (req, reply) => {
      const q = req.query as SearchQs;
      const p = req.principal!;
      const searched = Object.keys(q).some((k) => k !== "lang" && k !== "unmask");
      let hits: SearchHit[] = [];
      let hasMore = false;
      if (searched) {
        await freshIndex(pool, p.orgId);
        ({ hits, hasMore } = await searchRecords(pool, { ...toSearchInput(p.orgId, q), limit: q.limit ?? 50 }));
      }
      const mask = await readMode(pool, req, q.unmask, hits);
      const channels = (await pool.query<{ id: string; name: string }>("select id, name from channels where org_id = $1 order by name", [p.orgId])).rows;
      const url = new URL(req.url, "http://x");
      const next = new URL(url);
      next.searchParams.set("offset", String((q.offset ?? 0) + (q.limit ?? 50)));
      const unmaskUrl = new URL(url);
      unmaskUrl.searchParams.set("unmask", "true");
      const canRegister = can(p, "records:register");
      const flagged = canRegister && hits.length
        ? new Set((await pool.query<{ item_id: string }>("select distinct item_id from registration_flags where org_id = $1 and item_id = any($2::uuid[])", [p.orgId, hits.map((h) => h.itemId)])).rows.map((r) => r.item_id))
        : new Set<string>();
      const body = searchPageBody({
        // Back to the same search, but masked: flagging is no reason for another unmasked read.
        flagging: canRegister ? { csrf: p.csrfToken ?? "", flagged, back: withoutUnmask(url) } : null,
        lang: req.lang, query: toSearchInput(p.orgId, q), channels, hits, hasMore, mask, canUnmask: can(p, "records:unmask"), searched,
        nextHref: hasMore ? next.pathname + next.search : null, unmaskHref: searched ? unmaskUrl.pathname + unmaskUrl.search : null,
      });
      return reply.type("text/html; charset=utf-8").send(page({ lang: req.lang, title: tr(req.lang, "search.title"), principal: p, csrfToken: p.csrfToken, currentPath: req.url, body }));
    },
  );
}
