// Factories for records tests and benchmarks: a Facebook channel with a post
// and comments captured through the real capture path. Not used by product code.
import { randomBytes } from "node:crypto";
import { addFacebookTestChannel } from "../channels/test-support.ts";
import type { Pool } from "../platform/db/pool.ts";
import { withTx } from "../platform/db/pool.ts";
import { captureBatches, type ChangeInput } from "./capture/index.ts";

export interface SeedComment {
  id: string;
  text: string;
  author: string;
  /** ISO time on the platform. */
  at: string;
  kind?: "post" | "comment";
  postId?: string;
  event?: "add" | "edit" | "remove" | "hide";
}

export async function seedCapturedComments(pool: Pool, key: Buffer, o: { orgId: string; comments: SeedComment[]; channelName?: string }) {
  const ch = await addFacebookTestChannel(pool, key, { orgId: o.orgId });
  const changes: ChangeInput[] = o.comments.map((c) => ({
    channelId: ch.channel.id,
    platformItemId: c.id,
    kind: c.kind ?? "comment",
    event: c.event ?? "add",
    postPlatformId: c.postId ?? null,
    platformTime: c.at,
    authorPlatformId: `u-${c.author}`,
    authorName: c.author,
    text: c.event === "remove" ? null : c.text,
    hidden: c.event === "hide" ? true : null,
    raw: { id: c.id, message: c.event === "remove" ? undefined : c.text, from: { id: `u-${c.author}`, name: c.author }, created_time: c.at, verb: c.event ?? "add" },
  }));
  const body = Buffer.from(JSON.stringify({ seed: randomBytes(8).toString("hex"), changes: changes.map((c) => c.raw) }));
  const [res] = await withTx(pool, (tx) => captureBatches(tx, [{
    orgId: o.orgId, delivery: { platform: "facebook", source: "import", receivedAt: new Date(), body }, changes,
  }]));
  return { channel: ch.channel, created: res!.created };
}
