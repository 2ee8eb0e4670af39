// Facebook Page actions: hide/unhide (POST /{comment-id} is_hidden), delete
// (DELETE /{comment-id}), reply (POST /{comment-id}/comments), block
// (POST /{page-id}/blocked) and unblock (DELETE /{page-id}/blocked?user=…). When the previous attempt's outcome is unknown,
// the comment's state is read first, so a retry never acts twice.
import { PlatformError } from "../../outbox/platform-error.ts";
import type { ActionContext, PlatformExecutor } from "../../outbox/types.ts";
import { isRecord } from "../shape.ts";
import { commentToChange, COMMENT_FIELDS } from "./comment-fields.ts";
import { commentActionDone, executeCommentAction, GraphClient, isCommentAction, type MetaCommentApi } from "../meta-graph.ts";

function postIdOf(ctx: ActionContext): string {
  return ctx.item.postPlatformId ?? ctx.item.platformItemId.split("_")[0] ?? ctx.item.platformItemId;
}

function banTarget(ctx: ActionContext): string {
  const id = typeof ctx.params.authorPlatformId === "string" ? ctx.params.authorPlatformId : ctx.item.authorPlatformId;
  if (!id) throw new PlatformError("invalid", { message: "the author of the item is not known" });
  return id;
}

const FACEBOOK_COMMENTS: MetaCommentApi = {
  hiddenField: "is_hidden",
  hideParam: "is_hidden",
  replyEdge: "comments",
  replyParams: { fields: "id,message,from{id}", filter: "stream", limit: "100" },
  isOwnReply: (c, ctx) => isRecord(c.from) && c.from.id === ctx.channel.externalId && c.message === ctx.params.message,
};

export const facebookExecutor: PlatformExecutor = {
  async snapshot(ctx) {
    if (ctx.item.kind === "post") return null;
    const g = new GraphClient(ctx.channel);
    const c = await g.call("GET", ctx.item.platformItemId, { fields: COMMENT_FIELDS });
    return commentToChange(c, postIdOf(ctx));
  },

  async alreadyDone(ctx) {
    if (isCommentAction(ctx.action)) return commentActionDone(FACEBOOK_COMMENTS, ctx, ctx.action);
    const r = await new GraphClient(ctx.channel).call("GET", `${ctx.channel.externalId}/blocked`, { user: banTarget(ctx) });
    const blocked = Array.isArray(r.data) && r.data.length > 0;
    if (ctx.action === "unban") return blocked ? null : { blocked: false };
    return blocked ? { blocked: true } : null;
  },

  async execute(ctx) {
    if (isCommentAction(ctx.action)) return executeCommentAction(FACEBOOK_COMMENTS, ctx, ctx.action);
    const method = ctx.action === "unban" ? "DELETE" : "POST";
    return new GraphClient(ctx.channel).call(method, `${ctx.channel.externalId}/blocked`, { user: banTarget(ctx) });
  },
};
