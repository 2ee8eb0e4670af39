// Search over the records through the real HTTP stack: Swedish stemming,
// phrases, prefixes, metadata filters, masking of personal data and the
// audited unmasked read.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
let registrar: string;
let moderator: string;

before(async () => {
  t = await buildTestApp();
  await seedCapturedComments(t.db.pool, randomBytes(32), {
    orgId: t.org.id,
    comments: [
      { id: "p1", kind: "post", text: "Simhallen öppnar igen i maj efter renoveringen!", author: "Staden", at: "2026-04-28T08:00:00Z" },
      { id: "c1", postId: "p1", text: "Äntligen! Vilka öppettider gäller för simhallen?", author: "Anna Svensson", at: "2026-05-02T10:00:00Z" },
      { id: "c2", postId: "p1", text: "Mitt personnummer är 19121212-1212, ring mig om simhallarna.", author: "Bo Ek", at: "2026-05-03T11:00:00Z" },
      { id: "c3", postId: "p1", text: "Simhallens bastu var kall i juni.", author: "Cecilia Öberg", at: "2026-06-04T12:00:00Z" },
      { id: "c4", postId: "p9", text: "Parkeringen vid biblioteket är full.", author: "Anna Svensson", at: "2026-05-05T12:00:00Z" },
    ],
  });
  const token = async (roles: ("registrar" | "moderator")[]) => {
    const u = await t.user(roles);
    return t.token(u.id, ["records:read", "records:unmask"]);
  };
  registrar = await token(["registrar"]);
  moderator = await token(["moderator"]);
});

async function search(qs: string, tok = registrar) {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/records/search?${qs}`, headers: { authorization: `Bearer ${tok}` } });
  return { status: res.statusCode, body: res.json() as { hits: { platformItemId: string; text: string; masked: number }[] } };
}
const ids = (r: Awaited<ReturnType<typeof search>>) => r.body.hits.map((h) => h.platformItemId).sort();

test("Swedish stemming: simhall finds simhallen, simhallens and simhallarna", async () => {
  assert.deepEqual(ids(await search("q=simhall")), ["c1", "c2", "c3", "p1"]);
});

test("phrases, prefixes, OR and exclusion", async () => {
  assert.deepEqual(ids(await search(`q=${encodeURIComponent('"öppettider gäller"')}`)), ["c1"]);
  assert.deepEqual(ids(await search(`q=${encodeURIComponent('"gäller öppettider"')}`)), []);
  assert.deepEqual(ids(await search("q=parker*")), ["c4"]);
  assert.deepEqual(ids(await search(`q=${encodeURIComponent("bastu OR parkeringen")}`)), ["c3", "c4"]);
  assert.deepEqual(ids(await search(`q=${encodeURIComponent("simhall -bastu -personnummer")}`)), ["c1", "p1"]);
});

test("all comments on the swimming-hall post in May: post, kind and period filters", async () => {
  assert.deepEqual(ids(await search("post=p1&from=2026-05-01&to=2026-05-31")), ["c1", "c2"]);
  assert.deepEqual(ids(await search("author=anna&from=2026-05-01")), ["c1", "c4"]);
  assert.deepEqual(ids(await search("q=cecilia")), ["c3"]);
});

test("personal data is masked; an unmasked read needs records:unmask and is audited", async () => {
  const masked = await search("q=personnummer");
  assert.equal(masked.body.hits[0]?.text, "Mitt personnummer är [personnummer], ring mig om simhallarna.");
  assert.equal(masked.body.hits[0]?.masked, 1);
  assert.equal((await search("q=personnummer&unmask=true", moderator)).status, 403);
  const open = await search("q=personnummer&unmask=true");
  assert.match(open.body.hits[0]!.text, /19121212-1212/);
  const audit = await t.db.pool.query("select after from audit_events where org_id = $1 and action = 'records.unmasked_read'", [t.org.id]);
  assert.equal(audit.rowCount, 1);
});

test("the search page escapes, marks matches and masks", async () => {
  const u = await t.user(["registrar"]);
  const { cookie } = await t.login(u.username, u.password);
  const res = await t.app.inject({ method: "GET", url: "/records/search?q=personnummer", headers: { cookie } });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<mark>personnummer<\/mark>/);
  assert.match(res.body, /\[personnummer\]/);
  assert.doesNotMatch(res.body, /19121212-1212/);
});
