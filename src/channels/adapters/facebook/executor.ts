// Facebook Page actions: hide/unhide (POST /{comment-id} is_hidden), delete
// (DELETE /{comment-id}), reply (POST /{comment-id}/comments) and block
// (POST /{page-id}/blocked). When the previous attempt's outcome is unknown,
// the comment's state is read first, so a retry never acts twice.
import { PlatformError } from "../../outbox/platform-error.ts";
import type { ActionContext, PlatformExecutor } from "../../outbox/types.ts";
import { isRecord } from "../shape.ts";
import { commentToChange, COMMENT_FIELDS } from "./comment-fields.ts";
import { GraphClient } from "./graph-client.ts";

function postIdOf(ctx: ActionContext): string {
  return ctx.item.postPlatformId ?? ctx.item.platformItemId.split("_")[0] ?? ctx.item.platformItemId;
}

function banTarget(ctx: ActionContext): string {
  const id = typeof ctx.params.authorPlatformId === "string" ? ctx.params.authorPlatformId : ctx.item.authorPlatformId;
  if (!id) throw new PlatformError("invalid", { message: "the author of the item is not known" });
  return id;
}

export const facebookExecutor: PlatformExecutor = {
  async snapshot(ctx) {
    if (ctx.item.kind === "post") return null;
    const g = new GraphClient(ctx.channel);
    const c = await g.call("GET", ctx.item.platformItemId, { fields: COMMENT_FIELDS });
    return commentToChange(c, postIdOf(ctx));
  },

  async alreadyDone(ctx) {
    const g = new GraphClient(ctx.channel);
    switch (ctx.action) {
      case "hide":
      case "unhide": {
        const c = await g.call("GET", ctx.item.platformItemId, { fields: "id,is_hidden" });
        return c.is_hidden === (ctx.action === "hide") ? { is_hidden: c.is_hidden } : null;
      }
      case "delete":
        try {
          await g.call("GET", ctx.item.platformItemId, { fields: "id" });
          return null;
        } catch (e) {
          if (e instanceof PlatformError && e.kind === "not_found") return { alreadyGone: true };
          throw e;
        }
      case "reply": {
        for await (const page of g.pages(`${ctx.item.platformItemId}/comments`, { fields: "id,message,from{id}", filter: "stream", limit: "100" })) {
          const mine = page.data.find((c) => isRecord(c.from) && c.from.id === ctx.channel.externalId && c.message === ctx.params.message);
          if (mine) return { id: mine.id };
        }
        return null;
      }
      case "ban": {
        const r = await g.call("GET", `${ctx.channel.externalId}/blocked`, { user: banTarget(ctx) });
        return Array.isArray(r.data) && r.data.length > 0 ? { blocked: true } : null;
      }
    }
  },

  async execute(ctx) {
    const g = new GraphClient(ctx.channel);
    const id = ctx.item.platformItemId;
    switch (ctx.action) {
      case "hide":
        return g.call("POST", id, { is_hidden: "true" });
      case "unhide":
        return g.call("POST", id, { is_hidden: "false" });
      case "delete":
        return g.call("DELETE", id);
      case "reply":
        return g.call("POST", `${id}/comments`, { message: String(ctx.params.message) });
      case "ban":
        return g.call("POST", `${ctx.channel.externalId}/blocked`, { user: banTarget(ctx) });
    }
  },
};
