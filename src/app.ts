// Builds the HTTP application from the modules. The hook chain says what every
// request gets: request id, language, principal, CSRF check on unsafe requests
// that a browser could forge, the route's declared permission, then the handler.
import { randomUUID, timingSafeEqual } from "node:crypto";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from "fastify";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import { accessRoutes } from "./access/routes.ts";
import type { OidcLogin } from "./access/oidc.ts";
import { auditRoutes } from "./platform/audit/routes.ts";
import { channelsRoutes } from "./channels/index.ts";
import { directoryRoutes } from "./directory/index.ts";
import { moderationRoutes } from "./moderation/index.ts";
import { recordsRoutes } from "./records/routes.ts";
import type { Pool } from "./platform/db/pool.ts";
import { AppError, errorBody } from "./platform/errors.ts";
import { assertRouteIsGuarded, enforceRoutePermission, resolvePrincipal } from "./platform/http/auth.ts";
import { errorHandler } from "./platform/http/error-handler.ts";
import { healthRoutes } from "./platform/http/health-routes.ts";
import { registerMetrics } from "./platform/http/metrics.ts";
import "./platform/http/types.ts";
import { pickLang } from "./web/i18n.ts";
import { webRoutes } from "./web/routes.ts";

export interface AppDeps {
  cfg: Config;
  pool: Pool;
  logger: Logger;
  oidc?: OidcLogin | undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { cfg, pool } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: cfg.bodyLimitBytes,
    trustProxy: true,
    // Accept a caller's request id for tracing only when it is a plain token.
    genReqId: (req) => {
      const h = req.headers["x-request-id"];
      return typeof h === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(h) ? h : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", allErrors: false } },
  });

  const routes: RouteOptions[] = [];
  app.addHook("onRoute", (r) => {
    routes.push(r);
  });
  app.addHook("onReady", async () => {
    for (const r of routes) assertRouteIsGuarded(r);
  });
  app.decorate("routeTable", routes);

  app.decorateRequest("principal", undefined);
  app.decorateRequest("lang", "sv");
  app.setErrorHandler(errorHandler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Public embeds (directory) set their own frame policy per route.
    crossOriginEmbedderPolicy: false,
    hsts: cfg.secureCookies,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: cfg.bodyLimitBytes });
  await app.register(csrf, {
    cookieKey: "vaxel_csrf",
    cookieOpts: { path: "/", httpOnly: true, sameSite: "lax", secure: cfg.secureCookies, signed: false },
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Växel API",
        version: "1",
        description: "Kontaktkatalog, moderering och allmänna handlingar. Fel: `{error: {code, message_sv, message_en}}`.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "API-token (vxl_…)" },
          session: { type: "apiKey", in: "cookie", name: "vaxel_session" },
        },
      },
    },
  });
  await app.register(async (docs) => {
    // The documentation UI is public by design (it documents the public API);
    // its routes are marked public here rather than exempted by prefix.
    docs.addHook("onRoute", (r) => {
      r.config = { ...(r.config as object), public: true };
    });
    await docs.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  });

  app.addHook("onRequest", async (req, reply) => {
    req.lang = pickLang(req.query, req.cookies["vaxel_lang"]);
    if ((req.query as { lang?: string } | undefined)?.lang === req.lang) {
      // Remember an explicit choice of language across pages.
      reply.setCookie("vaxel_lang", req.lang, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 31_536_000 });
    }
    await resolvePrincipal(req, pool, cfg.sessionTtlHours);
  });
  // Authorisation before the body is parsed: an anonymous caller learns nothing
  // from validation errors and costs no parsing.
  app.addHook("onRequest", enforceRoutePermission);
  app.addHook("preValidation", async (req, reply) => {
    // CSRF: a browser can forge a form post or a cookie-carrying request; a
    // Bearer token cannot be attached by another site, so token calls skip it.
    if (SAFE_METHODS.has(req.method) || req.principal?.via === "token") return;
    if (req.principal) {
      // Signed in: the session's own token, in the form or the X-CSRF-Token header.
      const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers["x-csrf-token"];
      const a = Buffer.from(String(sent ?? ""));
      const b = Buffer.from(req.principal.csrfToken ?? "");
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError("csrf_invalid");
      return;
    }
    const ct = req.headers["content-type"] ?? "";
    if (ct.startsWith("application/x-www-form-urlencoded") || ct.startsWith("multipart/form-data")) {
      // Anonymous forms (login, public forms): double-submit cookie via @fastify/csrf-protection.
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
    }
  });

  const metrics = registerMetrics(app);
  await app.register(healthRoutes, { pool, metrics });
  await app.register(webRoutes, { pool, cfg });
  await app.register(accessRoutes, { pool, cfg, oidc: deps.oidc });
  await app.register(auditRoutes, { pool });
  await app.register(channelsRoutes, { pool, cfg });
  await app.register(directoryRoutes, { pool, cfg });
  await app.register(moderationRoutes, { pool, cfg });
  await app.register(recordsRoutes, { pool, cfg });

  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody("not_found", req.lang)));
  return app;
}
