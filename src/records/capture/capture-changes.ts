// Capture: store deliveries, items and versions in one transaction, in a hash
// chain per channel. Idempotent on (channel, platform item, version key): a
// redelivered change adds nothing. New text-bearing versions are put on the
// analysis work list in the same transaction, so a crash after the commit
// loses no analysis.
import { randomUUID } from "node:crypto";
import type { Tx } from "../../platform/db/pool.ts";
import { CAPTURE_GENESIS, canonicalJson, linkHash, sha256Hex } from "./hash.ts";
import type { CaptureBatch, CapturedVersion, CaptureEvent, CaptureResult, CaptureSource, ChangeInput } from "./types.ts";

interface Pending {
  batch: number;
  change: ChangeInput;
  key: string;
  deliverySha: string;
  receivedAt: Date;
  source: CaptureSource;
  platform: string;
}

const TEXT_EVENTS: ReadonlySet<CaptureEvent> = new Set(["add", "edit", "snapshot"]);

function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

// PostgreSQL text cannot hold NUL; the raw fragment keeps the original (JSON escapes it).
const noNul = <T extends string | null | undefined>(s: T): T => (typeof s === "string" ? (s.replaceAll("\u0000", "\uFFFD") as T) : s);

function cleanChange(c: ChangeInput): ChangeInput {
  return { ...c, authorPlatformId: noNul(c.authorPlatformId), authorName: noNul(c.authorName), text: noNul(c.text), url: noNul(c.url) };
}

/** The default version key: what makes this change different from another change of the same item. */
export function defaultVersionKey(c: ChangeInput): string {
  const time = toDate(c.platformTime)?.toISOString() ?? "";
  const h = sha256Hex(canonicalJson([c.event, time, c.authorPlatformId ?? null, c.text ?? null, c.hidden ?? null]));
  return `${c.event}:${h.slice(0, 40)}`;
}

/**
 * Captures `batches` inside `tx`. The caller commits; a webhook answers 200
 * only after that commit. Returns one result per batch, in order.
 */
export async function captureBatches(tx: Tx, batches: readonly CaptureBatch[]): Promise<CaptureResult[]> {
  const results: CaptureResult[] = batches.map(() => ({ created: [], duplicates: 0 }));

  // 1. The deliveries, byte for byte, once per body.
  const dOrg: string[] = [], dSha: string[] = [], dPlat: string[] = [], dSrc: string[] = [];
  const dAt: string[] = [], dSig: (string | null)[] = [], dBody: Buffer[] = [];
  const seenDelivery = new Set<string>();
  const shaOf = batches.map((b) => sha256Hex(b.delivery.body));
  batches.forEach((b, i) => {
    const sha = shaOf[i]!;
    if (b.changes.length === 0 || seenDelivery.has(`${b.orgId}:${sha}`)) return;
    seenDelivery.add(`${b.orgId}:${sha}`);
    dOrg.push(b.orgId); dSha.push(sha); dPlat.push(b.delivery.platform); dSrc.push(b.delivery.source);
    dAt.push(b.delivery.receivedAt.toISOString()); dSig.push(b.delivery.signature ?? null); dBody.push(b.delivery.body);
  });
  if (dOrg.length) {
    await tx.query(
      `insert into capture_deliveries (org_id, body_sha256, platform, source, received_at, signature, body)
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::bytea[])
       on conflict do nothing`,
      [dOrg, dSha, dPlat, dSrc, dAt, dSig, dBody],
    );
  }

  // 2. Group the changes by channel; lock channels in a fixed order (no deadlocks between writers).
  const groups = new Map<string, { orgId: string; channelId: string; items: Pending[] }>();
  batches.forEach((b, i) => {
    for (const change of b.changes) {
      const gk = `${b.orgId}:${change.channelId}`;
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { orgId: b.orgId, channelId: change.channelId, items: [] }));
      g.items.push({
        batch: i,
        change,
        key: change.versionKey ?? defaultVersionKey(change),
        deliverySha: shaOf[i]!,
        receivedAt: b.delivery.receivedAt,
        source: b.delivery.source,
        platform: b.delivery.platform,
      });
    }
  });
  for (const gk of [...groups.keys()].sort()) {
    const g = groups.get(gk)!;
    await captureChannelGroup(tx, g.orgId, g.channelId, g.items, results);
  }
  return results;
}

async function captureChannelGroup(tx: Tx, orgId: string, channelId: string, pending: Pending[], results: CaptureResult[]) {
  // One writer per channel at a time: each link needs the previous one. The
  // lock is released at commit.
  await tx.query("select pg_advisory_xact_lock(hashtextextended('capture:' || $1::text, 0))", [channelId]);

  // Items: created by whichever version mentions them first.
  const firstOf = new Map<string, ChangeInput & { platform: string }>();
  for (const p of pending) if (!firstOf.has(p.change.platformItemId)) firstOf.set(p.change.platformItemId, { ...p.change, platform: p.platform });
  const ids = [...firstOf.keys()];
  const firsts = [...firstOf.values()];
  const inserted = await tx.query<{ id: string; platform_item_id: string }>(
    `insert into captured_items (org_id, channel_id, platform, platform_item_id, kind, post_platform_id, parent_platform_id)
     select $1, $2, * from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     on conflict do nothing
     returning id, platform_item_id`,
    [orgId, channelId, firsts.map((f) => f.platform), ids, firsts.map((f) => f.kind), firsts.map((f) => f.postPlatformId ?? null), firsts.map((f) => f.parentPlatformId ?? null)],
  );
  const itemId = new Map(inserted.rows.map((r) => [r.platform_item_id, r.id]));
  const known = ids.filter((id) => !itemId.has(id));
  if (known.length) {
    const itemRows = await tx.query<{ id: string; platform_item_id: string }>(
      "select id, platform_item_id from captured_items where org_id = $1 and channel_id = $2 and platform_item_id = any($3::text[])",
      [orgId, channelId, known],
    );
    for (const r of itemRows.rows) itemId.set(r.platform_item_id, r.id);
  }

  // Already captured (redelivery) — by version key.
  // Through the item index (org_id, item_id): with the statistics of a fast
  // growing table, lookups by platform id were planned as a scan of the channel.
  // Items created just now have no versions yet.
  const older = known.map((id) => itemId.get(id)!).filter(Boolean);
  const existing = older.length
    ? await tx.query<{ platform_item_id: string; version_key: string }>(
      "select platform_item_id, version_key from capture_versions where org_id = $1 and item_id = any($2::uuid[])",
      [orgId, older],
    )
    : { rows: [] };
  const seen = new Set(existing.rows.map((r) => `${r.platform_item_id}\x1f${r.version_key}`));

  // Snapshots (polls, backfill, imports) that show the state we already have add nothing.
  const snapshotItems = [...new Set(pending.filter((p) => p.change.event === "snapshot").map((p) => itemId.get(p.change.platformItemId)!))];
  const stateOf = new Map<string, { text: string | null; hidden: boolean; removed: boolean }>();
  if (snapshotItems.length) {
    const st = await tx.query<{ item_id: string; text: string | null; hidden: boolean; removed: boolean }>(
      "select item_id, text, hidden, removed from captured_item_state where org_id = $1 and item_id = any($2::uuid[])",
      [orgId, snapshotItems],
    );
    for (const r of st.rows) stateOf.set(r.item_id, { text: r.text, hidden: r.hidden, removed: r.removed });
  }

  const head = await tx.query<{ seq: number; hash: string }>(
    "select seq, hash from capture_versions where org_id = $1 and channel_id = $2 order by seq desc limit 1",
    [orgId, channelId],
  );
  let seq = Number(head.rows[0]?.seq ?? 0);
  let prev = head.rows[0]?.hash ?? CAPTURE_GENESIS;

  const cols = {
    seq: [] as number[], id: [] as string[], item: [] as string[], pid: [] as string[], key: [] as string[], event: [] as string[],
    source: [] as string[], ptime: [] as (string | null)[], recv: [] as string[], aid: [] as (string | null)[], aname: [] as (string | null)[],
    text: [] as (string | null)[], hidden: [] as (boolean | null)[], url: [] as (string | null)[], dsha: [] as string[], raw: [] as string[],
    chash: [] as string[], prev: [] as string[], hash: [] as string[],
  };
  const analyse: string[] = [];
  for (const p of pending) {
    const c = cleanChange(p.change);
    const dedupe = `${c.platformItemId}\x1f${p.key}`;
    const item = itemId.get(c.platformItemId)!;
    if (seen.has(dedupe)) {
      results[p.batch]!.duplicates++;
      continue;
    }
    if (c.event === "snapshot") {
      const s = stateOf.get(item);
      if (s && !s.removed && s.text === (c.text ?? null) && s.hidden === (c.hidden ?? false)) {
        results[p.batch]!.duplicates++;
        continue;
      }
    }
    seen.add(dedupe);
    seq += 1;
    const id = randomUUID();
    const raw = canonicalJson(c.raw);
    const contentHash = sha256Hex(raw);
    const platformTime = toDate(c.platformTime);
    const hash = linkHash({
      prevHash: prev, orgId, channelId, seq, id, itemId: item, platformItemId: c.platformItemId, versionKey: p.key, event: c.event,
      source: p.source, platformTime, receivedAt: p.receivedAt, authorPlatformId: c.authorPlatformId ?? null, authorName: c.authorName ?? null,
      text: c.text ?? null, hidden: c.hidden ?? null, url: c.url ?? null, deliverySha256: p.deliverySha, contentHash,
    });
    cols.seq.push(seq); cols.id.push(id); cols.item.push(item); cols.pid.push(c.platformItemId); cols.key.push(p.key);
    cols.event.push(c.event); cols.source.push(p.source); cols.ptime.push(platformTime?.toISOString() ?? null);
    cols.recv.push(p.receivedAt.toISOString()); cols.aid.push(c.authorPlatformId ?? null); cols.aname.push(c.authorName ?? null);
    cols.text.push(c.text ?? null); cols.hidden.push(c.hidden ?? null); cols.url.push(c.url ?? null); cols.dsha.push(p.deliverySha);
    cols.raw.push(raw); cols.chash.push(contentHash); cols.prev.push(prev); cols.hash.push(hash);
    prev = hash;
    const hasText = TEXT_EVENTS.has(c.event) && typeof c.text === "string" && c.text.length > 0;
    if (hasText) analyse.push(id);
    // Keep the state current for later snapshots of the same item in this group.
    if (c.event === "remove") stateOf.set(item, { text: stateOf.get(item)?.text ?? null, hidden: stateOf.get(item)?.hidden ?? false, removed: true });
    else if (c.text !== undefined || c.hidden !== undefined) {
      const s = stateOf.get(item);
      stateOf.set(item, { text: c.text ?? s?.text ?? null, hidden: c.hidden ?? s?.hidden ?? false, removed: false });
    }
    const created: CapturedVersion = {
      orgId, channelId, versionId: id, itemId: item, platformItemId: c.platformItemId, seq, event: c.event, hasText,
    };
    results[p.batch]!.created.push(created);
  }
  if (cols.seq.length === 0) return;
  await tx.query(
    `insert into capture_versions (org_id, channel_id, seq, id, item_id, platform_item_id, version_key, event, source, platform_time,
       received_at, author_platform_id, author_name, text, hidden, url, delivery_sha256, raw, content_hash, prev_hash, hash)
     select $1, $2, * from unnest($3::bigint[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[],
       $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::boolean[], $16::text[], $17::text[], $18::text[], $19::text[],
       $20::text[], $21::text[])`,
    [orgId, channelId, cols.seq, cols.id, cols.item, cols.pid, cols.key, cols.event, cols.source, cols.ptime, cols.recv, cols.aid,
      cols.aname, cols.text, cols.hidden, cols.url, cols.dsha, cols.raw, cols.chash, cols.prev, cols.hash],
  );
  if (analyse.length) {
    await tx.query(
      "insert into capture_analysis_queue (org_id, version_id) select $1, unnest($2::uuid[]) on conflict do nothing",
      [orgId, analyse],
    );
  }
}
