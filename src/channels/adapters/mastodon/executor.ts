// Mastodon actions: reply (POST /api/v1/statuses with an Idempotency-Key, so a
// retry never posts twice) and, where the city runs its own server, ban
// (POST /api/v1/admin/accounts/:id/action type=suspend) and lifting it again
// (POST /api/v1/admin/accounts/:id/unsuspend). Mastodon's API does
// not let an account hide or delete other people's posts; those become dead
// letters that say so.
import { PlatformError } from "../../outbox/platform-error.ts";
import type { ActionContext, PlatformExecutor } from "../../outbox/types.ts";
import { isRecord } from "../shape.ts";
import { mastodonCall } from "./client.ts";
import { statusToChange } from "./status.ts";

// Ids come from platform data (hostile input): always encoded as one path segment.
function accountOf(ctx: ActionContext): string {
  const id = typeof ctx.params.authorPlatformId === "string" ? ctx.params.authorPlatformId : ctx.item.authorPlatformId;
  if (!id) throw new PlatformError("invalid", { message: "the author of the item is not known" });
  return id;
}

export const mastodonExecutor: PlatformExecutor = {
  async snapshot(ctx) {
    if (ctx.action !== "ban") return null;
    const s = await mastodonCall(ctx.channel, "GET", `/api/v1/statuses/${encodeURIComponent(ctx.item.platformItemId)}`);
    return statusToChange(s, "snapshot");
  },
  async execute(ctx) {
    switch (ctx.action) {
      case "reply": {
        const s = await mastodonCall(ctx.channel, "POST", "/api/v1/statuses", {
          body: { status: String(ctx.params.message), in_reply_to_id: ctx.item.platformItemId, visibility: "public", language: "sv" },
          idempotencyKey: ctx.idempotencyKey,
        });
        return { id: isRecord(s) ? s.id : null };
      }
      case "ban": {
        const id = accountOf(ctx);
        await mastodonCall(ctx.channel, "POST", `/api/v1/admin/accounts/${encodeURIComponent(id)}/action`, { body: { type: "suspend", text: "Upprepade brott mot sidreglerna." } });
        return { suspended: id };
      }
      case "unban": {
        // Unsuspending an account that is not suspended is harmless, so a retry needs no check first.
        const id = accountOf(ctx);
        await mastodonCall(ctx.channel, "POST", `/api/v1/admin/accounts/${encodeURIComponent(id)}/unsuspend`);
        return { unsuspended: id };
      }
      default:
        throw new PlatformError("not_supported", { message: `Mastodon API cannot ${ctx.action} another account's status` });
    }
  },
};
