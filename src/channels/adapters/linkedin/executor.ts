// LinkedIn actions: delete a comment (DELETE socialActions/{object}/comments/
// {id}?actor=organisation) and reply as the organisation. LinkedIn's API has no
// hide and no ban for organisation pages; those become dead letters.
import { PlatformError } from "../../outbox/platform-error.ts";
import type { ActionContext, PlatformExecutor } from "../../outbox/types.ts";
import { isRecord } from "../shape.ts";
import { enc, linkedinCall } from "./client.ts";
import { commentToChange } from "./comments.ts";

/** urn:li:comment:(urn:li:activity:123,456) → object urn:li:activity:123, id 456. */
export function splitCommentUrn(urn: string): { object: string; id: string } {
  const m = /^urn:li:comment:\((.+),([^,()]+)\)$/.exec(urn);
  if (!m) throw new PlatformError("invalid", { message: `not a comment URN: ${urn}` });
  return { object: m[1]!, id: m[2]! };
}

function path(ctx: ActionContext): string {
  const { object, id } = splitCommentUrn(ctx.item.platformItemId);
  return `/socialActions/${enc(object)}/comments/${enc(id)}`;
}

export const linkedinExecutor: PlatformExecutor = {
  async snapshot(ctx) {
    const c = await linkedinCall(ctx.channel, "GET", path(ctx));
    return commentToChange(c, ctx.item.postPlatformId ?? splitCommentUrn(ctx.item.platformItemId).object);
  },
  async alreadyDone(ctx) {
    if (ctx.action !== "reply") return null;
    const { object } = splitCommentUrn(ctx.item.platformItemId);
    const page = await linkedinCall(ctx.channel, "GET", `/socialActions/${enc(object)}/comments`, { query: { start: "0", count: "100" } });
    const mine = (Array.isArray(page.elements) ? page.elements : []).find((c) => isRecord(c) && c.actor === ctx.channel.externalId
      && c.parentComment === ctx.item.platformItemId && isRecord(c.message) && c.message.text === ctx.params.message);
    return mine && isRecord(mine) ? { commentUrn: mine.commentUrn } : null;
  },
  async execute(ctx) {
    if (ctx.action === "delete") {
      await linkedinCall(ctx.channel, "DELETE", path(ctx), { query: { actor: ctx.channel.externalId } });
      return { deleted: true };
    }
    if (ctx.action === "reply") {
      const { object } = splitCommentUrn(ctx.item.platformItemId);
      return linkedinCall(ctx.channel, "POST", `/socialActions/${enc(object)}/comments`, {
        body: { actor: ctx.channel.externalId, object, parentComment: ctx.item.platformItemId, message: { text: String(ctx.params.message) } },
      });
    }
    throw new PlatformError("not_supported", { message: `LinkedIn API cannot ${ctx.action}` });
  },
};
