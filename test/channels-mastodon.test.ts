// Mastodon against its emulator: signed webhooks (X-Hub-Signature) and
// polling of mentions into capture, replies with an Idempotency-Key, and the
// admin ban on the city's own server.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { pollMastodon } from "../src/channels/adapters/mastodon/poll.ts";
import { htmlToText } from "../src/channels/adapters/mastodon/status.ts";
import { enqueuePlatformAction, type ChannelRuntime } from "../src/channels/index.ts";
import type { Emulators } from "../src/channels/emulators/server.ts";
import { createOutboxWorker } from "../src/channels/outbox/outbox-worker.ts";
import { withTx } from "../src/platform/db/pool.ts";
import { createCaptureWriter, listCapturedItems } from "../src/records/capture/index.ts";
import type { TestApp } from "./helpers/app.ts";
import { channelOnEmulator } from "./helpers/channel-on-emulator.ts";

describe("Mastodon: webhooks, polling, reply and ban", () => {
  let t: TestApp;
  let emu: Emulators;
  let ch: ChannelRuntime;
  let key: Buffer;
  let base: string;
  const ME = "109000000000000001";

  before(async () => {
    ({ t, emu, key, ch, base } = await channelOnEmulator({
      platform: "mastodon", externalId: ME, name: "@stad@social.example",
      credentials: { accessToken: "mastodon-admin-token", webhookSecret: "mastodon-hook-secret" },
    }));
    emu.mastodon.tokens.set("mastodon-admin-token", { accountId: ME, admin: true });
    emu.mastodon.webhook = { url: `${base}/webhooks/mastodon`, secret: "mastodon-hook-secret" };
  });

  test("HTML content becomes readable text", () => {
    assert.equal(htmlToText('<p><span class="h-card"><a href="x">@<span>stad</span></a></span> Hej &amp; tack!</p><p>Rad två<br>rad tre &#x1F600;</p>'), "@stad Hej & tack!\n\nRad två\nrad tre 😀");
  });

  test("a signed status webhook is captured; a forged one is refused", async () => {
    const s = await emu.mastodon.post({ accountId: ME, accountAcct: "stad", from: { id: "42", acct: "karin@mastodon.example" }, html: "<p>@stad När plogas Kungsgatan?</p>" });
    const items = await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "mastodon" });
    assert.equal(items.find((i) => i.platformItemId === s.id)?.text, "@stad När plogas Kungsgatan?");
    const forged = await t.app.inject({ method: "POST", url: "/webhooks/mastodon", headers: { "content-type": "application/json", "x-hub-signature": "sha256=" + "0".repeat(64) }, payload: "{}" });
    assert.equal(forged.statusCode, 401);
  });

  test("polling mentions catches what no webhook delivered, once", async () => {
    emu.mastodon.webhook = undefined;
    for (let i = 0; i < 50; i++) await emu.mastodon.post({ accountId: ME, accountAcct: "stad", from: { id: `u${i}`, acct: `boende${i}` }, html: `<p>@stad fråga ${i}</p>` });
    const deps = { pool: t.db.pool, writer: createCaptureWriter({ pool: t.db.pool }) };
    const r = await pollMastodon(deps, ch);
    assert.equal(r.created, 50, "the one from the webhook is recognised");
    assert.equal((await pollMastodon(deps, ch)).created, 0);
  });

  test("reply is posted once even when retried; ban suspends the author on the city's server; delete is not possible", async () => {
    const item = (await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "mastodon" }))[0]!;
    const worker = createOutboxWorker({ pool: t.db.pool, key, backoffBaseMs: 20 });
    const enqueue = (action: "reply" | "ban" | "delete", params = {}) =>
      withTx(t.db.pool, (tx) => enqueuePlatformAction(tx, { orgId: t.org.id, channelId: ch.id, itemId: item.id, action, params, idempotencyKey: `m-${action}`, actor: { id: null, label: "m" } }));
    emu.mastodon.faults.add({ status: 502, count: 1, methods: ["POST"], applyThenFail: true });
    await enqueue("reply", { message: "Kungsgatan plogas i natt." });
    for (let i = 0; i < 20 && emu.mastodon.applied.filter((a) => a.action === "reply").length === 0; i++) await worker.runDue();
    await new Promise((r) => setTimeout(r, 100));
    await worker.runDue();
    assert.equal(emu.mastodon.applied.filter((a) => a.action === "reply").length, 1);
    assert.equal(emu.mastodon.idempotency.size, 1);
    await enqueue("ban");
    const del = await enqueue("delete");
    for (let i = 0; i < 5; i++) await worker.runDue();
    assert.ok(emu.mastodon.suspended.has(item.author.platformId!));
    const row = (await t.db.pool.query("select state, last_error_sv from platform_actions where id = $1", [del.id])).rows[0];
    assert.equal(row.state, "dead");
    assert.match(row.last_error_sv, /Mastodon låter inte Växel ta bort/);
  });
});
