// Single sign-on against a real OpenID Connect provider (the `oidc-provider`
// package) running inside the test on loopback: authorization code + PKCE,
// discovery, token exchange and ID-token validation over real HTTP.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import Provider from "oidc-provider";
import { createOidcLogin } from "../src/access/oidc.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

const PUBLIC_URL = "http://vaxel.test";

class Jar {
  private cookies = new Map<string, string>();
  store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Drives the provider's development login and consent forms like a browser would. */
async function walkProvider(start: string, issuer: string): Promise<string> {
  const jar = new Jar();
  let url = start;
  let method = "GET";
  let body: string | undefined;
  for (let i = 0; i < 20; i++) {
    const res = await fetch(url, {
      method,
      redirect: "manual",
      headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(body ? { body } : {}),
    });
    jar.store(res);
    const loc = res.headers.get("location");
    if (loc) {
      const next = new URL(loc, url).href;
      if (next.startsWith(PUBLIC_URL)) return next;
      url = next;
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html) ?? /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(html);
    if (!form) throw new Error(`no form at ${url}: ${res.status} ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const m of html.matchAll(/<input[^>]*>/gi)) {
      const name = /name="([^"]+)"/.exec(m[0])?.[1];
      if (name) fields.set(name, /value="([^"]*)"/.exec(m[0])?.[1] ?? "");
    }
    if (fields.has("login")) fields.set("login", "anna-sso-subject");
    if (fields.has("password")) fields.set("password", "whatever");
    url = new URL(form[1]!, issuer).href;
    method = "POST";
    body = fields.toString();
  }
  throw new Error("too many steps at the provider");
}

describe("OIDC single sign-on", () => {
  let t: TestApp;
  let issuer: string;
  let server: Server;

  before(async () => {
    server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: "vaxel",
          client_secret: "test-client-secret-0123456789",
          redirect_uris: [`${PUBLIC_URL}/auth/oidc/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      claims: { openid: ["sub"], email: ["email"], profile: ["name", "preferred_username"] },
      async findAccount(_ctx: unknown, id: string) {
        return {
          accountId: id,
          async claims() {
            return { sub: id, email: "anna.handlaggare@testkommun.se", name: "Anna Testsson", preferred_username: "anna.t" };
          },
        };
      },
      cookies: { keys: ["test-cookie-key-0123456789"] },
      features: { devInteractions: { enabled: true } },
    } as ConstructorParameters<typeof Provider>[1]);
    server.on("request", provider.callback());
    t = await buildTestApp({
      config: { publicUrl: PUBLIC_URL },
      oidc: createOidcLogin({ issuer, clientId: "vaxel", clientSecret: "test-client-secret-0123456789", allowHttp: true }),
    });
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  test("the login page offers SSO; a first sign-in creates an account without roles, a second reuses it", async () => {
    const login = await t.app.inject({ method: "GET", url: "/login" });
    assert.match(login.body, /\/auth\/oidc\/start/);

    for (let round = 0; round < 2; round++) {
      const start = await t.app.inject({ method: "GET", url: "/auth/oidc/start?next=/audit" });
      assert.equal(start.statusCode, 303);
      const authUrl = String(start.headers.location);
      assert.ok(authUrl.startsWith(issuer), authUrl);
      assert.match(authUrl, /code_challenge_method=S256/);
      const state = start.cookies.find((c) => c.name === "vaxel_oidc")!;
      const callback = await walkProvider(authUrl, issuer);
      const cb = await t.app.inject({
        method: "GET",
        url: callback.slice(PUBLIC_URL.length),
        headers: { cookie: `vaxel_oidc=${encodeURIComponent(state.value)}` },
      });
      assert.equal(cb.statusCode, 303, cb.body);
      assert.equal(cb.headers.location, "/audit");
      const session = cb.cookies.find((c) => c.name === "vaxel_session")!;
      const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: `vaxel_session=${session.value}` } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().username, "anna.t");
      assert.deepEqual(me.json().roles, []);
    }
    const users = await t.db.pool.query("select count(*)::int as n from users where oidc_subject = 'anna-sso-subject'");
    assert.equal(users.rows[0].n, 1);
  });

  test("a callback with a forged state is refused", async () => {
    const start = await t.app.inject({ method: "GET", url: "/auth/oidc/start" });
    const saved = JSON.parse(decodeURIComponent(start.cookies.find((c) => c.name === "vaxel_oidc")!.value));
    const callback = await walkProvider(String(start.headers.location), issuer);
    const forged = encodeURIComponent(JSON.stringify({ ...saved, state: "forged" }));
    const cb = await t.app.inject({ method: "GET", url: callback.slice(PUBLIC_URL.length), headers: { cookie: `vaxel_oidc=${forged}` } });
    assert.equal(cb.statusCode, 401);
    assert.equal(cb.cookies.find((c) => c.name === "vaxel_session"), undefined);
  });
});
