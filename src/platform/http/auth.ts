// Authentication and authorisation for every route. The principal is resolved
// once per request (API token first, then session cookie). Each route states
// `config.permission` or `config.public`; `assertRouteIsGuarded` refuses to
// register a route with neither, so nothing is open by accident.
import type { FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { principalFromToken } from "../../access/api-tokens.ts";
import { can } from "../../access/policy.ts";
import { principalFromSession, SESSION_COOKIE } from "../../access/sessions.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../db/pool.ts";

export async function resolvePrincipal(req: FastifyRequest, pool: Pool, ttlHours: number): Promise<void> {
  req.principal = undefined;
  const authz = req.headers.authorization;
  if (authz?.startsWith("Bearer ")) {
    req.principal = await principalFromToken(pool, authz.slice(7).trim());
    if (!req.principal) throw new AppError("unauthenticated", { detail: "invalid, expired or revoked API token" });
    return;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (cookie) req.principal = await principalFromSession(pool, cookie, ttlHours);
}

/** preHandler for every route: enforce the route's declared permission. */
export async function enforceRoutePermission(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const cfg = req.routeOptions.config;
  if (cfg.public || !cfg.permission) return; // unguarded routes cannot be registered (see below)
  if (!req.principal) {
    if (cfg.html && req.method === "GET") {
      return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    }
    throw new AppError("unauthenticated");
  }
  if (!can(req.principal, cfg.permission)) throw new AppError("forbidden", { detail: `needs ${cfg.permission}` });
}

/** onRoute hook: a route must declare a permission or be explicitly public. */
export function assertRouteIsGuarded(route: RouteOptions): void {
  const cfg = (route.config ?? {}) as { permission?: string; public?: boolean };
  if (!cfg.permission && cfg.public !== true && route.method !== "HEAD") {
    throw new Error(`route ${String(route.method)} ${route.url} declares neither config.permission nor config.public`);
  }
}
