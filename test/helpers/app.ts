// Builds the real HTTP app on a fresh database with one organisation and an
// admin, plus small factories for users, sessions and tokens (fastify/demo
// style `build(t)` + `inject`).
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import { createApiToken } from "../../src/access/api-tokens.ts";
import type { OidcLogin } from "../../src/access/oidc.ts";
import type { Role } from "../../src/access/principal.ts";
import { createUser } from "../../src/access/users.ts";
import { createLogger } from "../../src/platform/logging.ts";
import { createOrganisation, type Organisation } from "../../src/platform/tenancy.ts";
import { freshDatabase, onCleanup, type TestDb } from "./db.ts";

export interface TestApp {
  app: FastifyInstance;
  db: TestDb;
  org: Organisation;
  cfg: Config;
  admin: { id: string; username: string; password: string };
  /** Creates a user with the given roles (whole organisation) and returns its credentials. */
  user(roles: Role[], username?: string): Promise<{ id: string; username: string; password: string }>;
  /** Signs in through POST /login and returns the cookie header and CSRF token for later requests. */
  login(username: string, password: string): Promise<{ cookie: string; csrf: string }>;
  token(userId: string, scopes: string[]): Promise<string>;
}

let counter = 0;

export async function buildTestApp(opts: { config?: Partial<Config>; oidc?: OidcLogin } = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const cfg = { ...loadConfig({ LOG_LEVEL: "silent" }), ...opts.config };
  const org = await createOrganisation(db.pool, { slug: "testkommun", name: "Testkommun", domains: ["testkommun.se"] });
  const app = await buildApp({ cfg, pool: db.pool, logger: createLogger(process.env.LOG_LEVEL ?? "silent"), oidc: opts.oidc });
  await app.ready();
  onCleanup(() => app.close());
  const system = { id: null, label: "test" };

  async function user(roles: Role[], username = `user${++counter}`) {
    const password = `pw-${username}-0123456789`;
    const u = await createUser({ pool: db.pool }, { orgId: org.id, username, password, roles: roles.map((role) => ({ role, unitId: null })), actor: system });
    return { id: u.id, username, password };
  }

  async function login(username: string, password: string) {
    const form = await app.inject({ method: "GET", url: "/login" });
    const csrfCookie = form.cookies.find((c) => c.name === "vaxel_csrf");
    const formToken = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    if (!csrfCookie || !formToken) throw new Error("login form has no CSRF token");
    const res = await app.inject({
      method: "POST",
      url: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `vaxel_csrf=${csrfCookie.value}` },
      payload: new URLSearchParams({ username, password, _csrf: formToken, org: org.slug }).toString(),
    });
    const session = res.cookies.find((c) => c.name === "vaxel_session");
    if (res.statusCode !== 303 || !session) throw new Error(`login failed: ${res.statusCode}`);
    const cookie = `vaxel_session=${session.value}`;
    const me = await app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    return { cookie, csrf: (me.json() as { csrfToken: string }).csrfToken };
  }

  async function token(userId: string, scopes: string[]) {
    return (await createApiToken({ pool: db.pool }, { orgId: org.id, userId, name: "test", scopes, days: 1, actor: system })).token;
  }

  const admin = await user(["admin"], "admin");
  return { app, db, org, cfg, admin, user, login, token };
}
