// Instagram comment moderation through the Graph API: hide (POST
// /{comment-id}?hide=true), unhide, delete (DELETE /{comment-id}) and reply
// (POST /{comment-id}/replies). Instagram's API cannot ban an account; that
// becomes a dead letter telling the moderator to do it in the app.
import { PlatformError } from "../../outbox/platform-error.ts";
import type { PlatformExecutor } from "../../outbox/types.ts";
import { GraphClient } from "../facebook/graph-client.ts";
import { isRecord, str, toIsoTime } from "../shape.ts";

const FIELDS = "id,text,username,from{id,username},timestamp,hidden,media{id},parent_id";

export const instagramExecutor: PlatformExecutor = {
  async snapshot(ctx) {
    const c = await new GraphClient(ctx.channel).call("GET", ctx.item.platformItemId, { fields: FIELDS });
    const from = isRecord(c.from) ? c.from : {};
    return {
      platformItemId: ctx.item.platformItemId, kind: ctx.item.kind === "reply" ? "reply" : "comment", event: "snapshot",
      postPlatformId: ctx.item.postPlatformId, parentPlatformId: ctx.item.parentPlatformId, platformTime: toIsoTime(c.timestamp),
      authorPlatformId: str(from.id) ?? ctx.item.authorPlatformId, authorName: str(from.username) ?? str(c.username) ?? null,
      text: typeof c.text === "string" ? c.text : "", hidden: c.hidden === true, url: null, raw: c,
    };
  },
  async alreadyDone(ctx) {
    const g = new GraphClient(ctx.channel);
    if (ctx.action === "hide" || ctx.action === "unhide") {
      const c = await g.call("GET", ctx.item.platformItemId, { fields: "id,hidden" });
      return c.hidden === (ctx.action === "hide") ? { hidden: c.hidden } : null;
    }
    if (ctx.action === "delete") {
      try {
        await g.call("GET", ctx.item.platformItemId, { fields: "id" });
        return null;
      } catch (e) {
        if (e instanceof PlatformError && e.kind === "not_found") return { alreadyGone: true };
        throw e;
      }
    }
    if (ctx.action === "reply") {
      for await (const page of g.pages(`${ctx.item.platformItemId}/replies`, { fields: "id,text,username" })) {
        const mine = page.data.find((c) => c.text === ctx.params.message && isRecord(c) && c.username === ctx.channel.name);
        if (mine) return { id: mine.id };
      }
    }
    return null;
  },
  async execute(ctx) {
    const g = new GraphClient(ctx.channel);
    const id = ctx.item.platformItemId;
    switch (ctx.action) {
      case "hide":
        return g.call("POST", id, { hide: "true" });
      case "unhide":
        return g.call("POST", id, { hide: "false" });
      case "delete":
        return g.call("DELETE", id);
      case "reply":
        return g.call("POST", `${id}/replies`, { message: String(ctx.params.message) });
      case "ban":
        throw new PlatformError("not_supported", { message: "Instagram Graph API has no ban" });
    }
  },
};
