// Facebook Page feed webhooks → changes for capture. Shape (Graph API "feed"
// field): {object:"page", entry:[{id, time, changes:[{field:"feed", value:{
// item, verb, comment_id, post_id, parent_id, from:{id,name} | sender_id +
// sender_name (older), created_time, message, is_hidden}}]}]}. `remove` has no
// message. Reactions and likes are not content and are skipped.
import type { ChangeInput, CaptureEvent, ItemKind } from "../../../records/capture/index.ts";
import { isPlatformId, isRecord, str, toIsoTime } from "../shape.ts";

export type PageChange = Omit<ChangeInput, "channelId">;

export interface ParsedFacebookDelivery {
  /** Changes per Page id (entry.id). */
  byPage: Map<string, PageChange[]>;
}

export class WebhookShapeError extends Error {}

const VERBS: Record<string, CaptureEvent> = { add: "add", edited: "edit", edit: "edit", remove: "remove", hide: "hide", unhide: "unhide" };
const POST_ITEMS = new Set(["status", "post", "photo", "video", "share", "link", "event"]);

export function parseFacebookWebhook(json: unknown): ParsedFacebookDelivery {
  if (!isRecord(json) || json.object !== "page" || !Array.isArray(json.entry)) throw new WebhookShapeError("not a page webhook");
  const byPage = new Map<string, PageChange[]>();
  for (const entry of json.entry) {
    if (!isRecord(entry) || !isPlatformId(entry.id)) throw new WebhookShapeError("entry without id");
    const pageId = String(entry.id);
    const entryTime = toIsoTime(entry.time);
    const list = byPage.get(pageId) ?? [];
    byPage.set(pageId, list);
    if (!Array.isArray(entry.changes)) continue;
    for (const ch of entry.changes) {
      if (!isRecord(ch) || ch.field !== "feed" || !isRecord(ch.value)) continue;
      const c = feedChange(ch.value, entryTime, { id: pageId, time: entry.time ?? null });
      if (c) list.push(c);
    }
  }
  return { byPage };
}

function feedChange(v: Record<string, unknown>, entryTime: string | null, entry: { id: string; time: unknown }): PageChange | undefined {
  const item = str(v.item);
  const event = VERBS[str(v.verb) ?? ""];
  if (!item || !event) return undefined;
  const isComment = item === "comment";
  if (!isComment && !POST_ITEMS.has(item)) return undefined;
  const id = isComment ? v.comment_id : v.post_id;
  if (!isPlatformId(id)) throw new WebhookShapeError("change without item id");
  const postId = isPlatformId(v.post_id) ? String(v.post_id) : null;
  const parentId = isPlatformId(v.parent_id) ? String(v.parent_id) : null;
  const kind: ItemKind = !isComment ? "post" : parentId && postId && parentId !== postId ? "reply" : "comment";
  const from = isRecord(v.from) ? v.from : undefined;
  const authorId = str(from?.id) ?? str(v.sender_id);
  const authorName = str(from?.name) ?? str(v.sender_name);
  const created = toIsoTime(v.created_time);
  const message = event === "remove" ? null : (str(v.message) ?? null);
  const hidden = event === "hide" ? true : event === "unhide" ? false : typeof v.is_hidden === "boolean" ? v.is_hidden : event === "add" ? false : null;
  return {
    platformItemId: String(id),
    kind,
    event,
    postPlatformId: postId,
    parentPlatformId: parentId,
    // An add happened when the comment was created; later changes when Meta says the change was made.
    platformTime: event === "add" ? (created ?? entryTime) : (entryTime ?? created),
    authorPlatformId: authorId ?? null,
    authorName: authorName ?? null,
    text: message,
    hidden,
    url: postId ? `https://www.facebook.com/${postId}${isComment ? `?comment_id=${String(id)}` : ""}` : null,
    // The change as Meta sent it, with the entry it came in.
    raw: { entry, field: "feed", value: v },
  };
}
