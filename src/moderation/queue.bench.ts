// Measures the open-queue listing (the page, the API and the CLI all use
// listQueue) on a database with N analysed items, a share of them decided.
// Usage: BENCH_PG_URL=postgres://… node src/moderation/queue.bench.ts [N]
// (a maintenance URL; a scratch database is created and dropped).
import { randomBytes, randomUUID } from "node:crypto";
import { migrate } from "../platform/db/migrate.ts";
import { createPool, withDatabase } from "../platform/db/pool.ts";
import { createOrganisation } from "../platform/tenancy.ts";
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
  const ch = randomUUID();
  await pool.query("insert into channels (org_id, id, platform, external_id, name, credentials) values ($1, $2, 'facebook', 'p1', 'Sidan', 'x')", [org.id, ch]);
  const hex = "0".repeat(64);
  const findings = JSON.stringify([{ category: "profanity", ruleId: "profanity.x", legalBasis: "page-rule", start: 0, end: 3, evidence: "fan", confidence: 0.8, detector: "profanity", detectorVersion: "1", action: "review" }]);
  for (let off = 0; off < N; off += 5000) {
    const n = Math.min(5000, N - off);
    const ids = Array.from({ length: n }, () => randomUUID());
    const vids = Array.from({ length: n }, () => randomUUID());
    await pool.query(`insert into captured_items (org_id, id, channel_id, platform, platform_item_id, kind, post_platform_id)
      select $1, i, $2, 'facebook', 'c' || (o + $4), 'comment', 'post1' from unnest($3::uuid[]) with ordinality as x(i, o)`, [org.id, ch, ids, off]);
    await pool.query(`insert into capture_versions (org_id, channel_id, seq, id, item_id, platform_item_id, version_key, event, source, received_at, author_platform_id, author_name, text, raw, content_hash, prev_hash, hash)
      select $1, $2, o + $5, v, i, 'c' || (o + $5), 'add', 'add', 'webhook', now() - (o || ' seconds')::interval, 'a' || (o % 500), 'Namn', 'fan vad dåligt ' || o, '{}', $6, $6, $6
        from unnest($3::uuid[], $4::uuid[]) with ordinality as x(i, v, o)`, [org.id, ch, ids, vids, off, hex]);
    await pool.query(`insert into item_analyses (org_id, version_id, item_id, channel_id, page_rules_version, analyzer_version, labels, action, findings)
      select $1, v, i, $2, 'default-1', 'bench', '{profanity}', 'review', $5::jsonb from unnest($3::uuid[], $4::uuid[]) as x(i, v)`, [org.id, ch, ids, vids, findings]);
    // All but every OPEN_EVERY-th item already decided (keep): a worked queue with a backlog.
    await pool.query(`insert into moderation_decisions (org_id, item_id, channel_id, kind, rule_id, legal_basis, actor_id, actor_label)
      select $1, i, $2, 'keep', 'profanity', 'page-rule', $4, 'bench' from unnest($3::uuid[]) with ordinality as x(i, o) where o % $5 <> 0`, [org.id, ch, ids, randomUUID(), OPEN_EVERY]);
  }
  await pool.query("analyze");
  const times: number[] = [];
  let open = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = await listQueue(pool, org.id, { view: "needs_review", limit: 200 });
    times.push(performance.now() - t0);
    open = r.counts.needs_review;
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`items ${N}  open (needs review) ${open}  listQueue p50 ${times[3]!.toFixed(0)} ms  max ${times[6]!.toFixed(0)} ms\n`);
} finally {
  await pool.end();
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
}
