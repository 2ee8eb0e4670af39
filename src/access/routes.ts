// Sign-in and sign-out pages, single sign-on, and the users and API-token API.
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import { recordAuditEvent } from "../platform/audit/index.ts";
import { withTx, type Pool } from "../platform/db/pool.ts";
import { AppError, ERROR_CATALOGUE } from "../platform/errors.ts";
import { getOrganisation, listOrganisations } from "../platform/tenancy.ts";
import { html } from "../web/html.ts";
import { t } from "../web/i18n.ts";
import { page } from "../web/layout.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.ts";
import { authenticateLocal } from "./authenticate-local.ts";
import type { OidcChecks, OidcLogin } from "./oidc.ts";
import type { Principal } from "./principal.ts";
import { ROLES } from "./principal.ts";
import { createSession, destroySession, SESSION_COOKIE } from "./sessions.ts";
import { assignRole, createUser, disableUser, listUsers } from "./users.ts";

const OIDC_COOKIE = "vaxel_oidc";

/** Only same-site relative paths: an open redirect would turn login into phishing. */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])[^\s]*$/.test(next) ? next : "/";
}

const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });

const UserSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.Object({ role: Type.String(), unitId: Type.Union([Type.String(), Type.Null()]) })),
  sso: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
});
const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  userId: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), message_sv: Type.String(), message_en: Type.String() }, { additionalProperties: true }),
});
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const accessRoutes: FastifyPluginAsync<{ pool: Pool; cfg: Config; oidc?: OidcLogin | undefined }> = async (
  app,
  { pool, cfg, oidc },
) => {
  async function startSession(req: FastifyRequest, reply: FastifyReply, orgId: string, userId: string, username: string) {
    const s = await withTx(pool, async (tx) => {
      const created = await createSession(tx, { orgId, userId, ttlHours: cfg.sessionTtlHours });
      await recordAuditEvent(tx, {
        orgId,
        actor: { id: userId, label: username },
        action: "session.login",
        targetType: "user",
        targetId: userId,
        requestId: req.id,
      });
      return created;
    });
    reply.setCookie(SESSION_COOKIE, s.cookieValue, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: cfg.secureCookies,
      expires: s.expiresAt,
    });
  }

  async function renderLogin(req: FastifyRequest, reply: FastifyReply, opts: { error?: string; username?: string; status?: number }) {
    const lang = req.lang;
    const orgs = await listOrganisations(pool);
    const next = safeNext((req.query as { next?: string }).next ?? (req.body as { next?: string } | undefined)?.next);
    const csrfToken = reply.generateCsrf();
    const orgField =
      orgs.length > 1
        ? html`<label for="org">${t(lang, "login.org")}</label>
<select id="org" name="org" autocomplete="organization">${orgs.map((o) => html`<option value="${o.slug}">${o.name}</option>`)}</select>`
        : html`<input type="hidden" name="org" value="${orgs[0]?.slug ?? ""}">`;
    const body = html`<h1>${t(lang, "login.title")}</h1>
${opts.error ? html`<p class="error" role="alert" id="login-error">${opts.error}</p>` : ""}
<form method="post" action="/login" novalidate>
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="next" value="${next}">
${orgField}
<label for="username">${t(lang, "login.username")}</label>
<input id="username" name="username" autocomplete="username" required value="${opts.username ?? ""}"${opts.error ? html` aria-describedby="login-error" aria-invalid="true"` : ""}>
<label for="password">${t(lang, "login.password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit">${t(lang, "login.submit")}</button></p>
</form>
${oidc ? html`<p>${t(lang, "login.or")}</p><p><a class="button secondary" href="/auth/oidc/start?next=${encodeURIComponent(next)}">${t(lang, "login.sso")}</a></p>` : ""}`;
    return reply
      .status(opts.status ?? 200)
      .type("text/html; charset=utf-8")
      .send(page({ lang, title: t(lang, "login.title"), currentPath: req.url, body }));
  }

  app.get("/login", { config: { public: true, html: true }, schema: { hide: true } }, async (req, reply) => {
    if (req.principal) return reply.redirect(safeNext((req.query as { next?: string }).next), 303);
    return renderLogin(req, reply, {});
  });

  app.post(
    "/login",
    {
      config: { public: true, html: true, rateLimit: { max: cfg.loginRateLimit, timeWindow: "1 minute" } },
      schema: {
        hide: true,
        body: Type.Object({
          username: Type.String({ maxLength: 200 }),
          password: Type.String({ maxLength: 1000 }),
          org: Type.Optional(Type.String({ maxLength: 100 })),
          next: Type.Optional(Type.String({ maxLength: 2000 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body as { username: string; password: string; org?: string; next?: string };
      const org = b.org ? await getOrganisation(pool, b.org) : (await listOrganisations(pool))[0];
      const user = org ? await authenticateLocal(pool, { orgId: org.id, username: b.username, password: b.password }) : undefined;
      if (!org || !user) {
        req.log.info({ code: "invalid_credentials" }, "login refused");
        return renderLogin(req, reply, { error: ERROR_CATALOGUE.invalid_credentials[req.lang], username: b.username, status: 401 });
      }
      await startSession(req, reply, org.id, user.userId, user.username);
      return reply.redirect(safeNext(b.next), 303);
    },
  );

  app.post("/logout", { config: { permission: "self", html: true }, schema: { hide: true } }, async (req, reply) => {
    const cookie = req.cookies[SESSION_COOKIE];
    const p = req.principal!;
    await withTx(pool, async (tx) => {
      if (cookie) await destroySession(tx, cookie);
      await recordAuditEvent(tx, { orgId: p.orgId, actor: actorOf(p), action: "session.logout", targetType: "user", targetId: p.userId, requestId: req.id });
    });
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/login", 303);
  });

  // Single sign-on: only registered when OIDC is configured.
  if (oidc) {
    app.get("/auth/oidc/start", { config: { public: true, html: true }, schema: { hide: true } }, async (req, reply) => {
      const q = req.query as { next?: string; org?: string };
      const org = q.org ? await getOrganisation(pool, q.org) : (await listOrganisations(pool))[0];
      if (!org) throw new AppError("not_found");
      const { url, checks } = await oidc.start(`${cfg.publicUrl}/auth/oidc/callback`);
      reply.setCookie(OIDC_COOKIE, JSON.stringify({ ...checks, org: org.id, next: safeNext(q.next) }), {
        path: "/auth/oidc",
        httpOnly: true,
        sameSite: "lax",
        secure: cfg.secureCookies,
        maxAge: 600,
      });
      return reply.redirect(url, 303);
    });

    app.get("/auth/oidc/callback", { config: { public: true, html: true }, schema: { hide: true } }, async (req, reply) => {
      let saved: OidcChecks & { org: string; next: string };
      try {
        saved = JSON.parse(req.cookies[OIDC_COOKIE] ?? "");
      } catch {
        throw new AppError("unauthenticated", { detail: "OIDC callback without a started login" });
      }
      reply.clearCookie(OIDC_COOKIE, { path: "/auth/oidc" });
      const current = new URL(req.url, cfg.publicUrl);
      let claims;
      try {
        claims = await oidc.finish(current, saved);
      } catch (e) {
        throw new AppError("unauthenticated", { detail: `OIDC: ${(e as Error).message}`, cause: e });
      }
      const found = await pool.query<{ id: string; username: string; disabled: boolean }>(
        "select id, username, disabled_at is not null as disabled from users where org_id = $1 and oidc_issuer = $2 and oidc_subject = $3",
        [saved.org, claims.issuer, claims.subject],
      );
      let user = found.rows[0];
      if (user?.disabled) throw new AppError("forbidden", { detail: "disabled user" });
      if (!user) {
        // First sign-in: the person gets an account without roles; an admin grants them.
        const created = await createUser(
          { pool },
          {
            orgId: saved.org,
            username: `${claims.username}`.slice(0, 200),
            displayName: claims.name,
            email: claims.email,
            oidc: { issuer: claims.issuer, subject: claims.subject },
            actor: { id: null, label: "system" },
            requestId: req.id,
          },
        );
        user = { id: created.id, username: created.username, disabled: false };
      }
      await startSession(req, reply, saved.org, user.id, user.username);
      return reply.redirect(safeNext(saved.next), 303);
    });
  }

  // ---- JSON API ---------------------------------------------------------
  app.get(
    "/api/v1/me",
    {
      config: { permission: "self" },
      schema: {
        tags: ["access"],
        summary: "The signed-in user or token owner",
        security: [{ bearer: [] }, { session: [] }],
        response: {
          200: Type.Object({
            userId: Type.String(),
            username: Type.String(),
            orgId: Type.String(),
            roles: Type.Array(Type.Object({ role: Type.String(), unitId: Type.Union([Type.String(), Type.Null()]) })),
            via: Type.String(),
            scopes: Type.Optional(Type.Array(Type.String())),
            csrfToken: Type.Optional(Type.String()),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      return { userId: p.userId, username: p.username, orgId: p.orgId, roles: p.roles, via: p.via, scopes: p.scopes, csrfToken: p.csrfToken };
    },
  );

  app.get(
    "/api/v1/users",
    {
      config: { permission: "users:manage" },
      schema: { tags: ["access"], summary: "List users", security: [{ bearer: [] }], response: { 200: Type.Array(UserSchema), ...errors } },
    },
    async (req) => listUsers(pool, req.principal!.orgId),
  );

  app.post(
    "/api/v1/users",
    {
      config: { permission: "users:manage" },
      schema: {
        tags: ["access"],
        summary: "Create a local user",
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 200 }),
            displayName: Type.Optional(Type.String({ maxLength: 200 })),
            email: Type.Optional(Type.String({ format: "email", maxLength: 320 })),
            password: Type.String({ minLength: 12, maxLength: 1000 }),
            roles: Type.Optional(Type.Array(Type.Object({ role: Type.Union(ROLES.map((r) => Type.Literal(r))), unitId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]) }), { maxItems: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: UserSchema, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { username: string; displayName?: string; email?: string; password: string; roles?: { role: (typeof ROLES)[number]; unitId: string | null }[] };
      const p = req.principal!;
      const u = await createUser({ pool }, { orgId: p.orgId, ...b, actor: actorOf(p), requestId: req.id });
      return reply.status(201).send(u);
    },
  );

  app.post(
    "/api/v1/users/:id/roles",
    {
      config: { permission: "users:manage" },
      schema: {
        tags: ["access"],
        summary: "Grant a role (optionally on one unit)",
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        body: Type.Object({ role: Type.Union(ROLES.map((r) => Type.Literal(r))), unitId: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Null()])) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const b = req.body as { role: string; unitId?: string | null };
      const p = req.principal!;
      await assignRole({ pool }, { orgId: p.orgId, userId: id, role: b.role, unitId: b.unitId ?? null, actor: actorOf(p), requestId: req.id });
      return reply.status(204).send();
    },
  );

  app.delete(
    "/api/v1/users/:id",
    {
      config: { permission: "users:manage" },
      schema: { tags: ["access"], summary: "Disable a user (accounts are never deleted: the audit trail names them)", security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ format: "uuid" }) }), response: { 204: Type.Null(), ...errors } },
    },
    async (req, reply) => {
      const p = req.principal!;
      const { id } = req.params as { id: string };
      if (id === p.userId) throw new AppError("conflict", { public: { reason: "cannot disable yourself" } });
      await disableUser({ pool }, { orgId: p.orgId, userId: id, actor: actorOf(p), requestId: req.id });
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/tokens",
    { config: { permission: "tokens:manage" }, schema: { tags: ["access"], summary: "List API tokens", security: [{ bearer: [] }], response: { 200: Type.Array(TokenSchema), ...errors } } },
    async (req) => listApiTokens(pool, req.principal!.orgId),
  );

  app.post(
    "/api/v1/tokens",
    {
      config: { permission: "tokens:manage" },
      schema: {
        tags: ["access"],
        summary: "Create an API token (the secret is shown once)",
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            scopes: Type.Array(Type.String(), { minItems: 1, maxItems: 50 }),
            days: Type.Integer({ minimum: 1, maximum: 366 }),
            userId: Type.Optional(Type.String({ format: "uuid" })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), info: TokenSchema }), ...errors },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const b = req.body as { name: string; scopes: string[]; days: number; userId?: string };
      const { token, view } = await createApiToken({ pool }, { orgId: p.orgId, userId: b.userId ?? p.userId, name: b.name, scopes: b.scopes, days: b.days, actor: actorOf(p), requestId: req.id });
      return reply.status(201).send({ token, info: view });
    },
  );

  app.delete(
    "/api/v1/tokens/:id",
    { config: { permission: "tokens:manage" }, schema: { tags: ["access"], summary: "Revoke an API token", security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ format: "uuid" }) }), response: { 204: Type.Null(), ...errors } } },
    async (req, reply) => {
      const p = req.principal!;
      await revokeApiToken({ pool }, { orgId: p.orgId, id: (req.params as { id: string }).id, actor: actorOf(p), requestId: req.id });
      return reply.status(204).send();
    },
  );
};
