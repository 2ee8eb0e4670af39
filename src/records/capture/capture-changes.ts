// Capture: store deliveries, items and versions in one statement
// (capture_batch, migrations/0301), in a hash chain per channel. Idempotent on
// (channel, platform item, version key): a redelivered change adds nothing.
// New text-bearing versions go on the analysis work list in the same
// transaction, so a crash after the commit loses no analysis. Here the input is
// prepared: version keys, canonical raw fragments and content hashes.
import type { Queryable } from "../../platform/db/pool.ts";
import { canonicalJson, sha256Hex } from "./hash.ts";
import type { CaptureBatch, CapturedVersion, CaptureEvent, CaptureResult, ChangeInput } from "./types.ts";

const TEXT_EVENTS: ReadonlySet<CaptureEvent> = new Set(["add", "edit", "snapshot"]);

function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

// PostgreSQL text (and jsonb) cannot hold NUL or lone surrogates; the raw
// fragment keeps the original (JSON escapes both).
function clean<T extends string | null | undefined>(s: T): T {
  return (typeof s === "string" ? s.replaceAll("\u0000", "\uFFFD").toWellFormed() : s) as T;
}

/** The default version key: what makes this change different from another change of the same item. */
export function defaultVersionKey(c: ChangeInput): string {
  const time = toDate(c.platformTime)?.toISOString() ?? "";
  const h = sha256Hex(canonicalJson([c.event, time, c.authorPlatformId ?? null, c.text ?? null, c.hidden ?? null]));
  return `${c.event}:${h.slice(0, 40)}`;
}

interface Row {
  batch: number;
  version_id: string | null;
  item_id: string;
  platform_item_id: string;
  seq: number | null;
  event: CaptureEvent;
  has_text: boolean;
  duplicate: boolean;
}

/**
 * Captures `batches` in one statement: its own transaction when `db` is a
 * pool, or part of the caller's when it is a transaction client. A webhook
 * answers 200 only after that commit. Returns one result per batch, in order.
 */
export async function captureBatches(db: Queryable, batches: readonly CaptureBatch[]): Promise<CaptureResult[]> {
  const results: CaptureResult[] = batches.map(() => ({ created: [], duplicates: 0 }));
  const deliveries: Record<string, unknown>[] = [];
  const seenDelivery = new Set<string>();
  const groups = new Map<string, { org: string; channel: string; items: Map<string, Record<string, unknown>>; changes: Record<string, unknown>[] }>();

  batches.forEach((b, i) => {
    if (b.changes.length === 0) return;
    const sha = sha256Hex(b.delivery.body);
    if (!seenDelivery.has(`${b.orgId}:${sha}`)) {
      seenDelivery.add(`${b.orgId}:${sha}`);
      deliveries.push({
        org: b.orgId, sha, platform: b.delivery.platform, source: b.delivery.source, receivedAt: b.delivery.receivedAt.toISOString(),
        signature: b.delivery.signature ?? null, body: b.delivery.body.toString("base64"),
      });
    }
    for (const change of b.changes) {
      const gk = `${b.orgId}:${change.channelId}`;
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { org: b.orgId, channel: change.channelId, items: new Map(), changes: [] }));
      if (!g.items.has(change.platformItemId)) {
        g.items.set(change.platformItemId, {
          pid: change.platformItemId, platform: b.delivery.platform, kind: change.kind,
          post: change.postPlatformId ?? null, parent: change.parentPlatformId ?? null,
        });
      }
      const raw = canonicalJson(change.raw);
      const text = clean(change.text ?? null);
      g.changes.push({
        batch: i,
        pid: change.platformItemId,
        key: change.versionKey ?? defaultVersionKey(change),
        event: change.event,
        source: b.delivery.source,
        platformTime: toDate(change.platformTime)?.toISOString() ?? null,
        receivedAt: b.delivery.receivedAt.toISOString(),
        authorId: clean(change.authorPlatformId ?? null),
        authorName: clean(change.authorName ?? null),
        text,
        hidden: change.hidden ?? null,
        url: clean(change.url ?? null),
        delivery: sha,
        raw,
        contentHash: sha256Hex(raw),
        hasText: TEXT_EVENTS.has(change.event) && typeof text === "string" && text.length > 0,
      });
    }
  });
  if (groups.size === 0) return results;
  // Channels in a fixed order: two writers never wait for each other in a cycle.
  const payload = { deliveries, groups: [...groups.keys()].sort().map((k) => {
    const g = groups.get(k)!;
    return { org: g.org, channel: g.channel, items: [...g.items.values()], changes: g.changes };
  }) };
  const r = await db.query<Row>("select * from capture_batch($1::jsonb)", [JSON.stringify(payload)]);
  const orgOf = new Map([...groups.values()].flatMap((g) => g.changes.map((c) => [`${c.batch}:${String(c.pid)}`, g] as const)));
  for (const row of r.rows) {
    const res = results[row.batch]!;
    if (row.duplicate) {
      res.duplicates++;
      continue;
    }
    const g = orgOf.get(`${row.batch}:${row.platform_item_id}`)!;
    const v: CapturedVersion = {
      orgId: g.org, channelId: g.channel, versionId: row.version_id!, itemId: row.item_id, platformItemId: row.platform_item_id,
      seq: Number(row.seq), event: row.event, hasText: row.has_text,
    };
    res.created.push(v);
  }
  return results;
}
