// Records requests withhold private individuals' names and handles: each is
// proposed for redaction (OSL 21:7) like a personnummer, the city's own
// accounts are not, the registrar accepts or rejects each proposal, and the
// exports and the kept log say what was withheld and on which ground.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { PRIVATE_AUTHOR, isPrivateAuthor } from "../src/records/redaction/private-author.ts";
import { createRecordsRequest } from "../src/records/requests/create-request.ts";
import { addRedaction, confirmRecordsRequest, decideRedaction } from "../src/records/requests/decide-redactions.ts";
import { requestCsv, withheldLog } from "../src/records/requests/export-request.ts";
import { loadRecordsRequest } from "../src/records/requests/load-request.ts";
import { selectRequestItems } from "../src/records/requests/select-items.ts";
import { requestPageBody } from "../src/records/web/requests-page.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { freshDatabase, type TestDb } from "./helpers/db.ts";

const actor = { id: null, label: "registrator" };
let db: TestDb;
let orgId: string;

before(async () => {
  db = await freshDatabase();
  orgId = (await createOrganisation(db.pool, { slug: "namnkommun", name: "Namnkommun" })).id;
  const s = await seedCapturedComments(db.pool, randomBytes(32), { orgId, comments: [
    { id: "p1", kind: "post", text: "Simhallen öppnar igen i maj!", author: "Staden", at: "2026-04-28T08:00:00Z" },
    { id: "c1", postId: "p1", text: "Äntligen! Vilka öppettider gäller?", author: "Anna Svensson", at: "2026-05-02T10:00:00Z" },
    { id: "c2", postId: "p1", text: "Vardagar 6–21, helger 8–18.", author: "Staden", at: "2026-05-02T11:00:00Z" },
    { id: "c3", postId: "p1", text: "Bra, då kommer jag på lördag.", author: "bosse_82", at: "2026-05-03T09:00:00Z" },
  ] });
  // The city answers as its Page: the comment's author is the channel's own account.
  await db.pool.query("update channels set external_id = 'u-Staden' where org_id = $1 and id = $2", [orgId, s.channel.id]);
});

test("who counts as a private individual", () => {
  const city = new Set(["page-1"]);
  assert.equal(isPrivateAuthor({ kind: "comment", authorPlatformId: "u-9", authorName: "Anna" }, city), true);
  assert.equal(isPrivateAuthor({ kind: "mention", authorPlatformId: "u-9", authorName: "@anna" }, city), true);
  assert.equal(isPrivateAuthor({ kind: "comment", authorPlatformId: "page-1", authorName: "Staden" }, city), false);
  assert.equal(isPrivateAuthor({ kind: "post", authorPlatformId: "u-9", authorName: "Staden" }, city), false);
  assert.equal(isPrivateAuthor({ kind: "reply", authorPlatformId: null, authorName: "Staden" }, city), false);
  assert.equal(isPrivateAuthor({ kind: "comment", authorPlatformId: "u-9", authorName: "  " }, city), false);
});

test("private authors' names are proposed, decided per proposal, and withheld with their ground", async () => {
  const { id } = await createRecordsRequest({ pool: db.pool }, { orgId, description: "Kommentarerna om simhallen i maj", receivedAt: "2026-06-01", actor });
  const sel = await selectRequestItems({ pool: db.pool }, { orgId, requestId: id, postQuery: "simhallen", selection: { kind: "comment" }, actor });
  assert.equal(sel.added, 3);
  let r = await loadRecordsRequest(db.pool, { orgId, requestId: id });
  const byId = (pid: string) => r.items.find((i) => i.platformItemId === pid)!;
  const authorProposals = (pid: string) => byId(pid).redactions.filter((x) => x.field === "author");
  // The two residents are proposed (a name and a handle); the city's own answer is not.
  assert.deepEqual(authorProposals("c1").map((x) => [byId("c1").authorName!.slice(x.start, x.end), x.kindSv, x.ground, x.state]),
    [["Anna Svensson", PRIVATE_AUTHOR.kindSv, "21 kap. 7 § OSL", "proposed"]]);
  assert.equal(authorProposals("c3").length, 1);
  assert.equal(authorProposals("c2").length, 0);
  // The review page marks the proposed name.
  assert.match(requestPageBody("sv", r, "x").value, /<mark id="r-[0-9a-f-]+" class="redaction-proposed">Anna Svensson<\/mark>/);

  // A redaction added by hand may cover the author's name: its span is checked against the name, not the text.
  await assert.rejects(addRedaction({ pool: db.pool }, { orgId, requestId: id, itemId: byId("c3").itemId, field: "author", start: 0, end: 20, kindSv: "användarnamn", ground: "21 kap. 7 § OSL", actor }), /validation_failed/);

  // The registrar judges the handle harmless and keeps it; the name is withheld on confirmation.
  await decideRedaction({ pool: db.pool }, { orgId, requestId: id, redactionId: authorProposals("c3")[0]!.id, decision: "rejected", actor });
  await confirmRecordsRequest({ pool: db.pool }, { orgId, requestId: id, actor });
  r = await loadRecordsRequest(db.pool, { orgId, requestId: id });

  const csv = requestCsv(r);
  assert.doesNotMatch(csv, /Anna Svensson/);
  assert.match(csv, /c1;[^;]*;[^;]*;comment;\[namn eller användarnamn på privatperson undantagen, 21 kap\. 7 § OSL\];Äntligen! Vilka öppettider gäller\?;namn eller användarnamn på privatperson \(21 kap\. 7 § OSL\)/);
  assert.match(csv, /c2;[^;]*;[^;]*;comment;Staden;/);
  assert.match(csv, /c3;[^;]*;[^;]*;comment;bosse_82;/);
  assert.deepEqual(withheldLog(r), [{ kindSv: PRIVATE_AUTHOR.kindSv, ground: "21 kap. 7 § OSL", count: 1, items: 1 }]);

  // The kept decision says what was withheld, from which field, on which ground.
  const kept = await db.pool.query<{ payload: { items: { platformItemId: string; withheld: { field: string; kind: string; ground: string }[] }[] } }>(
    "select payload from archive_entries where org_id = $1 and stream = 'records.requests'", [orgId]);
  const withheld = kept.rows[0]!.payload.items.flatMap((i) => i.withheld.map((w) => [i.platformItemId, w.field, w.kind, w.ground]));
  assert.deepEqual(withheld, [["c1", "author", PRIVATE_AUTHOR.kindSv, "21 kap. 7 § OSL"]]);
});
