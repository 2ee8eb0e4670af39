// Backfill a Facebook Page: every post of the feed and every comment and reply
// under it, following Graph's cursor paging (paging.next / cursors.after).
// Used when a Page is connected and after an outage of the webhook; what was
// captured already is recognised and not repeated.
import { canonicalJson, type CaptureWriter } from "../../../records/capture/index.ts";
import { ingestChanges } from "../../ingest/ingest.ts";
import type { ChannelRuntime } from "../../registry/index.ts";
import { isPlatformId, str, toIsoTime } from "../shape.ts";
import { commentToChange, COMMENT_FIELDS } from "./comment-fields.ts";
import { GraphClient } from "../meta-graph.ts";
import type { PageChange } from "./parse-webhook.ts";

export interface BackfillResult {
  posts: number;
  comments: number;
  created: number;
  duplicates: number;
}

export async function backfillFacebook(writer: CaptureWriter, channel: ChannelRuntime, opts: { maxPosts?: number } = {}): Promise<BackfillResult> {
  const g = new GraphClient(channel);
  const res: BackfillResult = { posts: 0, comments: 0, created: 0, duplicates: 0 };
  const capture = async (changes: PageChange[], raw: unknown) => {
    if (!changes.length) return;
    const s = await ingestChanges(writer, { platform: "facebook", source: "backfill", body: Buffer.from(canonicalJson(raw)), routed: [{ channel, changes }] });
    res.created += s.created;
    res.duplicates += s.duplicates;
  };
  for await (const page of g.pages(`${channel.externalId}/feed`, { fields: "id,message,created_time,from{id,name},permalink_url", limit: "25" })) {
    const posts: PageChange[] = [];
    for (const p of page.data) {
      if (!isPlatformId(p.id) || (opts.maxPosts !== undefined && res.posts >= opts.maxPosts)) continue;
      res.posts++;
      posts.push({
        platformItemId: String(p.id), kind: "post", event: "snapshot", postPlatformId: String(p.id), parentPlatformId: null,
        platformTime: toIsoTime(p.created_time), authorPlatformId: channel.externalId, authorName: channel.name,
        text: typeof p.message === "string" ? p.message : "", hidden: false, url: str(p.permalink_url) ?? `https://www.facebook.com/${String(p.id)}`, raw: p,
      });
    }
    await capture(posts, page.raw);
    for (const post of posts) {
      for await (const cpage of g.pages(`${post.platformItemId}/comments`, { fields: COMMENT_FIELDS, filter: "stream", limit: "100" })) {
        const changes = cpage.data.map((c) => commentToChange(c, post.platformItemId)).filter((c): c is PageChange => c !== null);
        res.comments += changes.length;
        await capture(changes, cpage.raw);
      }
    }
  }
  return res;
}
