// YouTube moderation: comments.setModerationStatus (heldForReview to hide,
// published to unhide, rejected to delete, rejected + banAuthor to ban) and
// comments.insert for replies. There is no way back from banAuthor in the
// Data API (setModerationStatus only bans; the channel owner lifts it under
// "Hidden users" in YouTube Studio), so `unban` is never enqueued for YouTube
// and refused here in plain words if it ever is. A rejected comment can never be listed again,
// so the comment is read and captured first (the worker's snapshot step), and
// each call is paid from the channel's daily quota.
import { PlatformError } from "../../outbox/platform-error.ts";
import type { ActionContext, PlatformExecutor } from "../../outbox/types.ts";
import type { Pool } from "../../../platform/db/pool.ts";
import { isRecord } from "../shape.ts";
import { COST, reserveQuota, YouTubeClient } from "./client.ts";
import { commentToChange } from "./comments.ts";

const STATUS: Record<string, string> = { hide: "heldForReview", unhide: "published", delete: "rejected", ban: "rejected" };

export function youtubeExecutor(pool: Pool): PlatformExecutor {
  async function fetchComment(ctx: ActionContext) {
    await reserveQuota(pool, ctx.channel, COST.list, "action");
    const r = await new YouTubeClient(ctx.channel).call("GET", "comments", { part: "snippet", id: ctx.item.platformItemId, textFormat: "plainText" });
    return Array.isArray(r.items) && isRecord(r.items[0]) ? r.items[0] : null;
  }
  return {
    async snapshot(ctx) {
      const c = await fetchComment(ctx);
      return c ? commentToChange(c, ctx.item.postPlatformId, ctx.item.kind === "reply" ? ctx.item.parentPlatformId : null) : null;
    },
    async alreadyDone(ctx) {
      if (ctx.action === "reply" || ctx.action === "unban") return null; // comments.insert has no idempotency; replies are listed below the parent
      const c = await fetchComment(ctx);
      const status = c && isRecord(c.snippet) ? c.snippet.moderationStatus : undefined;
      if (!c) return ctx.action === "delete" || ctx.action === "ban" ? { rejected: true } : null;
      return status === STATUS[ctx.action] ? { moderationStatus: status } : null;
    },
    async execute(ctx) {
      const client = new YouTubeClient(ctx.channel);
      if (ctx.action === "reply") {
        await reserveQuota(pool, ctx.channel, COST.insert, "action");
        return client.call("POST", "comments", { part: "snippet" }, { snippet: { parentId: ctx.item.kind === "reply" ? ctx.item.parentPlatformId : ctx.item.platformItemId, textOriginal: String(ctx.params.message) } });
      }
      if (ctx.action === "unban") throw new PlatformError("not_supported", { message: "YouTube Data API cannot lift a ban: remove the author from Hidden users in YouTube Studio" });
      const status = STATUS[ctx.action];
      if (!status) throw new PlatformError("not_supported");
      await reserveQuota(pool, ctx.channel, COST.moderate, "action");
      await client.call("POST", "comments/setModerationStatus", {
        id: ctx.item.platformItemId, moderationStatus: status, ...(ctx.action === "ban" ? { banAuthor: "true" } : {}),
      });
      return { moderationStatus: status, ...(ctx.action === "ban" ? { banAuthor: true } : {}) };
    },
  };
}
