// Instagram comment webhooks → changes for capture. Two shapes arrive: the
// production one, {object:"instagram", entry:[{id, time, changes:[{field:
// "comments", value:{id, from:{id, username}, text, media:{id,
// media_product_type}, parent_id?}}]}]}, and the flat one the app dashboard's
// test button sends, {field:"comments", value:{…}} without an account id.
// Instagram sends only new comments (comments cannot be edited there).
import type { PageChange } from "../facebook/parse-webhook.ts";
import { WebhookShapeError } from "../facebook/parse-webhook.ts";
import { isPlatformId, isRecord, str, toIsoTime } from "../shape.ts";

/** Changes per Instagram account id; the flat shape is filed under "" (the caller decides). */
export function parseInstagramWebhook(json: unknown): Map<string, PageChange[]> {
  const out = new Map<string, PageChange[]>();
  if (isRecord(json) && typeof json.field === "string" && isRecord(json.value) && !("entry" in json)) {
    const c = commentChange(json.field, json.value, null, { id: null, time: null });
    out.set("", c ? [c] : []);
    return out;
  }
  if (!isRecord(json) || json.object !== "instagram" || !Array.isArray(json.entry)) throw new WebhookShapeError("not an instagram webhook");
  for (const entry of json.entry) {
    if (!isRecord(entry) || !isPlatformId(entry.id)) throw new WebhookShapeError("entry without id");
    const id = String(entry.id);
    const list = out.get(id) ?? [];
    out.set(id, list);
    if (!Array.isArray(entry.changes)) continue;
    for (const ch of entry.changes) {
      if (!isRecord(ch) || typeof ch.field !== "string" || !isRecord(ch.value)) continue;
      const c = commentChange(ch.field, ch.value, toIsoTime(entry.time), { id, time: entry.time ?? null });
      if (c) list.push(c);
    }
  }
  return out;
}

function commentChange(field: string, v: Record<string, unknown>, entryTime: string | null, entry: { id: string | null; time: unknown }): PageChange | null {
  if (field !== "comments" && field !== "live_comments") return null;
  if (!isPlatformId(v.id)) throw new WebhookShapeError("comment without id");
  const from = isRecord(v.from) ? v.from : {};
  const media = isRecord(v.media) && isPlatformId(v.media.id) ? String(v.media.id) : null;
  const parent = isPlatformId(v.parent_id) ? String(v.parent_id) : null;
  return {
    platformItemId: String(v.id),
    kind: parent ? "reply" : "comment",
    event: "add",
    postPlatformId: media,
    parentPlatformId: parent ?? media,
    platformTime: toIsoTime(v.timestamp) ?? entryTime,
    authorPlatformId: str(from.id) ?? null,
    authorName: str(from.username) ?? null,
    text: typeof v.text === "string" ? v.text : "",
    hidden: false,
    url: null,
    raw: { entry, field, value: v },
  };
}
