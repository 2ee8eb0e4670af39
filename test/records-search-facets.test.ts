// The author and category filters run through record_search.facets and the
// two-column GIN index (migration 0473), keeping their meaning: the author is
// a case-insensitive prefix of the name (any characters, any length), the
// category an analyzer label; combined with Swedish full text.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { refreshSearchIndex } from "../src/records/search/refresh-search-index.ts";
import { searchRecords, searchWhere, type SearchRecordsInput } from "../src/records/search/search-records.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { freshDatabase, type TestDb } from "./helpers/db.ts";

let db: TestDb;
let orgId: string;
const LONG = "Karl-Fredrik Johannes Alexander von Östergötland-Wachtmeister";

before(async () => {
  db = await freshDatabase();
  orgId = (await createOrganisation(db.pool, { slug: "facettkommun", name: "Facettkommun" })).id;
  await seedCapturedComments(db.pool, randomBytes(32), { orgId, comments: [
    { id: "c1", postId: "p1", text: "Simhallen är för kall.", author: "Åsa Öberg", at: "2026-05-01T10:00:00Z" },
    { id: "c2", postId: "p1", text: "Simhallarna behöver renoveras, idiot till politiker.", author: "Åsa Öbergsson", at: "2026-05-02T10:00:00Z" },
    { id: "c3", postId: "p1", text: "Simhallen är bra.", author: "O'Brien \\ Ek", at: "2026-05-03T10:00:00Z" },
    { id: "c4", postId: "p1", text: "Simhallen stänger tidigt.", author: LONG, at: "2026-05-04T10:00:00Z" },
    { id: "c5", postId: "p1", text: "Simhallen luktar klor.", author: `${LONG.slice(0, 45)}son`, at: "2026-05-05T10:00:00Z" },
    { id: "c6", postId: "p1", text: "Biblioteket är bra.", author: "Åsa Öberg", at: "2026-05-06T10:00:00Z" },
  ] });
  await refreshSearchIndex(db.pool, { orgId });
  await db.pool.query("update record_search set categories = '{insult}' where org_id = $1 and platform_item_id = 'c2'", [orgId]);
  await db.pool.query("update record_search set categories = '{profanity,insult}' where org_id = $1 and platform_item_id = 'c6'", [orgId]);
});

const ids = async (i: Omit<SearchRecordsInput, "orgId">) => (await searchRecords(db.pool, { ...i, orgId })).hits.map((h) => h.platformItemId).sort();

test("author: a case-insensitive prefix of the name, with å/ö, quotes, backslashes and names past 40 characters", async () => {
  assert.deepEqual(await ids({ author: "åsa öberg" }), ["c1", "c2", "c6"]);
  assert.deepEqual(await ids({ author: "ÅSA ÖBERGS" }), ["c2"]);
  assert.deepEqual(await ids({ author: "Öberg" }), [], "a prefix of the name, not of any word");
  assert.deepEqual(await ids({ author: "o'brien \\ e" }), ["c3"]);
  assert.deepEqual(await ids({ author: "o'brien \\\\" }), []);
  // Longer than the indexed prefixes: the exact test decides between the two long names.
  assert.deepEqual(await ids({ author: LONG.slice(0, 30) }), ["c4", "c5"]);
  assert.deepEqual(await ids({ author: LONG }), ["c4"]);
  assert.deepEqual(await ids({ author: `${LONG.slice(0, 45)}s` }), ["c5"]);
});

test("word + author and word + category keep Swedish stemming", async () => {
  assert.deepEqual(await ids({ q: "simhall", author: "åsa" }), ["c1", "c2"]);
  assert.deepEqual(await ids({ q: "simhall", category: "insult" }), ["c2"]);
  assert.deepEqual(await ids({ category: "insult" }), ["c2", "c6"]);
  assert.deepEqual(await ids({ category: "profanity", author: "åsa" }), ["c6"]);
  assert.deepEqual(await ids({ q: "\"till politiker\"", category: "insult", author: "Åsa" }), ["c2"]);
  assert.deepEqual(await ids({ q: "renov*", category: "insult" }), ["c2"]);
  assert.deepEqual(await ids({ q: "simhall", category: "threat" }), []);
  // A category id outside the label alphabet still filters (without the index).
  assert.deepEqual(await ids({ q: "simhall", category: "in sult" }), []);
});

test("the combined filters are index conditions of the two-column GIN index", async () => {
  const params: unknown[] = [];
  const { where } = searchWhere({ orgId, q: "simhall", author: "åsa", category: "insult" }, params);
  const client = await db.pool.connect();
  try {
    // Six rows: make the planner show what it can do with the GIN index, with
    // the btree indexes on org_id out of the way (inside a rolled-back transaction).
    await client.query("begin");
    await client.query("set local enable_seqscan = off");
    const other = await client.query<{ indexname: string }>(
      "select indexname from pg_indexes where tablename = 'record_search' and indexname not in ('record_search_tsv_facets', 'record_search_pkey')");
    for (const i of other.rows) await client.query(`drop index ${i.indexname}`);
    await client.query("alter table record_search drop constraint record_search_pkey");
    const plan = (await client.query(`explain select r.item_id from record_search r where ${where}`, params)).rows.map((r) => r["QUERY PLAN"] as string).join("\n");
    assert.match(plan, /Bitmap Index Scan on record_search_tsv_facets/);
    assert.match(plan, /Index Cond: .*tsv @@ .*facets @@ .*facets @@/);
  } finally {
    await client.query("rollback");
    client.release();
  }
});
