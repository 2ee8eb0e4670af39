// YouTube comment resources → capture changes. A commentThread carries its
// top-level comment and (some of) its replies; moderationStatus tells whether
// the comment is held for review (hidden) or published.
import type { PageChange } from "../facebook/parse-webhook.ts";
import { isPlatformId, isRecord, str, toIsoTime } from "../shape.ts";

export function commentToChange(c: unknown, videoId: string | null, parentId: string | null): PageChange | null {
  if (!isRecord(c) || !isPlatformId(c.id) || !isRecord(c.snippet)) return null;
  const s = c.snippet;
  const author = isRecord(s.authorChannelId) ? str(s.authorChannelId.value) : undefined;
  const video = str(s.videoId) ?? videoId;
  return {
    platformItemId: String(c.id),
    kind: parentId ? "reply" : "comment",
    event: "snapshot",
    postPlatformId: video ?? null,
    parentPlatformId: parentId ?? video ?? null,
    platformTime: toIsoTime(s.updatedAt) ?? toIsoTime(s.publishedAt),
    authorPlatformId: author ?? null,
    authorName: str(s.authorDisplayName) ?? null,
    text: typeof s.textOriginal === "string" ? s.textOriginal : typeof s.textDisplay === "string" ? s.textDisplay : "",
    hidden: s.moderationStatus === "heldForReview" || s.moderationStatus === "likelySpam",
    url: video ? `https://www.youtube.com/watch?v=${video}&lc=${String(c.id)}` : null,
    raw: c,
  };
}

export function threadToChanges(t: unknown): PageChange[] {
  if (!isRecord(t) || !isRecord(t.snippet)) return [];
  const video = str(t.snippet.videoId) ?? null;
  const top = commentToChange(t.snippet.topLevelComment, video, null);
  if (!top) return [];
  const replies = isRecord(t.replies) && Array.isArray(t.replies.comments) ? t.replies.comments : [];
  return [top, ...replies.map((r) => commentToChange(r, video, top.platformItemId)).filter((x): x is PageChange => x !== null)];
}
