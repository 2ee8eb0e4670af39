// Instagram against its emulator: both webhook shapes captured, hide and
// delete through the outbox, ban refused as the API cannot do it.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { enqueuePlatformAction } from "../src/channels/index.ts";
import type { Emulators } from "../src/channels/emulators/server.ts";
import { createOutboxWorker } from "../src/channels/outbox/outbox-worker.ts";
import { withTx } from "../src/platform/db/pool.ts";
import { listCapturedItems } from "../src/records/capture/index.ts";
import type { TestApp } from "./helpers/app.ts";
import { channelOnEmulator } from "./helpers/channel-on-emulator.ts";

describe("Instagram: comments webhook and moderation", () => {
  let t: TestApp;
  let emu: Emulators;
  let channelId: string;
  let key: Buffer;
  let base: string;
  const ACCOUNT = "17841400000000001";

  before(async () => {
    ({ t, emu, key, channelId, base } = await channelOnEmulator({
      platform: "instagram", externalId: ACCOUNT, name: "trollhattansstad",
      credentials: { appSecret: "ig-app-secret", verifyToken: "ig-verify", accessToken: "IGQ-token" },
    }));
    emu.instagram.addAccount({ id: ACCOUNT, username: "trollhattansstad", appSecret: "ig-app-secret", accessToken: "IGQ-token", callbackUrl: `${base}/webhooks/instagram` });
  });

  test("entry[].changes[] and the flat test shape are both captured; verification works", async () => {
    const v = await t.app.inject({ method: "GET", url: "/webhooks/instagram?hub.mode=subscribe&hub.verify_token=ig-verify&hub.challenge=42" });
    assert.equal(v.body, "42");
    const a = await emu.instagram.comment({ accountId: ACCOUNT, mediaId: "1790000001", from: { id: "9001", username: "anna_ö" }, text: "Fin bild på Göta älv! 😍" });
    const b = await emu.instagram.comment({ accountId: ACCOUNT, mediaId: "1790000001", parentId: a.id, from: { id: "9002", username: "bengt" }, text: "Håller med", flatShape: true });
    const items = await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "instagram" });
    assert.equal(items.find((i) => i.platformItemId === a.id)?.text, "Fin bild på Göta älv! 😍");
    assert.equal(items.find((i) => i.platformItemId === b.id)?.kind, "reply");
  });

  test("hide and delete reach Instagram; ban is a dead letter explaining it must be done by hand", async () => {
    const c = await emu.instagram.comment({ accountId: ACCOUNT, mediaId: "1790000002", from: { id: "9003", username: "spam_bot" }, text: "Tjäna pengar snabbt, DM:a mig" });
    const item = (await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "instagram" })).find((i) => i.platformItemId === c.id)!;
    const worker = createOutboxWorker({ pool: t.db.pool, key, backoffBaseMs: 20 });
    const enqueue = (action: "hide" | "delete" | "ban") => withTx(t.db.pool, (tx) => enqueuePlatformAction(tx, { orgId: t.org.id, channelId, itemId: item.id, action, idempotencyKey: `ig-${action}`, actor: { id: null, label: "m" } }));
    await enqueue("hide");
    await worker.runDue();
    assert.equal(c.hidden, true);
    const ban = await enqueue("ban");
    await enqueue("delete");
    await worker.runDue();
    await worker.runDue();
    assert.equal(c.deleted, true);
    const row = (await t.db.pool.query("select state, last_error_sv from platform_actions where id = $1", [ban.id])).rows[0];
    assert.equal(row.state, "dead");
    assert.match(row.last_error_sv, /för hand direkt på Instagram/);
  });
});
