// Factories for moderation tests and benchmarks: many analysed items written
// straight into the capture tables in a few statements (as a flood, a CLI
// import or another process would leave them). Not used by the product code.
import { randomUUID } from "node:crypto";
import type { CategoryId, Finding } from "../analysis/index.ts";
import type { Queryable } from "../platform/db/pool.ts";

const HEX = "0".repeat(64);

/** A channel with no platform behind it (its outbox jobs are only recorded). */
export async function addBareChannel(db: Queryable, orgId: string, name = "Floodsidan", platform = "facebook"): Promise<string> {
  const id = randomUUID();
  await db.query("insert into channels (org_id, id, platform, external_id, name, credentials) values ($1, $2, $5, $3, $4, 'x')", [orgId, id, `p-${id}`, name, platform]);
  return id;
}

export function testFinding(category: CategoryId = "spam", legalBasis: Finding["legalBasis"] = "page-rule"): Finding {
  return { category, ruleId: `${category}.test`, legalBasis, start: 0, end: 5, evidence: "Tjäna", confidence: 0.9, detector: category, detectorVersion: "1", action: "review" };
}

/**
 * Writes n captured comments with one version and one analysis each, in
 * batches of 5,000 rows per statement. `text(i)` gives each comment's text;
 * authors repeat every `authors` items. Returns the item ids in order.
 */
export async function seedAnalysedItems(db: Queryable, o: {
  orgId: string; channelId: string; n: number; text: (i: number) => string; labels: string[]; action: "none" | "review" | "hide" | "hide_escalate";
  findings: Finding[]; authors?: number;
  /** When each item arrived and was analysed (default: now). */
  at?: (i: number) => Date;
  /** The channel's platform (default facebook). */
  platform?: string;
}): Promise<string[]> {
  const all: string[] = [];
  const start = (await db.query<{ s: number }>("select coalesce(max(seq), 0)::int as s from capture_versions where org_id = $1 and channel_id = $2", [o.orgId, o.channelId])).rows[0]!.s;
  for (let off = 0; off < o.n; off += 5000) {
    const n = Math.min(5000, o.n - off);
    const ids = Array.from({ length: n }, () => randomUUID());
    const vids = Array.from({ length: n }, () => randomUUID());
    const texts = Array.from({ length: n }, (_, i) => o.text(off + i));
    const pid = ids.map((id) => `c-${id}`);
    const now = new Date();
    const ats = Array.from({ length: n }, (_, i) => (o.at ? o.at(off + i) : now).toISOString());
    await db.query(`insert into captured_items (org_id, id, channel_id, platform, platform_item_id, kind, post_platform_id, first_captured_at)
      select $1, i, $2, $6, p, 'comment', 'post1', t from unnest($3::uuid[], $4::text[], $5::timestamptz[]) as x(i, p, t)`, [o.orgId, o.channelId, ids, pid, ats, o.platform ?? "facebook"]);
    await db.query(`insert into capture_versions (org_id, channel_id, seq, id, item_id, platform_item_id, version_key, event, source, received_at, author_platform_id, author_name, text, raw, content_hash, prev_hash, hash)
      select $1, $2, o + $7, v, i, p, 'add', 'add', 'webhook', at, 'a' || ((o + $7) % $8), 'Namn ' || ((o + $7) % $8), t, '{}', $9, $9, $9
        from unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $10::timestamptz[]) with ordinality as x(i, v, p, t, at, o)`,
    [o.orgId, o.channelId, ids, vids, pid, texts, start + off, o.authors ?? 1_000_000, HEX, ats]);
    await db.query(`insert into item_analyses (org_id, version_id, item_id, channel_id, page_rules_version, analyzer_version, analysed_at, labels, action, findings)
      select $1, v, i, $2, 'default-1', 'test', at, $5::text[], $6, $7::jsonb from unnest($3::uuid[], $4::uuid[], $8::timestamptz[]) as x(i, v, at)`,
    [o.orgId, o.channelId, ids, vids, o.labels, o.action, JSON.stringify(o.findings), ats]);
    all.push(...ids);
  }
  return all;
}
