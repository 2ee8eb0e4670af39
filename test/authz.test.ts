// Every endpoint is authorised: for each registered route that is not public,
// an anonymous caller gets 401 (or a redirect to the login page for HTML
// pages), a signed-in person without the permission gets 403, and an API token
// without the scope gets 403. New routes are covered automatically.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { PERMISSIONS, type Permission } from "../src/access/policy.ts";
import { ROLES, type Role } from "../src/access/principal.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

const FAKE_ID = "00000000-0000-4000-8000-000000000000";

function concrete(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, FAKE_ID).replace(/\*$/, "x");
}

describe("authorisation on every endpoint", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  test("every route declares a permission or is explicitly public", () => {
    assert.ok(t.app.routeTable.length > 10);
    for (const r of t.app.routeTable) {
      const cfg = (r.config ?? {}) as { permission?: string; public?: boolean };
      assert.ok(cfg.permission || cfg.public, `${String(r.method)} ${r.url}`);
    }
  });

  test("anonymous callers get 401 (HTML GET: redirect to login)", async () => {
    const guarded = t.app.routeTable.filter((r) => !(r.config as { public?: boolean }).public && r.method !== "HEAD");
    assert.ok(guarded.length > 5);
    for (const r of guarded) {
      for (const method of [r.method].flat()) {
        const res = await t.app.inject({ method: method as "GET", url: concrete(r.url), payload: method === "GET" ? undefined : {} });
        const cfg = r.config as { html?: boolean };
        if (cfg.html && method === "GET") {
          assert.equal(res.statusCode, 303, `${method} ${r.url}`);
          assert.match(String(res.headers.location), /^\/login\?next=/);
        } else {
          assert.equal(res.statusCode, 401, `${method} ${r.url}: ${res.body}`);
          if (cfg.html) assert.match(res.body, /unauthenticated/);
          else assert.equal(res.json().error.code, "unauthenticated");
        }
      }
    }
  });

  test("a signed-in person without the permission gets 403; a token without the scope gets 403", async () => {
    // For each permission, find a role that lacks it.
    const sessions = new Map<Role, { cookie: string; csrf: string }>();
    for (const role of ROLES) {
      const u = await t.user([role], `authz-${role}`);
      sessions.set(role, await t.login(u.username, u.password));
    }
    const viewer = await t.user(["viewer"], "authz-token-owner");
    const adminToken = await t.token(t.admin.id, ["dashboard:view"]);
    let checked = 0;
    for (const r of t.app.routeTable) {
      const perm = (r.config as { permission?: Permission }).permission;
      if (!perm) continue;
      for (const method of [r.method].flat()) {
        if (method === "HEAD") continue;
        const lacking: Role | undefined = ROLES.find((role) => !(PERMISSIONS[perm] as readonly Role[]).includes(role));
        if (lacking) {
          const s: { cookie: string; csrf: string } = sessions.get(lacking)!;
          const res: { statusCode: number } = await t.app.inject({
            method: method as "GET",
            url: concrete(r.url),
            headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
            payload: method === "GET" ? undefined : {},
          });
          assert.equal(res.statusCode, 403, `${lacking} → ${method} ${r.url}: ${res.statusCode}`);
          checked++;
        }
        if (perm !== "dashboard:view" && perm !== "self") {
          // The admin's token is scoped to dashboard:view only: the role allows, the scope does not.
          const res = await t.app.inject({
            method: method as "GET",
            url: concrete(r.url),
            headers: { authorization: `Bearer ${adminToken}` },
            payload: method === "GET" ? undefined : {},
          });
          assert.equal(res.statusCode, 403, `token without ${perm} → ${method} ${r.url}`);
          checked++;
        }
      }
    }
    void viewer;
    assert.ok(checked > 5);
  });

  test("an invalid, revoked or expired token is 401", async () => {
    for (const tok of ["vxl_" + "a".repeat(43), "nonsense"]) {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${tok}` } });
      assert.equal(res.statusCode, 401);
    }
    const tok = await t.token(t.admin.id, ["dashboard:view"]);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${tok}` } })).statusCode, 200);
    await t.db.pool.query("update api_tokens set expires_at = now() - interval '1 second'");
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${tok}` } })).statusCode, 401);
  });
});
