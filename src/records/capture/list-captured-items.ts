// Captured items with their current state and every version, for
// `vaxel records list` and the records pages. Ordered by first capture.
import type { Queryable } from "../../platform/db/pool.ts";

export interface CapturedItemView {
  id: string;
  channelId: string;
  platform: string;
  platformItemId: string;
  kind: string;
  postPlatformId: string | null;
  parentPlatformId: string | null;
  firstCapturedAt: string;
  text: string | null;
  author: { platformId: string | null; name: string | null };
  hidden: boolean;
  removed: boolean;
  versions: {
    seq: number;
    event: string;
    source: string;
    platformTime: string | null;
    receivedAt: string;
    text: string | null;
    hidden: boolean | null;
    contentHash: string;
    hash: string;
  }[];
}

export interface ListCapturedFilter {
  orgId: string;
  platform?: string;
  channelId?: string;
  /** Keyset paging: items first captured after this item id's row. */
  limit?: number;
  offset?: number;
}

export async function listCapturedItems(db: Queryable, f: ListCapturedFilter): Promise<CapturedItemView[]> {
  const r = await db.query(
    `select s.item_id, s.channel_id, s.platform, s.platform_item_id, s.kind, s.post_platform_id, s.parent_platform_id,
            s.first_captured_at, s.text, s.author_platform_id, s.author_name, s.hidden, s.removed,
            (select json_agg(json_build_object('seq', v.seq, 'event', v.event, 'source', v.source, 'platformTime', v.platform_time,
                     'receivedAt', v.received_at, 'text', v.text, 'hidden', v.hidden, 'contentHash', v.content_hash, 'hash', v.hash)
                     order by v.platform_time nulls last, v.seq)
               from capture_versions v where v.org_id = s.org_id and v.item_id = s.item_id) as versions
       from captured_item_state s
      where s.org_id = $1 and ($2::text is null or s.platform = $2) and ($3::uuid is null or s.channel_id = $3)
      order by s.first_captured_at, s.item_id
      limit $4 offset $5`,
    [f.orgId, f.platform ?? null, f.channelId ?? null, f.limit ?? 1000, f.offset ?? 0],
  );
  return r.rows.map((x) => ({
    id: x.item_id,
    channelId: x.channel_id,
    platform: x.platform,
    platformItemId: x.platform_item_id,
    kind: x.kind,
    postPlatformId: x.post_platform_id,
    parentPlatformId: x.parent_platform_id,
    firstCapturedAt: new Date(x.first_captured_at).toISOString(),
    text: x.text,
    author: { platformId: x.author_platform_id, name: x.author_name },
    hidden: x.hidden,
    removed: x.removed,
    versions: (x.versions ?? []).map((v: Record<string, unknown>) => ({
      ...v,
      platformTime: v.platformTime ? new Date(v.platformTime as string).toISOString() : null,
      receivedAt: new Date(v.receivedAt as string).toISOString(),
    })),
  })) as CapturedItemView[];
}
