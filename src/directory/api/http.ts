// HTTP helpers for the public read side: which organisation a public request
// is for, conditional GET (ETag / Last-Modified → 304) and Cache-Control.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { getOrganisation, listOrganisations, type Organisation } from "../../platform/tenancy.ts";
import type { Rendered } from "../read/cache.ts";

/**
 * Data changes must show on the next request (a published phone number), so
 * clients may keep a copy but must revalidate: a 304 costs almost nothing.
 */
export const PUBLIC_CACHE = "public, max-age=0, must-revalidate";
/** Pages that depend on the clock (open now) may be reused for a minute. */
export const CLOCK_CACHE = "public, max-age=60";

const orgCache = new Map<string, { org: Organisation | undefined; at: number }>();

/**
 * The organisation of a public request: `?org=slug`, else the installation's
 * own (VAXEL_ORG_SLUG), else the only or first organisation.
 */
export async function publicOrg(pool: Pool, cfg: Config, slug: string | undefined): Promise<Organisation> {
  const key = slug ?? "";
  const hit = orgCache.get(key);
  if (hit && Date.now() - hit.at < 30_000 && hit.org) return hit.org;
  let org: Organisation | undefined;
  if (slug) org = await getOrganisation(pool, slug);
  else org = (await getOrganisation(pool, cfg.orgSlug)) ?? (await listOrganisations(pool))[0];
  if (!org) throw new AppError("not_found", { public: { organisation: slug ?? null } });
  orgCache.set(key, { org, at: Date.now() });
  return org;
}

function notModified(req: FastifyRequest, etag: string, lastModified: Date): boolean {
  const inm = req.headers["if-none-match"];
  if (inm !== undefined) return inm.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");
  const ims = req.headers["if-modified-since"];
  if (ims) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

/**
 * Security headers of the public read responses, fixed and precomputed. These
 * routes opt out of the per-request helmet middleware (`helmet: false`), which
 * rebuilds its policy on every request and was the largest single cost of
 * serving a cached card; what helmet would add that matters for data and
 * fragments is here, stricter where it can be.
 */
export const DATA_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "cross-origin-resource-policy": "cross-origin",
  "referrer-policy": "no-referrer",
};
const FRAGMENT_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
  "cross-origin-resource-policy": "cross-origin",
  "referrer-policy": "no-referrer",
};

/** Route option for the cached public reads: their headers come from sendRendered. */
export const NO_HELMET = { helmet: false as const };

/** Sends a memoised response with validators, or 304 when the client's copy is current. */
export function sendRendered(
  req: FastifyRequest,
  reply: FastifyReply,
  r: Rendered,
  lastModified: Date | { lastModified: Date; lastModifiedHttp: string },
  o: { cacheControl?: string; headers?: Record<string, string> } = {},
): FastifyReply {
  const lm = lastModified instanceof Date ? { lastModified, lastModifiedHttp: lastModified.toUTCString() } : lastModified;
  const cacheControl = o.cacheControl ?? PUBLIC_CACHE;
  reply.headers({ ...(r.type.startsWith("text/html") ? FRAGMENT_HEADERS : DATA_HEADERS), ...o.headers });
  // Public data: any site may read it (the web component fetches it cross-origin).
  reply.header("access-control-allow-origin", "*").header("cache-control", cacheControl).header("etag", r.etag).header("last-modified", lm.lastModifiedHttp).header("vary", "accept-encoding");
  if (notModified(req, r.etag, lm.lastModified)) return reply.code(304).send();
  return reply.type(r.type).send(r.body);
}
