// The directory through the real HTTP stack and a real PostgreSQL: the
// principles on every write, drafts → publish → live, scheduled changes,
// history and restore, the change feed with tombstones, conditional GET.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { ALL_SCOPES, apiFor, seedDirectory, type Seeded } from "./helpers/directory.ts";

describe("directory API", () => {
  let t: TestApp;
  let s: Seeded;
  before(async () => {
    t = await buildTestApp();
    s = await seedDirectory(t);
  });

  test("a personal mailbox is refused with personal-contact, and nothing is stored", async () => {
    const r = await s.api.send("POST", "/api/v1/directory/contact-points", { unitId: s.unitId, kind: "email", address: "anna.svensson@testkommun.se" });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, "principle_violation");
    const v = r.body.error.context.violations;
    assert.equal(v[0].ruleId, "personal-contact");
    assert.match(v[0].message_sv, /person/i);
    const drafts = await s.api.get("/api/v1/directory/drafts");
    assert.deepEqual(drafts.body, []);
  });

  test("an external actor cannot carry a phone (external-contact); name + website is accepted", async () => {
    const bad = await s.api.send("POST", "/api/v1/directory/external-actors", { name: "Trafikverket", websiteUrl: "https://www.trafikverket.se/", phone: "0771-921 921", publish: true });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.context.violations.some((x: { ruleId: string; path: string }) => x.ruleId === "external-contact" && x.path === "phone"));
    const good = await s.api.send("POST", "/api/v1/directory/external-actors", { name: "Trafikverket", websiteUrl: "https://www.trafikverket.se/", publish: true });
    assert.equal(good.status, 201, JSON.stringify(good.body));
    const cols = await t.db.pool.query("select column_name from information_schema.columns where table_name = 'dir_external_actor_versions'");
    const names = cols.rows.map((r: { column_name: string }) => r.column_name);
    assert.ok(!names.some((n: string) => /phone|email|mail|street|postcode/.test(n)), names.join(","));
  });

  test("a mobile number needs a confirmed reason to count as a functional phone, and the confirmation is audited", async () => {
    const bare = await s.api.send("POST", "/api/v1/directory/contact-points", { unitId: s.unitId, kind: "phone", number: "070-123 45 67", label: "Jourtelefon" });
    assert.equal(bare.status, 422);
    assert.ok(bare.body.error.context.violations.some((v: { ruleId: string }) => v.ruleId === "personal-contact"), JSON.stringify(bare.body));
    const confirmed = await s.api.send("POST", "/api/v1/directory/contact-points", { unitId: s.unitId, kind: "phone", number: "070-123 45 67", label: "Jourtelefon", mobileReason: "Jourmobil som bärs av den som har beredskap, dygnet runt" });
    assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
    const audit = await t.db.pool.query("select actor_label, after from audit_events where org_id = $1 and action = 'directory.contact_point.mobile_confirmed' and target_id = $2", [t.org.id, confirmed.body.id]);
    assert.equal(audit.rows.length, 1);
    assert.match(audit.rows[0].after.reason, /Jourmobil/);
    await s.api.send("DELETE", `/api/v1/directory/contact-points/${confirmed.body.id}/draft`);
  });

  test("a number outside the organisation's series is refused as external-contact", async () => {
    const r = await s.api.send("POST", "/api/v1/directory/contact-points", { unitId: s.unitId, kind: "phone", number: "08-123 456 78" });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.context.violations[0].ruleId, "external-contact");
  });

  test("a unit without contacts falls back to the contact center (shown, not refused)", async () => {
    const card = await t.app.inject({ method: "GET", url: `/api/v1/directory/units/${s.unitId}` });
    assert.equal(card.statusCode, 200);
    const body = card.json();
    assert.equal(body.contactPoints.length, 0);
    assert.equal(body.reachable.role, "contact_center");
    assert.equal(body.reachable.email, "kontaktcenter@testkommun.se");
    assert.equal(body.reachable.phone.display, "031-365 00 00");
    assert.equal(card.headers["cache-control"], "public, max-age=0, must-revalidate");
    assert.equal(card.headers["x-content-type-options"], "nosniff");
    assert.equal(card.headers["content-security-policy"], "default-src 'none'; frame-ancestors 'none'");
    assert.equal(card.headers["access-control-allow-origin"], "*");
  });

  test("conditional GET: If-None-Match and If-Modified-Since answer 304", async () => {
    const url = `/api/v1/directory/units/${s.centerId}`;
    const first = await t.app.inject({ method: "GET", url });
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    const again = await t.app.inject({ method: "GET", url, headers: { "if-none-match": etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, "");
    const since = await t.app.inject({ method: "GET", url, headers: { "if-modified-since": String(first.headers["last-modified"]) } });
    assert.equal(since.statusCode, 304);
    const stale = await t.app.inject({ method: "GET", url, headers: { "if-none-match": '"other"' } });
    assert.equal(stale.statusCode, 200);
  });

  test("publishing a new phone number changes the card on the next request; drafts stay private", async () => {
    const url = `/api/v1/directory/units/${s.centerId}`;
    const snippet = `/embed/directory/units/${s.centerId}/card.html`;
    const etag = String((await t.app.inject({ method: "GET", url })).headers.etag);
    assert.match((await t.app.inject({ method: "GET", url: snippet })).body, /031-365 00 00/);
    const draft = await s.api.send("PUT", `/api/v1/directory/contact-points/${s.centerPhoneId}`, { unitId: s.centerId, kind: "phone", number: "031-365 10 00", label: "Växel" });
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    assert.equal(draft.body.state, "draft");
    const still = await t.app.inject({ method: "GET", url, headers: { "if-none-match": etag } });
    assert.equal(still.statusCode, 304, "a draft is not public");
    assert.equal((await s.api.send("DELETE", `/api/v1/directory/contact-points/${s.centerPhoneId}/draft`)).status, 204, "a draft can be discarded");
    assert.equal((await s.api.send("POST", "/api/v1/directory/publish", { items: [{ kind: "contact_point", id: s.centerPhoneId }] })).status, 404, "nothing left to publish");
    await s.api.send("PUT", `/api/v1/directory/contact-points/${s.centerPhoneId}`, { unitId: s.centerId, kind: "phone", number: "031-365 10 00", label: "Växel" });
    const pub = await s.api.send("POST", "/api/v1/directory/publish", { items: [{ kind: "contact_point", id: s.centerPhoneId }] });
    assert.equal(pub.status, 200, JSON.stringify(pub.body));
    const next = await t.app.inject({ method: "GET", url, headers: { "if-none-match": etag } });
    assert.equal(next.statusCode, 200);
    const phone = next.json().contactPoints.find((c: { kind: string }) => c.kind === "phone");
    assert.deepEqual(phone.phone, { e164: "+46313651000", display: "031-365 10 00" });
    const embedded = (await t.app.inject({ method: "GET", url: snippet })).body;
    assert.match(embedded, /href="tel:\+46313651000">031-365 10 00</, "the embedded card changes on the next request too");
  });

  test("a scheduled change goes live by itself at effective_at and then enters the feed", async () => {
    const url = `/api/v1/directory/units/${s.centerId}`;
    const at = new Date(Date.now() + 1500).toISOString();
    const r = await s.api.send("PUT", `/api/v1/directory/contact-points/${s.centerPhoneId}`, { unitId: s.centerId, kind: "phone", number: "031-365 20 00", label: "Växel", publish: true, effectiveAt: at });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.state, "scheduled");
    const phoneNow = async () => (await t.app.inject({ method: "GET", url })).json().contactPoints.find((c: { kind: string }) => c.kind === "phone").phone.display;
    assert.equal(await phoneNow(), "031-365 10 00");
    const feedBefore = (await t.app.inject({ method: "GET", url: "/api/v1/directory/changes?since=0" })).json();
    await new Promise((res) => setTimeout(res, 1700));
    assert.equal(await phoneNow(), "031-365 20 00");
    await t.app.directory.tick();
    const feedAfter = (await t.app.inject({ method: "GET", url: `/api/v1/directory/changes?since=${feedBefore.lastSeq}` })).json();
    assert.deepEqual(feedAfter.changes.map((c: { id: string; op: string }) => [c.id, c.op]), [[s.centerPhoneId, "upsert"]]);
  });

  test("history shows field diffs; restore brings an old version back as a new one", async () => {
    const h = await s.api.get(`/api/v1/directory/contact-points/${s.centerPhoneId}/history`);
    assert.equal(h.status, 200);
    const versions = h.body.versions;
    assert.ok(versions.length >= 3);
    const change = versions[0].changes.find((c: { path: string }) => c.path === "number");
    assert.deepEqual([change.label_sv, change.before, change.after], ["Telefonnummer", "031-365 10 00", "031-365 20 00"]);
    const first = versions[versions.length - 1].version;
    const restored = await s.api.send("POST", `/api/v1/directory/contact-points/${s.centerPhoneId}/restore`, { version: first, publish: true });
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    const card = (await t.app.inject({ method: "GET", url: `/api/v1/directory/units/${s.centerId}` })).json();
    assert.equal(card.contactPoints.find((c: { kind: string }) => c.kind === "phone").phone.display, "031-365 00 00");
    const audit = await t.db.pool.query("select action from audit_events where org_id = $1 and target_id = $2 order by seq", [t.org.id, s.centerPhoneId]);
    const actions = audit.rows.map((x: { action: string }) => x.action);
    for (const a of ["directory.contact_point.draft_saved", "directory.contact_point.published", "directory.contact_point.scheduled", "directory.contact_point.restored"]) assert.ok(actions.includes(a), a);
  });

  test("deleting is a tombstone in the change feed; the contact center's last contacts cannot go", async () => {
    const unit = await s.api.send("POST", "/api/v1/directory/units", { parentId: null, kind: "enhet", name: "Tillfällig enhet", publish: true });
    assert.equal(unit.status, 201, JSON.stringify(unit.body));
    const seq = (await t.app.inject({ method: "GET", url: "/api/v1/directory/changes" })).json().lastSeq;
    const del = await s.api.send("DELETE", `/api/v1/directory/units/${unit.body.id}?publish=true`);
    assert.equal(del.status, 200, JSON.stringify(del.body));
    const feed = (await t.app.inject({ method: "GET", url: `/api/v1/directory/changes?since=${seq}` })).json();
    assert.deepEqual(feed.changes.map((c: { id: string; op: string; kind: string }) => [c.kind, c.id, c.op]), [["unit", unit.body.id, "delete"]]);
    assert.equal((await t.app.inject({ method: "GET", url: `/api/v1/directory/units/${unit.body.id}` })).statusCode, 404);
    // Removing every contact of the contact center would leave units with nowhere to turn.
    await s.api.send("DELETE", `/api/v1/directory/contact-points/${s.centerEmailId}`);
    await s.api.send("DELETE", `/api/v1/directory/contact-points/${s.centerPhoneId}`);
    const refused = await s.api.send("POST", "/api/v1/directory/publish", {});
    assert.equal(refused.status, 422);
    assert.ok(refused.body.error.context.violations.some((v: { ruleId: string }) => v.ruleId === "no-reachable-contact"));
    await s.api.send("POST", "/api/v1/directory/contact-points/" + s.centerEmailId + "/restore", { version: 1 });
  });

  test("concurrent saves and publishes of one entity do not fail or deadlock", async () => {
    const url = `/api/v1/directory/contact-points/${s.centerEmailId}`;
    const calls = [];
    for (let i = 0; i < 6; i++) {
      calls.push(s.api.send("PUT", url, { unitId: s.centerId, kind: "email", address: "kontaktcenter@testkommun.se", label: `Kontaktcenter ${i}`, publish: i % 2 === 0 }));
      calls.push(s.api.send("POST", "/api/v1/directory/publish", {}));
    }
    const statuses = (await Promise.all(calls)).map((r) => r.status);
    assert.ok(statuses.every((c) => c < 500), statuses.join(","));
    assert.ok(statuses.filter((c) => c === 200).length >= 6);
  });

  test("a role on one unit covers that unit only", async () => {
    const u = await t.user([], "unit-editor");
    await t.db.pool.query("insert into role_assignments (org_id, user_id, role, unit_id) values ($1, $2, 'editor', $3)", [t.org.id, u.id, s.unitId]);
    const api = await apiFor(t, await t.token(u.id, ALL_SCOPES));
    const own = await api.send("POST", "/api/v1/directory/contact-points", { unitId: s.unitId, kind: "email", address: "bygglov@testkommun.se" });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const other = await api.send("POST", "/api/v1/directory/contact-points", { unitId: s.centerId, kind: "email", address: "info@testkommun.se" });
    assert.equal(other.status, 403);
    const actor = await api.send("POST", "/api/v1/directory/external-actors", { name: "Skatteverket", websiteUrl: "https://www.skatteverket.se/" });
    assert.equal(actor.status, 403);
  });

  test("search uses Swedish stemming", async () => {
    const unit = await s.api.send("POST", "/api/v1/directory/units", { parentId: null, kind: "enhet", name: "Förskola Norr", publish: true });
    assert.equal(unit.status, 201);
    const r = await t.app.inject({ method: "GET", url: "/api/v1/directory/search?q=f%C3%B6rskolor" });
    assert.equal(r.statusCode, 200);
    assert.ok(r.json().hits.some((h: { id: string }) => h.id === unit.body.id), r.body);
    const gator = (await t.app.inject({ method: "GET", url: "/api/v1/directory/search?q=marklov" })).json();
    assert.ok(gator.hits.some((h: { id: string }) => h.id === s.unitId), "description is searched");
    const prefix = (await t.app.inject({ method: "GET", url: "/api/v1/directory/search?q=kontaktc" })).json();
    assert.ok(prefix.hits.some((h: { id: string }) => h.id === s.centerId));
  });

  test("the API is documented in OpenAPI", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/docs/json" })).json();
    for (const p of ["/api/v1/directory/units/{id}", "/api/v1/directory/contact-points", "/api/v1/directory/changes", "/hsds/services"]) assert.ok(doc.paths[p], p);
    assert.ok(doc.paths["/api/v1/directory/units/{id}"].get.responses["200"].content["application/json"].schema.properties.reachable);
  });
});
