// What other channels read: HSDS 3.0 (validated against the official schemas),
// the vCard download, and signed webhooks with retries and a delivery log.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { before, describe, test } from "node:test";
import { hsdsPageValidator, hsdsValidator } from "../src/directory/domain/hsds/schema-validator.test-support.ts";
import { DEMO_IDS } from "../src/directory/domain/index.ts";
import { seedDemoDirectory } from "../src/directory/demo-seeder.ts";
import { deliverDueWebhooks, SIGNATURE_HEADER } from "../src/directory/feed/webhooks.ts";
import { buildApp } from "../src/app.ts";
import { createPool } from "../src/platform/db/pool.ts";
import { createLogger } from "../src/platform/logging.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { onCleanup } from "./helpers/db.ts";
import { ALL_SCOPES, apiFor, type Api } from "./helpers/directory.ts";

/** A plain boolean (ajv's validators are type guards that would narrow the body to unknown). */
function valid(validate: (x: unknown) => boolean, x: unknown): boolean {
  return validate(x) === true;
}

describe("directory feeds", () => {
  let t: TestApp;
  let api: Api;
  before(async () => {
    t = await buildTestApp({ config: { dataDir: "/tmp/vaxel-directory-test-data" } });
    await seedDemoDirectory(t.db.pool, t.org.id);
    api = await apiFor(t, await t.token(t.admin.id, ALL_SCOPES));
  });

  test("/hsds/services and /hsds/organizations validate against HSDS 3.0, with paging", async () => {
    const validatePage = hsdsPageValidator();
    const validateService = hsdsValidator("service.json");
    const validateOrganization = hsdsValidator("organization.json");
    const page = await t.app.inject({ method: "GET", url: "/hsds/services?per_page=2" });
    assert.equal(page.statusCode, 200);
    const body = page.json();
    assert.ok(valid(validatePage, body), JSON.stringify(validatePage.errors));
    assert.deepEqual([body.total_items, body.total_pages, body.page_number, body.size, body.first_page, body.last_page], [3, 2, 1, 2, true, false]);
    const page2 = (await t.app.inject({ method: "GET", url: "/hsds/services?per_page=2&page=2&full=true" })).json();
    assert.equal(page2.contents.length, 1);
    for (const s of [...body.contents, ...page2.contents]) assert.ok(valid(validateService, s), JSON.stringify(validateService.errors));
    const one = (await t.app.inject({ method: "GET", url: `/hsds/services/${DEMO_IDS.serviceForskoleplats}` })).json();
    assert.ok(valid(validateService, one), JSON.stringify(validateService.errors));
    // Förskoleplats is answered by the contact center first: its phone, not the preschool's.
    assert.equal(one.phones[0].number, "+46520495000");
    assert.deepEqual(one.contacts, []);
    const orgs = (await t.app.inject({ method: "GET", url: "/hsds/organizations?per_page=100" })).json();
    assert.ok(valid(validatePage, orgs));
    for (const o of orgs.contents) assert.ok(valid(validateOrganization, o), JSON.stringify(validateOrganization.errors));
    const kc = (await t.app.inject({ method: "GET", url: `/hsds/organizations/${DEMO_IDS.kontaktcenter}` })).json();
    assert.ok(valid(validateOrganization, kc));
    assert.equal(kc.locations[0].addresses[0].address_1, "Gärdhemsvägen 9");
  });

  test("a conditional GET of /hsds/services answers 304", async () => {
    const first = await t.app.inject({ method: "GET", url: "/hsds/services" });
    assert.ok(first.headers["cache-control"]);
    const again = await t.app.inject({ method: "GET", url: "/hsds/services", headers: { "if-none-match": String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });

  test("a second Växel process on the same database sees a publish within a second (LISTEN/NOTIFY)", async () => {
    // Its own pool, as a second process would have.
    const pool = createPool(t.db.url, 4);
    onCleanup(() => pool.end());
    const other = await buildApp({ cfg: t.cfg, pool, logger: createLogger("silent") });
    await other.ready();
    onCleanup(() => other.close());
    const url = `/api/v1/directory/units/${DEMO_IDS.bygglov}`;
    const mailbox = async () => (await other.inject({ method: "GET", url })).json().contactPoints.map((c: { value: string }) => c.value);
    assert.deepEqual(await mailbox(), ["bygglov@trollhattan.se"], "the other process has the card cached");
    const r = await api.send("POST", "/api/v1/directory/contact-points", { unitId: DEMO_IDS.bygglov, kind: "phone", number: "0520-49 60 00", label: "Bygglov", publish: true });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const t0 = Date.now();
    while (Date.now() - t0 < 1000 && (await mailbox()).length === 1) await new Promise((res) => setTimeout(res, 20));
    assert.deepEqual(await mailbox(), ["0520-49 60 00", "bygglov@trollhattan.se"], `within ${Date.now() - t0} ms`);
  });

  test("import over HTTP: a CSV with a personal mailbox is refused by row; the HSDS export imports back", async () => {
    const csv = await t.app.inject({
      method: "POST",
      url: "/api/v1/directory/import",
      headers: { authorization: `Bearer ${api.token}`, "content-type": "text/csv" },
      payload: "type,unit,contact_kind,value\ncontact_point,Bygglov,email,anna.svensson@trollhattan.se\n",
    });
    assert.equal(csv.statusCode, 422, csv.body);
    assert.deepEqual(csv.json().error.context.violations.map((v: { ref: string; ruleId: string }) => [v.ref, v.ruleId]), [["rad 2", "personal-contact"]]);
    const exported = (await t.app.inject({ method: "GET", url: "/hsds/organizations?per_page=100" })).json().contents;
    const services = await Promise.all((await t.app.inject({ method: "GET", url: "/hsds/services" })).json().contents.map(async (s: { id: string }) => (await t.app.inject({ method: "GET", url: `/hsds/services/${s.id}` })).json()));
    const back = await t.app.inject({ method: "POST", url: "/api/v1/directory/import?dryRun=true", headers: { authorization: `Bearer ${api.token}` }, payload: { organizations: exported, services } });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json().counts.services, 3);
  });

  test("vCard download of a unit", async () => {
    const r = await t.app.inject({ method: "GET", url: `/api/v1/directory/units/${DEMO_IDS.kontaktcenter}/vcard` });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers["content-type"]), /text\/vcard/);
    assert.match(r.body, /BEGIN:VCARD/);
    assert.match(r.body, /\+46520495000/);
    assert.match(String(r.headers["content-disposition"]), /attachment/);
  });

  test("webhooks are signed (HMAC-SHA256 over the raw body), retried with backoff, and logged", async () => {
    const received: { body: string; signature: string }[] = [];
    let calls = 0;
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        calls++;
        received.push({ body, signature: String(req.headers[SIGNATURE_HEADER]) });
        res.statusCode = calls === 1 ? 503 : 204; // the first attempt fails
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    onCleanup(() => new Promise((r) => server.close(r)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const secret = "a-test-secret-of-enough-length";
    const created = await api.send("POST", "/api/v1/directory/webhooks", { url, secret, description: "test" });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const changed = await api.send("PUT", "/api/v1/directory/external-actors/" + DEMO_IDS.actorLansstyrelsen, { name: "Länsstyrelsen i Västra Götalands län", websiteUrl: "https://www.lansstyrelsen.se/vastra-gotaland", publish: true });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const key = t.app.directory.key;
    const deadline = Date.now() + 5000;
    while (calls < 2 && Date.now() < deadline) {
      await deliverDueWebhooks({ pool: t.db.pool, key, retryBaseMs: 100 });
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(calls, 2, "one failure, one retry");
    const last = received[1]!;
    assert.equal(last.signature, `sha256=${createHmac("sha256", secret).update(last.body).digest("hex")}`);
    const payload = JSON.parse(last.body);
    assert.equal(payload.type, "directory.changed");
    assert.deepEqual(payload.changes.map((c: { id: string; op: string }) => [c.id, c.op]), [[DEMO_IDS.actorLansstyrelsen, "upsert"]]);
    const log = await api.get(`/api/v1/directory/webhooks/${created.body.webhook.id}/deliveries`);
    assert.equal(log.body[0].state, "delivered");
    assert.equal(log.body[0].attempts, 2);
    assert.equal(log.body[0].lastStatus, 204);
    const stored = await t.db.pool.query("select secret_enc from dir_webhooks");
    assert.ok(!String(stored.rows[0].secret_enc).includes(secret), "the secret is encrypted at rest");
  });
});
