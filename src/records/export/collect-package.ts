// What goes into an archival package for a period: every captured item
// written in it with all its versions (text, raw platform fragment, hashes),
// the archive entries (decisions, replies, block list, registrations,
// disposal log, records requests) made in it, and the register.
import type { Queryable } from "../../platform/db/pool.ts";

export interface PackageItem {
  id: string;
  channelId: string;
  channelName: string;
  platform: string;
  platformItemId: string;
  kind: string;
  postPlatformId: string | null;
  parentPlatformId: string | null;
  firstCapturedAt: string;
  diaryNumber: string | null;
  versions: {
    seq: number; event: string; source: string; platformTime: string | null; receivedAt: string; authorPlatformId: string | null;
    authorName: string | null; text: string | null; hidden: boolean | null; url: string | null; raw: unknown; contentHash: string; prevHash: string; hash: string;
  }[];
}

export interface PackageContent {
  items: PackageItem[];
  archive: Map<string, { seq: number; at: string; recordType: string; recordId: string; payload: unknown; prevHash: string; hash: string }[]>;
  registrations: unknown[];
}

/** `from`/`to` are inclusive calendar days in Europe/Stockholm; null = open. */
export async function collectPackage(db: Queryable, o: { orgId: string; from: string | null; to: string | null }): Promise<PackageContent> {
  const range = `($2::date is null or t >= ($2::date)::timestamp at time zone 'Europe/Stockholm')
             and ($3::date is null or t < ($3::date + 1)::timestamp at time zone 'Europe/Stockholm')`;
  const items = await db.query(
    `select * from (
       select i.id, i.channel_id, c.name as channel_name, i.platform, i.platform_item_id, i.kind, i.post_platform_id, i.parent_platform_id, i.first_captured_at,
              (select min(coalesce(v.platform_time, v.received_at)) from capture_versions v where v.org_id = i.org_id and v.item_id = i.id) as t,
              (select g.diary_number from registrations g where g.org_id = i.org_id and g.item_id = i.id) as diary_number
         from captured_items i join channels c on c.org_id = i.org_id and c.id = i.channel_id where i.org_id = $1) x
      where ${range} order by t, platform_item_id`, [o.orgId, o.from, o.to]);
  const ids = items.rows.map((r) => r.id as string);
  const versions = await db.query(
    `select item_id, seq, event, source, platform_time, received_at, author_platform_id, author_name, text, hidden, url, raw, content_hash, prev_hash, hash
       from capture_versions where org_id = $1 and item_id = any($2::uuid[]) order by item_id, seq`, [o.orgId, ids]);
  const byItem = new Map<string, PackageItem["versions"]>();
  for (const v of versions.rows) {
    const list = byItem.get(v.item_id) ?? [];
    let raw: unknown = v.raw;
    try {
      raw = JSON.parse(v.raw as string);
    } catch {
      // kept as the stored string
    }
    list.push({
      seq: Number(v.seq), event: v.event, source: v.source, platformTime: v.platform_time ? new Date(v.platform_time).toISOString() : null,
      receivedAt: new Date(v.received_at).toISOString(), authorPlatformId: v.author_platform_id, authorName: v.author_name, text: v.text,
      hidden: v.hidden, url: v.url, raw, contentHash: v.content_hash, prevHash: v.prev_hash, hash: v.hash,
    });
    byItem.set(v.item_id, list);
  }
  const entries = await db.query(
    `select stream, seq, at, record_type, record_id, payload, prev_hash, hash from (select *, at as t from archive_entries where org_id = $1) x
      where ${range} order by stream, seq`, [o.orgId, o.from, o.to]);
  const archive: PackageContent["archive"] = new Map();
  for (const e of entries.rows) {
    const list = archive.get(e.stream) ?? [];
    list.push({ seq: Number(e.seq), at: new Date(e.at).toISOString(), recordType: e.record_type, recordId: e.record_id, payload: e.payload, prevHash: e.prev_hash, hash: e.hash });
    archive.set(e.stream, list);
  }
  const regs = await db.query(
    `select diary_number, to_char(received_at, 'YYYY-MM-DD') as received_at, sender, subject, classification, secrecy_note, matter, reasons, item_id, registered_by_label, registered_at
       from registrations where org_id = $1 and ($2::date is null or received_at >= $2) and ($3::date is null or received_at <= $3) order by series, year, number`,
    [o.orgId, o.from, o.to]);
  return {
    items: items.rows.map((r) => ({
      id: r.id, channelId: r.channel_id, channelName: r.channel_name, platform: r.platform, platformItemId: r.platform_item_id, kind: r.kind,
      postPlatformId: r.post_platform_id, parentPlatformId: r.parent_platform_id, firstCapturedAt: new Date(r.first_captured_at).toISOString(),
      diaryNumber: r.diary_number, versions: byItem.get(r.id) ?? [],
    })),
    archive,
    registrations: regs.rows,
  };
}
