// Polls the city's Mastodon account for mentions and replies
// (GET /api/v1/notifications?types[]=mention, oldest first from the last seen
// id with min_id), when no webhook delivers them.
import type { Pool } from "../../../platform/db/pool.ts";
import { canonicalJson, type CaptureWriter } from "../../../records/capture/index.ts";
import { ingestChanges } from "../../ingest/ingest.ts";
import type { ChannelRuntime } from "../../registry/index.ts";
import type { PageChange } from "../facebook/parse-webhook.ts";
import { isRecord, str } from "../shape.ts";
import { mastodonCall } from "./client.ts";
import { statusToChange } from "./status.ts";

export async function pollMastodon(deps: { pool: Pool; writer: CaptureWriter }, channel: ChannelRuntime): Promise<{ created: number }> {
  const st = await deps.pool.query<{ cursor: { minId?: string } }>("select cursor from channel_state where org_id = $1 and channel_id = $2", [channel.orgId, channel.id]);
  let minId = st.rows[0]?.cursor?.minId;
  let created = 0;
  for (let i = 0; i < 50; i++) {
    const page = await mastodonCall(channel, "GET", "/api/v1/notifications", { query: { "types[]": ["mention"], limit: "40", ...(minId ? { min_id: minId } : {}) } });
    const list = Array.isArray(page) ? page.filter(isRecord) : [];
    if (!list.length) break;
    const changes = list.map((n) => statusToChange(n.status, "snapshot")).filter((c): c is PageChange => c !== null);
    if (changes.length) created += (await ingestChanges(deps.writer, { platform: "mastodon", source: "poll", body: Buffer.from(canonicalJson(page)), routed: [{ channel, changes }] })).created;
    // min_id pages are returned newest first; the next page starts after the newest.
    const ids = list.map((n) => str(n.id) ?? "").filter(Boolean).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    minId = ids[ids.length - 1] ?? minId;
  }
  await deps.pool.query("update channel_state set cursor = cursor || $3::jsonb, last_poll_at = now() where org_id = $1 and channel_id = $2",
    [channel.orgId, channel.id, JSON.stringify(minId ? { minId } : {})]);
  return { created };
}
