// Directory test factories: an API client with a bearer token, and a small
// published directory (contact center + one unit) to build on.
import type { TestApp } from "./app.ts";

/** A parsed JSON body, as loosely typed as JSON.parse's. */
export type JsonBody = ReturnType<typeof JSON.parse>;

export interface Api {
  token: string;
  get(url: string, headers?: Record<string, string>): Promise<{ status: number; body: JsonBody; headers: Record<string, unknown>; text: string }>;
  send(method: "POST" | "PUT" | "DELETE", url: string, payload?: unknown): Promise<{ status: number; body: JsonBody }>;
}

export async function apiFor(t: TestApp, token: string): Promise<Api> {
  return {
    token,
    async get(url, headers = {}) {
      const r = await t.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}`, ...headers } });
      let body: unknown;
      try {
        body = r.json();
      } catch {
        body = undefined;
      }
      return { status: r.statusCode, body, headers: r.headers, text: r.body };
    },
    async send(method, url, payload) {
      const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
      return { status: r.statusCode, body: r.body ? r.json() : undefined };
    },
  };
}

export const ALL_SCOPES = ["directory:read", "directory:write", "directory:publish"];

export interface Seeded {
  api: Api;
  centerId: string;
  centerEmailId: string;
  centerPhoneId: string;
  unitId: string;
}

/** Contact center (mailbox + phone in the 031-365 series) and one unit "Bygglov", all published. */
export async function seedDirectory(t: TestApp): Promise<Seeded> {
  const api = await apiFor(t, await t.token(t.admin.id, ALL_SCOPES));
  const ok = (r: { status: number; body: JsonBody }, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const center = ok(await api.send("POST", "/api/v1/directory/units", { parentId: null, kind: "enhet", name: "Kontaktcenter" }), "center");
  ok(
    await api.send("PUT", "/api/v1/directory/profile", {
      name: "Testkommun",
      domains: ["testkommun.se"],
      numberSeries: [{ prefix: "+4631365" }],
      contactCenterUnitId: center.id,
      calendar: { closedOnPublicHolidays: true, closedEves: ["julafton", "nyarsafton", "midsommarafton"], reducedHoursBeforeHolidays: null, bridgeDays: [] },
    }),
    "profile",
  );
  const email = ok(await api.send("POST", "/api/v1/directory/contact-points", { unitId: center.id, kind: "email", address: "kontaktcenter@testkommun.se", label: "Kontaktcenter" }), "email");
  const phone = ok(await api.send("POST", "/api/v1/directory/contact-points", { unitId: center.id, kind: "phone", number: "031-365 00 00", label: "Växel" }), "phone");
  const unit = ok(await api.send("POST", "/api/v1/directory/units", { parentId: null, kind: "forvaltning", name: "Bygglov", description: "Bygglov och marklov" }), "unit");
  ok(await api.send("POST", "/api/v1/directory/publish", {}), "publish");
  return { api, centerId: center.id, centerEmailId: email.id, centerPhoneId: phone.id, unitId: unit.id };
}
