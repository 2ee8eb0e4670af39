// A comment as the Graph API returns it → a capture change (backfill and the
// snapshot before removal).
import type { PageChange } from "./parse-webhook.ts";
import { isPlatformId, isRecord, str, toIsoTime } from "../shape.ts";

export const COMMENT_FIELDS = "id,message,from{id,name},created_time,is_hidden,parent{id},permalink_url";

export function commentToChange(c: Record<string, unknown>, postId: string): PageChange | null {
  if (!isPlatformId(c.id)) return null;
  const from = isRecord(c.from) ? c.from : {};
  const parent = isRecord(c.parent) && isPlatformId(c.parent.id) ? String(c.parent.id) : null;
  return {
    platformItemId: String(c.id),
    kind: parent && parent !== postId ? "reply" : "comment",
    event: "snapshot",
    postPlatformId: postId,
    parentPlatformId: parent ?? postId,
    platformTime: toIsoTime(c.created_time),
    authorPlatformId: str(from.id) ?? null,
    authorName: str(from.name) ?? null,
    text: typeof c.message === "string" ? c.message : "",
    hidden: typeof c.is_hidden === "boolean" ? c.is_hidden : false,
    url: str(c.permalink_url) ?? null,
    raw: c,
  };
}
