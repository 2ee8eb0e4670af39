// Instagram comment moderation through the Graph API: hide (POST
// /{comment-id}?hide=true), unhide, delete (DELETE /{comment-id}) and reply
// (POST /{comment-id}/replies). Instagram's API cannot ban an account; that
// becomes a dead letter telling the moderator to do it in the app.
import { PlatformError } from "../../outbox/platform-error.ts";
import type { PlatformExecutor } from "../../outbox/types.ts";
import { commentActionDone, executeCommentAction, GraphClient, isCommentAction, type MetaCommentApi } from "../meta-graph.ts";
import { isRecord, str, toIsoTime } from "../shape.ts";

const FIELDS = "id,text,username,from{id,username},timestamp,hidden,media{id},parent_id";

const INSTAGRAM_COMMENTS: MetaCommentApi = {
  hiddenField: "hidden",
  hideParam: "hide",
  replyEdge: "replies",
  replyParams: { fields: "id,text,username" },
  isOwnReply: (c, ctx) => c.text === ctx.params.message && c.username === ctx.channel.name,
};

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
    return isCommentAction(ctx.action) ? commentActionDone(INSTAGRAM_COMMENTS, ctx, ctx.action) : null;
  },
  async execute(ctx) {
    if (isCommentAction(ctx.action)) return executeCommentAction(INSTAGRAM_COMMENTS, ctx, ctx.action);
    throw new PlatformError("not_supported", { message: "Instagram Graph API has no ban" });
  },
};
