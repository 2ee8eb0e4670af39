// Measures the open-queue listing (the page, the API and the CLI all use
// listQueue) on a database with N analysed items, a share of them decided:
// the first listing (which computes the projection of every new item), a
// steady listing, and a deep keyset page.
// Usage: BENCH_PG_URL=postgres://… node src/moderation/queue.bench.ts [N] [OPEN_EVERY]
// (a maintenance URL; a scratch database is created and dropped).
import { randomBytes, randomUUID } from "node:crypto";
import { migrate } from "../platform/db/migrate.ts";
import { createPool, withDatabase } from "../platform/db/pool.ts";
import { createOrganisation } from "../platform/tenancy.ts";
import { addBareChannel, seedAnalysedItems, testFinding } from "./test-support.ts";
import { listQueue } from "./use-cases/list-queue.ts";

const url = process.env.BENCH_PG_URL;
if (!url) {
  process.stderr.write("BENCH_PG_URL is required\n");
  process.exit(2);
}
const N = Number(process.argv[2] ?? 20000);
const OPEN_EVERY = Number(process.argv[3] ?? 20);
const name = `vaxel_bench_${randomBytes(4).toString("hex")}`;
const admin = createPool(url, 1);
await admin.query(`create database ${name}`);
const pool = createPool(withDatabase(url, name), 4);
try {
  await migrate(pool);
  const org = await createOrganisation(pool, { slug: "bench", name: "Bench" });
  const ch = await addBareChannel(pool, org.id, "Sidan");
  const ids = await seedAnalysedItems(pool, { orgId: org.id, channelId: ch, n: N, text: (i) => `fan vad dåligt ${i}`, labels: ["profanity"], action: "review", findings: [testFinding("profanity")], authors: 500 });
  // All but every OPEN_EVERY-th item already decided (keep): a worked queue with a backlog.
  await pool.query(`insert into moderation_decisions (org_id, item_id, channel_id, kind, rule_id, legal_basis, actor_id, actor_label)
    select $1, i, $2, 'keep', 'profanity', 'page-rule', $4, 'bench' from unnest($3::uuid[]) with ordinality as x(i, o) where o % $5 <> 0`, [org.id, ch, ids, randomUUID(), OPEN_EVERY]);
  await pool.query("analyze");
  let t0 = performance.now();
  const first = await listQueue(pool, org.id, { view: "needs_review", limit: 200 });
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    t0 = performance.now();
    await listQueue(pool, org.id, { view: "needs_review", limit: 200 });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  let after = first.next ?? undefined;
  for (let i = 0; i < 3 && after; i++) after = (await listQueue(pool, org.id, { view: "needs_review", limit: 200, after })).next ?? undefined;
  t0 = performance.now();
  await listQueue(pool, org.id, { view: "needs_review", limit: 200, after });
  const deep = performance.now() - t0;
  process.stdout.write(`items ${N}  open (needs review) ${first.counts.needs_review}  first listing (projection of all) ${firstMs.toFixed(0)} ms  ` +
    `listQueue p50 ${times[3]!.toFixed(0)} ms  max ${times[6]!.toFixed(0)} ms  5th keyset page ${deep.toFixed(0)} ms\n`);
} finally {
  await pool.end();
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
}
