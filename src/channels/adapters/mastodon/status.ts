// Mastodon statuses → capture changes. Content is HTML; the text kept is what a
// reader sees (paragraphs and line breaks kept, tags dropped, entities
// decoded); the HTML itself stays in the raw fragment.
import type { PageChange } from "../facebook/parse-webhook.ts";
import { isPlatformId, isRecord, str, toIsoTime } from "../shape.ts";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .trim();
}

/** Whether a status concerns the city's account: a reply to it or a mention of it. */
export function concerns(s: Record<string, unknown>, accountId: string): boolean {
  if (s.in_reply_to_account_id === accountId) return true;
  return Array.isArray(s.mentions) && s.mentions.some((m) => isRecord(m) && m.id === accountId);
}

export function statusToChange(s: unknown, event: "add" | "edit" | "snapshot"): PageChange | null {
  if (!isRecord(s) || !isPlatformId(s.id)) return null;
  const account = isRecord(s.account) ? s.account : {};
  const edited = toIsoTime(s.edited_at);
  const parent = isPlatformId(s.in_reply_to_id) ? String(s.in_reply_to_id) : null;
  return {
    platformItemId: String(s.id),
    kind: parent ? "reply" : "mention",
    event: edited && event !== "snapshot" ? "edit" : event,
    postPlatformId: parent,
    parentPlatformId: parent,
    platformTime: edited ?? toIsoTime(s.created_at),
    authorPlatformId: str(account.id) ?? null,
    authorName: str(account.acct) ?? str(account.display_name) ?? null,
    text: typeof s.content === "string" ? htmlToText(s.content) : "",
    hidden: false,
    url: str(s.url) ?? null,
    raw: s,
  };
}
