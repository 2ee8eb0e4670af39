// The records request a registrar answers in minutes: "all comments on the
// swimming-hall post in May", with personnummer redacted on the proposal of
// the analyzer, a proposal rejected, a redaction added by hand, confirmation,
// and the PDF and CSV exports with the log of what was withheld on which ground.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
let tok: string;

before(async () => {
  t = await buildTestApp();
  await seedCapturedComments(t.db.pool, randomBytes(32), {
    orgId: t.org.id,
    comments: [
      { id: "p1", kind: "post", text: "Simhallen öppnar igen i maj efter renoveringen!", author: "Staden", at: "2026-04-28T08:00:00Z" },
      { id: "c1", postId: "p1", text: "Äntligen! Vilka öppettider gäller?", author: "Anna Svensson", at: "2026-05-02T10:00:00Z" },
      { id: "c2", postId: "p1", text: "Min son har personnummer 201212121212 och fick inget kort, ring 070-123 45 67.", author: "Bo Ek", at: "2026-05-03T11:00:00Z" },
      { id: "c3", postId: "p1", text: "Bastun var kall i juni.", author: "Cecilia Öberg", at: "2026-06-04T12:00:00Z" },
      { id: "c4", postId: "p9", text: "Parkeringen vid biblioteket är full.", author: "Dan Å", at: "2026-05-05T12:00:00Z" },
      { id: "c5", postId: "p1", text: "Jag heter Eva Ström och har diabetes, funkar bassängen för mig?", author: "Eva Ström", at: "2026-05-20T12:00:00Z" },
    ],
  });
  const u = await t.user(["registrar"]);
  tok = await t.token(u.id, ["records:request", "records:read"]);
});

async function api(method: "GET" | "POST", url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${tok}` }, ...(payload ? { payload: payload as object } : {}) });
}

test("all comments on the swimming-hall post in May, redacted, confirmed and exported", async () => {
  const created = await api("POST", "/api/v1/records/requests", { description: "Alla kommentarer på inlägget om simhallen i maj", receivedAt: "2026-06-10" });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  // Not before the secrecy review.
  assert.equal((await api("GET", `/api/v1/records/requests/${id}/export.csv`)).json().error.code, "records_request_not_confirmed");

  const sel = await api("POST", `/api/v1/records/requests/${id}/items`, { postQuery: "simhallen", kind: "comment", from: "2026-05-01", to: "2026-05-31" });
  assert.equal(sel.statusCode, 200, sel.body);
  assert.equal(sel.json().added, 3);
  type Red = { id: string; field: string; kindSv: string; ground: string; state: string; start: number; end: number };
  type Req = { items: { itemId: string; platformItemId: string; text: string; authorName: string; redactions: Red[] }[] };
  let req = (await api("GET", `/api/v1/records/requests/${id}`)).json() as Req;
  assert.deepEqual(req.items.map((i) => i.platformItemId), ["c1", "c2", "c5"]);
  const inText = (rs: Red[]) => rs.filter((r) => r.field === "text");
  // Every resident's name is proposed too (redaction/private-author.ts; the registrar decides).
  assert.deepEqual(req.items.map((i) => i.redactions.filter((r) => r.field === "author").map((r) => i.authorName.slice(r.start, r.end))), [["Anna Svensson"], ["Bo Ek"], ["Eva Ström"]]);
  const c2 = req.items[1]!;
  assert.deepEqual(inText(c2.redactions).map((r) => [c2.text.slice(r.start, r.end), r.kindSv, r.ground, r.state]), [
    ["201212121212", "personnummer", "21 kap. 7 § OSL", "proposed"],
    ["070-123 45 67", "privat telefonnummer", "21 kap. 7 § OSL", "proposed"],
  ]);
  // Health data about a named person is proposed under OSL 21:1.
  const c5 = req.items[2]!;
  assert.deepEqual(inText(c5.redactions).map((r) => [r.ground, r.state]), [["21 kap. 1 § OSL", "proposed"]]);
  // The registrar judges the phone number disclosable and adds a redaction of the name the analyzer did not propose.
  assert.equal((await api("POST", `/api/v1/records/requests/${id}/redactions/${inText(c2.redactions)[1]!.id}`, { decision: "rejected" })).statusCode, 204);
  const start = c5.text.indexOf("Eva Ström");
  assert.equal((await api("POST", `/api/v1/records/requests/${id}/redactions`, { itemId: c5.itemId, start, end: start + 9, kindSv: "namn", ground: "21 kap. 1 § OSL" })).statusCode, 201);
  assert.equal((await api("POST", `/api/v1/records/requests/${id}/confirm`)).statusCode, 204);
  // Confirmed: frozen.
  assert.equal((await api("POST", `/api/v1/records/requests/${id}/items`, { q: "parkeringen" })).statusCode, 409);
  req = (await api("GET", `/api/v1/records/requests/${id}`)).json() as Req;
  assert.deepEqual(req.items[1]!.redactions.map((r) => r.state), ["confirmed", "rejected", "confirmed"]);

  const csv = await api("GET", `/api/v1/records/requests/${id}/export.csv`);
  assert.equal(csv.statusCode, 200);
  assert.doesNotMatch(csv.body, /201212121212/);
  assert.doesNotMatch(csv.body, /diabetes/);
  assert.match(csv.body, /Min son har personnummer \[personnummer undantagen, 21 kap\. 7 § OSL\] och fick inget kort, ring 070-123 45 67\.;"personnummer \(21 kap\. 7 § OSL\); namn eller användarnamn på privatperson \(21 kap\. 7 § OSL\)"/);
  assert.match(csv.body, /Jag heter \[namn undantagen, 21 kap\. 1 § OSL\] och \[uppgift om hälsa eller sexualliv undantagen, 21 kap\. 1 § OSL\], funkar bassängen för mig\?/);

  const pdf = await api("GET", `/api/v1/records/requests/${id}/export.pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), "%PDF-");
  assert.ok(pdf.rawPayload.includes(Buffer.from("DejaVuSans")), "a Unicode font that renders å/ä/ö is embedded");
  assert.ok(!pdf.rawPayload.includes(Buffer.from("201212121212")));

  // The decision and the log of what was withheld are kept in the archive chain; the reads were audited.
  const kept = await t.db.pool.query("select payload from archive_entries where org_id = $1 and stream = 'records.requests'", [t.org.id]);
  const withheld = (kept.rows[0].payload.items as { withheld: { kind: string; ground: string }[] }[]).flatMap((i) => i.withheld.map((w) => `${w.kind}/${w.ground}`));
  assert.deepEqual(withheld.sort(), ["namn eller användarnamn på privatperson/21 kap. 7 § OSL", "namn eller användarnamn på privatperson/21 kap. 7 § OSL",
    "namn eller användarnamn på privatperson/21 kap. 7 § OSL", "namn/21 kap. 1 § OSL", "personnummer/21 kap. 7 § OSL", "uppgift om hälsa eller sexualliv/21 kap. 1 § OSL"]);
  const reads = await t.db.pool.query("select count(*)::int as n from audit_events where org_id = $1 and action = 'records.unmasked_read'", [t.org.id]);
  assert.equal(reads.rows[0].n, 2);
});

test("the request pages work without JavaScript", async () => {
  const u = await t.user(["registrar"]);
  const { cookie, csrf } = await t.login(u.username, u.password);
  const form = (url: string, body: Record<string, string>) => t.app.inject({ method: "POST", url, headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams({ ...body, _csrf: csrf }).toString() });
  const created = await form("/records/requests", { description: "Kommentarer om parkering", requester: "" });
  assert.equal(created.statusCode, 303);
  const url = created.headers.location as string;
  assert.equal((await form(`${url}/select`, { q: "parkeringen", kind: "comment", postQuery: "", from: "", to: "" })).statusCode, 303);
  const pageRes = await t.app.inject({ method: "GET", url, headers: { cookie } });
  assert.equal(pageRes.statusCode, 200);
  assert.match(pageRes.body, /Parkeringen vid biblioteket är full\./);
  assert.equal((await form(`${url}/confirm`, {})).statusCode, 303);
  assert.match((await t.app.inject({ method: "GET", url, headers: { cookie } })).body, /export\.pdf/);
});
