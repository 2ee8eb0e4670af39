// YouTube against its emulator: polling with pageToken into capture (held
// comments too), edits as new versions, the daily quota budget with a reserve
// for moderation, and rejection only after the comment is captured.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { pollYouTube } from "../src/channels/adapters/youtube/poll.ts";
import { enqueuePlatformAction, addChannel, type ChannelRuntime } from "../src/channels/index.ts";
import { getChannelRuntime } from "../src/channels/registry/index.ts";
import { startEmulators, type Emulators } from "../src/channels/emulators/server.ts";
import { createOutboxWorker } from "../src/channels/outbox/outbox-worker.ts";
import { createCaptureWriter, listCapturedItems } from "../src/records/capture/index.ts";
import { withTx } from "../src/platform/db/pool.ts";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { onCleanup } from "./helpers/db.ts";

describe("YouTube: polling, quota, capture before rejection", () => {
  let t: TestApp;
  let emu: Emulators;
  let ch: ChannelRuntime;
  let key: Buffer;
  const CHANNEL = "UCabcdefghijklmnopqrstuv";
  const deps = () => ({ pool: t.db.pool, writer: createCaptureWriter({ pool: t.db.pool }) });

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    key = loadEncryptionKey(t.cfg);
    emu = await startEmulators();
    onCleanup(() => emu.close());
    const { channel } = await addChannel({ pool: t.db.pool, key }, {
      orgId: t.org.id, platform: "youtube", externalId: CHANNEL, name: "Trollhättans Stad på YouTube", apiBaseUrl: `${emu.url}/youtube`,
      credentials: { accessToken: "ya29.test-token" }, actor: { id: null, label: "test" },
    });
    ch = await getChannelRuntime(t.db.pool, key, t.org.id, channel.id);
    emu.youtube.addChannel(CHANNEL, "ya29.test-token");
  });

  test("a poll follows nextPageToken and captures published and held comments with their replies; a second poll adds nothing", async () => {
    for (let i = 0; i < 150; i++) emu.youtube.comment({ channelId: CHANNEL, videoId: "vid1", author: { id: `UCviewer${i}`, name: `Tittare ${i}` }, text: `Bra film om älvrummet nummer ${i}!` });
    const top = [...emu.youtube.comments.values()][0]!;
    emu.youtube.comment({ channelId: CHANNEL, videoId: "vid1", parentId: top.id, author: { id: "UCx", name: "Svarare" }, text: "Håller med" });
    emu.youtube.comment({ channelId: CHANNEL, videoId: "vid1", author: { id: "UCheld", name: "Spammare" }, text: "Köp billiga solglasögon på example.com", heldForReview: true });
    const r = await pollYouTube(deps(), ch);
    assert.ok(r.pages >= 3, `pages ${r.pages}`);
    assert.equal(r.created, 152);
    const items = await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "youtube" });
    assert.equal(items.length, 152);
    assert.equal(items.filter((i) => i.kind === "reply").length, 1);
    assert.equal(items.find((i) => i.author.platformId === "UCheld")!.hidden, true, "held for review is captured as hidden");
    const again = await pollYouTube(deps(), ch);
    assert.equal(again.created, 0);
  });

  test("an edited comment becomes a new version on the next poll", async () => {
    const c = [...emu.youtube.comments.values()].find((x) => x.text.endsWith("nummer 149!"))!;
    c.text = "Ändrad: bra film!";
    c.updatedAt = new Date(Date.now() + 1000).toISOString();
    const r = await pollYouTube(deps(), ch);
    assert.equal(r.created, 1);
    const item = (await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "youtube" })).find((i) => i.platformItemId === c.id)!;
    assert.equal(item.text, "Ändrad: bra film!");
    assert.equal(item.versions.length, 2);
  });

  test("polling stops at its share of the daily quota; moderation still has its reserve", async () => {
    await t.db.pool.query("update channel_state set quota_used = 8000, quota_day = (now() at time zone 'America/Los_Angeles')::date where channel_id = $1", [ch.id]);
    await assert.rejects(pollYouTube(deps(), ch), /quota_exceeded/);
    const item = (await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "youtube" })).find((i) => i.author.platformId === "UCviewer3")!;
    const worker = createOutboxWorker({ pool: t.db.pool, key, backoffBaseMs: 20 });
    const a = await withTx(t.db.pool, (tx) => enqueuePlatformAction(tx, { orgId: t.org.id, channelId: ch.id, itemId: item.id, action: "hide", idempotencyKey: "yt-hide-1", actor: { id: null, label: "m" } }));
    await worker.runDue();
    const row = (await t.db.pool.query("select state from platform_actions where id = $1", [a.id])).rows[0];
    assert.equal(row.state, "done");
    assert.equal(emu.youtube.comments.get(item.platformItemId)!.moderationStatus, "heldForReview");
    const used = (await t.db.pool.query("select quota_used from channel_state where channel_id = $1", [ch.id])).rows[0].quota_used;
    assert.equal(used, 8000 + 1 + 50, "snapshot read (1) and setModerationStatus (50)");
    await t.db.pool.query("update channel_state set quota_used = 0 where channel_id = $1", [ch.id]);
  });

  test("ban: the comment's latest text is captured before it is rejected (rejected comments cannot be listed again)", async () => {
    const target = [...emu.youtube.comments.values()].find((x) => x.author.id === "UCviewer7")!;
    const item = (await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "youtube" })).find((i) => i.platformItemId === target.id)!;
    target.text = "Text ändrad precis innan moderatorn agerade";
    target.updatedAt = new Date(Date.now() + 2000).toISOString();
    const worker = createOutboxWorker({ pool: t.db.pool, key, backoffBaseMs: 20 });
    const a = await withTx(t.db.pool, (tx) => enqueuePlatformAction(tx, { orgId: t.org.id, channelId: ch.id, itemId: item.id, action: "ban", idempotencyKey: "yt-ban-1", actor: { id: null, label: "m" } }));
    await worker.runDue();
    assert.equal((await t.db.pool.query("select state from platform_actions where id = $1", [a.id])).rows[0].state, "done");
    assert.equal(target.moderationStatus, "rejected");
    assert.ok(emu.youtube.bannedAuthors.has("UCviewer7"));
    const v = await t.db.pool.query("select source, text from capture_versions where item_id = $1 order by seq", [item.id]);
    assert.deepEqual(v.rows.map((r) => r.source), ["poll", "pre_action"]);
    assert.equal(v.rows[1].text, target.text);
    await pollYouTube(deps(), ch);
    const after = await t.db.pool.query("select count(*)::int as n from capture_versions where item_id = $1", [item.id]);
    assert.equal(after.rows[0].n, 2, "the rejected comment is gone from the listings but kept in the records");
    // The earlier hide shows up in the next poll as the platform's state.
    const hiddenItem = (await listCapturedItems(t.db.pool, { orgId: t.org.id, platform: "youtube" })).find((i) => i.author.platformId === "UCviewer3")!;
    assert.equal(hiddenItem.hidden, true);
  });
});
