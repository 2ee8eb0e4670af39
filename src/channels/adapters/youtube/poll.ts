// Polls a YouTube channel's comment threads (YouTube has no push for
// comments): commentThreads.list with allThreadsRelatedToChannelId, newest
// first, following nextPageToken until a page holds nothing newer than the
// last poll. Published and held-for-review comments are both listed, so a
// held comment is captured before anyone rejects it (rejected comments cannot
// be listed afterwards). Every page goes through capture as a delivery.
import type { Pool } from "../../../platform/db/pool.ts";
import type { CaptureWriter } from "../../../records/capture/index.ts";
import { canonicalJson } from "../../../records/capture/index.ts";
import { ingestChanges } from "../../ingest/ingest.ts";
import type { ChannelRuntime } from "../../registry/index.ts";
import { isRecord, str } from "../shape.ts";
import { COST, reserveQuota, YouTubeClient } from "./client.ts";
import { threadToChanges } from "./comments.ts";

export interface PollResult {
  pages: number;
  created: number;
  duplicates: number;
}

export async function pollYouTube(deps: { pool: Pool; writer: CaptureWriter }, channel: ChannelRuntime, opts: { maxPages?: number } = {}): Promise<PollResult> {
  const client = new YouTubeClient(channel);
  const st = await deps.pool.query<{ cursor: { newest?: string } }>("select cursor from channel_state where org_id = $1 and channel_id = $2", [channel.orgId, channel.id]);
  const since = st.rows[0]?.cursor?.newest ?? "";
  let newest = since;
  const out: PollResult = { pages: 0, created: 0, duplicates: 0 };
  for (const status of ["published", "heldForReview"] as const) {
    let pageToken: string | undefined;
    for (let i = 0; i < (opts.maxPages ?? 20); i++) {
      await reserveQuota(deps.pool, channel, COST.list, "poll");
      const page = await client.call("GET", "commentThreads", {
        part: "snippet,replies", allThreadsRelatedToChannelId: channel.externalId, maxResults: "100", order: "time",
        textFormat: "plainText", moderationStatus: status, ...(pageToken ? { pageToken } : {}),
      });
      out.pages++;
      const items = Array.isArray(page.items) ? page.items : [];
      const changes = items.flatMap(threadToChanges);
      if (changes.length) {
        const s = await ingestChanges(deps.writer, {
          platform: "youtube", source: "poll", body: Buffer.from(canonicalJson(page)), routed: [{ channel, changes }],
        });
        out.created += s.created;
        out.duplicates += s.duplicates;
      }
      const times = items.map((t) => (isRecord(t) && isRecord(t.snippet) && isRecord(t.snippet.topLevelComment) && isRecord(t.snippet.topLevelComment.snippet)
        ? str(t.snippet.topLevelComment.snippet.updatedAt) ?? "" : ""));
      for (const x of times) if (x > newest) newest = x;
      pageToken = str(page.nextPageToken);
      // Newest first: once a whole page is older than the last poll, the rest is known.
      if (!pageToken || (since && times.every((x) => x !== "" && x < since))) break;
    }
  }
  await deps.pool.query("update channel_state set cursor = cursor || $3::jsonb, last_poll_at = now(), last_error = null where org_id = $1 and channel_id = $2",
    [channel.orgId, channel.id, JSON.stringify({ newest })]);
  return out;
}
