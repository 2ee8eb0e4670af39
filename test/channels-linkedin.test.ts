// LinkedIn against its emulator: endpoint validation, signed notifications
// that fetch and capture the post's comments before the 200, polling, delete
// after capture, reply, and hide refused as unsupported.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { pollLinkedIn } from "../src/channels/adapters/linkedin/poll.ts";
import { enqueuePlatformAction, type ChannelRuntime } from "../src/channels/index.ts";
import type { Emulators } from "../src/channels/emulators/server.ts";
import { createOutboxWorker } from "../src/channels/outbox/outbox-worker.ts";
import { hmacSha256Hex } from "../src/channels/webhooks/signature.ts";
import { withTx } from "../src/platform/db/pool.ts";
import { createCaptureWriter, listCapturedItems } from "../src/records/capture/index.ts";
import type { TestApp } from "./helpers/app.ts";
import { channelOnEmulator } from "./helpers/channel-on-emulator.ts";

describe("LinkedIn: notifications, polling, delete and reply", () => {
  let t: TestApp;
  let emu: Emulators;
  let ch: ChannelRuntime;
  let key: Buffer;
  let base: string;
  const ORG = "urn:li:organization:2414183";

  before(async () => {
    ({ t, emu, key, ch, base } = await channelOnEmulator({
      platform: "linkedin", externalId: ORG, name: "Trollhättans Stad",
      credentials: { clientSecret: "li-client-secret", accessToken: "li-token" },
    }));
    emu.linkedin.tokens.add("li-token");
    emu.linkedin.webhook = { url: `${base}/webhooks/linkedin`, clientSecret: "li-client-secret" };
  });

  test("endpoint validation answers the challenge with the HMAC of the client secret", async () => {
    const r = await t.app.inject({ method: "GET", url: "/webhooks/linkedin?challengeCode=890e4665-4dfe-4ab1-b689-ed553bceeed0" });
    assert.deepEqual(r.json(), { challengeCode: "890e4665-4dfe-4ab1-b689-ed553bceeed0", challengeResponse: hmacSha256Hex("li-client-secret", "890e4665-4dfe-4ab1-b689-ed553bceeed0") });
  });

  test("a signed COMMENT notification captures the post's comments before the 200; a forged one is refused", async () => {
    const post = emu.linkedin.createPost(ORG);
    const c = await emu.linkedin.comment({ orgUrn: ORG, post, actor: "urn:li:person:abc", text: "Spännande tjänst! Hur söker man?", notify: true });
    const items = await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "linkedin" });
    assert.equal(items.find((i) => i.platformItemId === emu.linkedin.urn(c))?.text, "Spännande tjänst! Hur söker man?");
    const forged = await t.app.inject({ method: "POST", url: "/webhooks/linkedin", headers: { "content-type": "application/json", "x-li-signature": "0".repeat(64) }, payload: "{}" });
    assert.equal(forged.statusCode, 401);
  });

  test("polling pages through every post's comments once", async () => {
    const post = emu.linkedin.createPost(ORG);
    for (let i = 0; i < 130; i++) await emu.linkedin.comment({ orgUrn: ORG, post, actor: `urn:li:person:p${i}`, text: `Kommentar ${i}` });
    const deps = { pool: t.db.pool, writer: createCaptureWriter({ pool: t.db.pool }) };
    assert.equal((await pollLinkedIn(deps, ch)).created, 130);
    assert.equal((await pollLinkedIn(deps, ch)).created, 0);
  });

  test("delete and reply reach LinkedIn as the organisation; hide is not possible there", async () => {
    const item = (await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "linkedin" })).find((i) => i.text === "Kommentar 7")!;
    const worker = createOutboxWorker({ pool: t.db.pool, key, backoffBaseMs: 20 });
    const enqueue = (action: "reply" | "delete" | "hide", params = {}) =>
      withTx(t.db.pool, (tx) => enqueuePlatformAction(tx, { orgId: t.org.id, channelId: ch.id, itemId: item.id, action, params, idempotencyKey: `li-${action}`, actor: { id: null, label: "m" } }));
    await enqueue("reply", { message: "Välkommen att höra av dig till kontaktcenter!" });
    const hide = await enqueue("hide");
    await enqueue("delete");
    for (let i = 0; i < 5; i++) await worker.runDue();
    assert.deepEqual(emu.linkedin.applied.map((a) => a.action), ["reply", "delete"]);
    assert.equal((await t.db.pool.query("select state from platform_actions where id = $1", [hide.id])).rows[0].state, "dead");
  });
});
