// Sign-in, sessions, CSRF, users and API tokens through the real HTTP stack.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

describe("local sign-in and sessions", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  test("login page is Swedish, has a CSRF token and works without JavaScript", async () => {
    const res = await t.app.inject({ method: "GET", url: "/login" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="sv">/);
    assert.match(res.body, /Användarnamn/);
    assert.match(res.body, /name="_csrf" value="[^"]+"/);
    assert.doesNotMatch(res.body, /<script/);
    const en = await t.app.inject({ method: "GET", url: "/login?lang=en" });
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /Username/);
  });

  test("correct password: session cookie, dashboard, audit event; the session is stored hashed", async () => {
    const s = await t.login("admin", t.admin.password);
    const dash = await t.app.inject({ method: "GET", url: "/", headers: { cookie: s.cookie } });
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /Översikt/);
    const raw = s.cookie.split("=")[1]!;
    const rows = await t.db.pool.query("select id_hash from sessions");
    assert.ok(rows.rows.length >= 1);
    assert.ok(rows.rows.every((r) => r.id_hash !== raw));
    const ev = await t.db.pool.query("select action from audit_events where action = 'session.login'");
    assert.ok(ev.rowCount! >= 1);
  });

  test("wrong password: 401 with a Swedish message and no session", async () => {
    const form = await t.app.inject({ method: "GET", url: "/login" });
    const csrf = form.cookies.find((c) => c.name === "vaxel_csrf")!;
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const res = await t.app.inject({
      method: "POST",
      url: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `vaxel_csrf=${csrf.value}` },
      payload: new URLSearchParams({ username: "admin", password: "wrong-password-123", _csrf: token }).toString(),
    });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /Fel användarnamn eller lösenord/);
    assert.equal(res.cookies.find((c) => c.name === "vaxel_session"), undefined);
  });

  test("a login form post without a valid CSRF token is refused (csrf_invalid)", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ username: "admin", password: t.admin.password }).toString(),
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /csrf_invalid/);
  });

  test("signed-in unsafe requests need the session's CSRF token; logout ends the session", async () => {
    const s = await t.login("admin", t.admin.password);
    const noToken = await t.app.inject({ method: "POST", url: "/logout", headers: { cookie: s.cookie } });
    assert.equal(noToken.statusCode, 403);
    const out = await t.app.inject({
      method: "POST",
      url: "/logout",
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${encodeURIComponent(s.csrf)}`,
    });
    assert.equal(out.statusCode, 303);
    const after = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: s.cookie } });
    assert.equal(after.statusCode, 401);
  });

  test("open redirects are refused: next must be a local path", async () => {
    const u = await t.user(["viewer"]);
    const form = await t.app.inject({ method: "GET", url: "/login?next=//evil.example/x" });
    assert.match(form.body, /name="next" value="\/"/);
    void u;
  });

  test("login is rate limited per IP", async () => {
    const limited = await buildTestApp({ config: { loginRateLimit: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await limited.app.inject({ method: "POST", url: "/login", payload: { username: "x", password: "y" } });
      codes.push(r.statusCode);
    }
    assert.deepEqual(codes.slice(0, 3), [401, 401, 401]);
    assert.equal(codes[4], 429);
  });
});

describe("users and API tokens API", () => {
  let t: TestApp;
  let adminToken: string;
  before(async () => {
    t = await buildTestApp();
    adminToken = await t.token(t.admin.id, ["users:manage", "tokens:manage", "dashboard:view", "audit:read"]);
  });
  const auth = () => ({ authorization: `Bearer ${adminToken}` });

  test("create a user, grant a role, list; every change is audited", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: auth(),
      payload: { username: "moderator1", password: "a-long-password-1", roles: [{ role: "moderator", unitId: null }] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const grant = await t.app.inject({ method: "POST", url: `/api/v1/users/${id}/roles`, headers: auth(), payload: { role: "registrar" } });
    assert.equal(grant.statusCode, 204);
    const list = (await t.app.inject({ method: "GET", url: "/api/v1/users", headers: auth() })).json();
    const m = list.find((u: { username: string }) => u.username === "moderator1");
    assert.deepEqual(m.roles.map((r: { role: string }) => r.role).sort(), ["moderator", "registrar"]);
    assert.equal("password_hash" in m, false);
    const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit?targetType=user", headers: auth() })).json();
    assert.ok(audit.some((e: { action: string }) => e.action === "user.role_assign"));
  });

  test("bad input gets a stable code with Swedish and English messages, and nothing changes", async () => {
    const before = (await t.db.pool.query("select count(*)::int as n from users")).rows[0].n;
    const res = await t.app.inject({ method: "POST", url: "/api/v1/users", headers: auth(), payload: { username: "<script>", password: "short" } });
    assert.equal(res.statusCode, 400);
    const e = res.json().error;
    assert.equal(e.code, "validation_failed");
    assert.ok(e.message_sv && e.message_en);
    const dup = await t.app.inject({ method: "POST", url: "/api/v1/users", headers: auth(), payload: { username: "admin", password: "a-long-password-2" } });
    assert.equal(dup.statusCode, 409);
    assert.equal((await t.db.pool.query("select count(*)::int as n from users")).rows[0].n, before);
  });

  test("huge payloads are refused with payload_too_large", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { ...auth(), "content-type": "application/json" },
      payload: JSON.stringify({ username: "x".repeat(2_000_000), password: "a-long-password" }),
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, "payload_too_large");
  });

  test("tokens: created once, hashed at rest, scoped, revocable", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/tokens", headers: auth(), payload: { name: "export", scopes: ["audit:read"], days: 30 } });
    assert.equal(res.statusCode, 201, res.body);
    const { token, info } = res.json();
    assert.match(token, /^vxl_/);
    const stored = await t.db.pool.query("select token_hash from api_tokens where id = $1", [info.id]);
    assert.notEqual(stored.rows[0].token_hash, token);
    const h = { authorization: `Bearer ${token}` };
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/audit", headers: h })).statusCode, 200);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/users", headers: h })).statusCode, 403);
    const bad = await t.app.inject({ method: "POST", url: "/api/v1/tokens", headers: auth(), payload: { name: "x", scopes: ["everything"], days: 1 } });
    assert.equal(bad.statusCode, 400);
    assert.equal((await t.app.inject({ method: "DELETE", url: `/api/v1/tokens/${info.id}`, headers: auth() })).statusCode, 204);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/audit", headers: h })).statusCode, 401);
  });

  test("a disabled user's sessions and tokens stop working", async () => {
    const u = await t.user(["viewer"]);
    const s = await t.login(u.username, u.password);
    const tok = await t.token(u.id, ["dashboard:view"]);
    assert.equal((await t.app.inject({ method: "DELETE", url: `/api/v1/users/${u.id}`, headers: auth() })).statusCode, 204);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: s.cookie } })).statusCode, 401);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${tok}` } })).statusCode, 401);
  });

  test("tenancy: another organisation's data is invisible", async () => {
    const { createOrganisation } = await import("../src/platform/tenancy.ts");
    const { createUser } = await import("../src/access/users.ts");
    const other = await createOrganisation(t.db.pool, { slug: "annan-kommun", name: "Annan kommun" });
    await createUser({ pool: t.db.pool }, { orgId: other.id, username: "stranger", password: "a-long-password-3", actor: { id: null, label: "test" } });
    const list = (await t.app.inject({ method: "GET", url: "/api/v1/users", headers: auth() })).json();
    assert.equal(list.some((u: { username: string }) => u.username === "stranger"), false);
  });
});
