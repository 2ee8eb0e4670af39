// Automatic actions from the page rules work from a list of what waits
// (moderation_auto_pending), written with the analysis: a run costs what is
// waiting, not the history, and nothing is acted on twice.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { applyAutomaticActions } from "../src/moderation/index.ts";
import { addBareChannel, seedAnalysedItems, testFinding } from "../src/moderation/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
let channelId: string;
const hideFinding = { ...testFinding("personal_data"), action: "hide" as const };
const pending = async () => (await t.db.pool.query<{ n: number }>("select count(*)::int as n from moderation_auto_pending where org_id = $1", [t.org.id])).rows[0]!.n;

before(async () => {
  t = await buildTestApp({ config: { workers: false } });
  channelId = await addBareChannel(t.db.pool, t.org.id);
});

test("an analysis asking to hide is on the list; acting takes it off; a second run finds nothing", async () => {
  const ids = await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 3, text: (i) => `Personnummer ${i}`, labels: ["personal_data"], action: "hide", findings: [hideFinding] });
  await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 50, text: (i) => `Bra jobbat ${i}`, labels: [], action: "none", findings: [] });
  assert.equal(await pending(), 3, "only the analyses asking for hide");
  const out = await applyAutomaticActions(t.db.pool, { publicUrl: "http://localhost" });
  assert.deepEqual(out.map((o) => o.itemId).sort(), [...ids].sort());
  assert.ok(out.every((o) => o.hidden && !o.escalated));
  assert.equal(await pending(), 0);
  const d = await t.db.pool.query<{ n: number }>("select count(*)::int as n from moderation_decisions where org_id = $1 and actor_id is null and kind = 'hide'", [t.org.id]);
  assert.equal(d.rows[0]!.n, 3);
  assert.deepEqual(await applyAutomaticActions(t.db.pool, { publicUrl: "http://localhost" }), []);
});

test("two runs at once act on each version once", async () => {
  await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 20, text: (i) => `Hot ${i}`, labels: ["threat"], action: "hide_escalate", findings: [{ ...testFinding("threat", "bbs-5"), action: "hide_escalate" }] });
  const [a, b] = await Promise.all([1, 2].map(() => applyAutomaticActions(t.db.pool, { publicUrl: "http://localhost" })));
  assert.equal(a!.length + b!.length, 20);
  const d = await t.db.pool.query<{ kind: string; n: number }>(
    "select kind, count(*)::int as n from moderation_decisions where org_id = $1 and actor_id is null and rule_id = 'threat' group by kind order by kind", [t.org.id]);
  assert.deepEqual(d.rows, [{ kind: "escalate", n: 20 }, { kind: "hide", n: 20 }]);
  assert.equal(await pending(), 0);
});
