// Polls a LinkedIn organisation page: its recent posts (posts?q=author), then
// the comments under each (socialActions/{post}/comments).
import type { Pool } from "../../../platform/db/pool.ts";
import type { CaptureWriter } from "../../../records/capture/index.ts";
import type { ChannelRuntime } from "../../registry/index.ts";
import { linkedinCall } from "./client.ts";
import { captureComments } from "./comments.ts";

export async function pollLinkedIn(deps: { pool: Pool; writer: CaptureWriter }, channel: ChannelRuntime, opts: { posts?: number } = {}): Promise<{ created: number }> {
  const posts = await linkedinCall(channel, "GET", "/posts", { query: { author: channel.externalId, q: "author", count: String(opts.posts ?? 20), sortBy: "LAST_MODIFIED" } });
  let created = 0;
  for (const p of Array.isArray(posts.elements) ? posts.elements : []) {
    const id = typeof p === "object" && p && typeof (p as { id?: unknown }).id === "string" ? (p as { id: string }).id : undefined;
    if (id) created += (await captureComments(deps.writer, channel, id)).created;
  }
  await deps.pool.query("update channel_state set last_poll_at = now() where org_id = $1 and channel_id = $2", [channel.orgId, channel.id]);
  return { created };
}
