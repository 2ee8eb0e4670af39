// LinkedIn comments → capture changes, and fetching a post's comments (paged
// with start/count) into capture — used by polling and by notifications.
import { canonicalJson, type CaptureWriter } from "../../../records/capture/index.ts";
import { ingestChanges } from "../../ingest/ingest.ts";
import type { ChannelRuntime } from "../../registry/index.ts";
import type { PageChange } from "../facebook/parse-webhook.ts";
import { isRecord, str, toIsoTime } from "../shape.ts";
import { enc, linkedinCall } from "./client.ts";

export function commentToChange(c: unknown, postUrn: string): PageChange | null {
  if (!isRecord(c) || typeof c.commentUrn !== "string") return null;
  const message = isRecord(c.message) ? c.message : {};
  const created = isRecord(c.created) ? c.created : {};
  const modified = isRecord(c.lastModified) ? c.lastModified : {};
  const parent = str(c.parentComment) ?? null;
  return {
    platformItemId: c.commentUrn,
    kind: parent ? "reply" : "comment",
    event: "snapshot",
    postPlatformId: str(c.object) ?? postUrn,
    parentPlatformId: parent ?? str(c.object) ?? postUrn,
    platformTime: toIsoTime(modified.time) ?? toIsoTime(created.time),
    authorPlatformId: str(c.actor) ?? null,
    authorName: null,
    text: typeof message.text === "string" ? message.text : "",
    hidden: false,
    url: null,
    raw: c,
  };
}

export async function captureComments(writer: CaptureWriter, channel: ChannelRuntime, postUrn: string): Promise<{ created: number }> {
  let created = 0;
  for (let start = 0; start < 10_000; start += 100) {
    const page = await linkedinCall(channel, "GET", `/socialActions/${enc(postUrn)}/comments`, { query: { start: String(start), count: "100" } });
    const elements = Array.isArray(page.elements) ? page.elements : [];
    const changes = elements.map((c) => commentToChange(c, postUrn)).filter((c): c is PageChange => c !== null);
    if (changes.length) created += (await ingestChanges(writer, { platform: "linkedin", source: "poll", body: Buffer.from(canonicalJson(page)), routed: [{ channel, changes }] })).created;
    const paging = isRecord(page.paging) ? page.paging : {};
    if (elements.length < 100 || (typeof paging.total === "number" && start + 100 >= paging.total)) break;
  }
  return { created };
}
