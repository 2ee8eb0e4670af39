// Lifting a ban (issue #6): undoing a ban decision — on the item page or from
// the block list — writes the lift row with its own decision, rule, legal
// basis and reason (append-only), and tells the platform through the outbox
// where its API can lift a ban: Facebook (DELETE /{page-id}/blocked) and
// Mastodon (admin unsuspend), each against its emulator. YouTube has no
// un-ban in its Data API: no job, and the block list says so in plain words.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { addChannel } from "../src/channels/index.ts";
import type { Emulators } from "../src/channels/emulators/server.ts";
import type { FbTestChannel } from "../src/channels/test-support.ts";
import { addBareChannel, seedAnalysedItems, testFinding } from "../src/moderation/test-support.ts";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import type { TestApp } from "./helpers/app.ts";
import { moderationOnFacebook, type ModerationOnFacebook } from "./helpers/moderation-on-facebook.ts";

const MASTODON_ME = "109000000000000001";

describe("moderation: lifting a ban", () => {
  let t: TestApp;
  let emu: Emulators;
  let fb: FbTestChannel;
  let m: ModerationOnFacebook;
  let settle: ModerationOnFacebook["settle"];
  let mod: { cookie: string; csrf: string };

  before(async () => {
    m = await moderationOnFacebook({ post: "Nya cykelbanor på Storgatan." });
    ({ t, emu, fb, settle } = m);
    await addChannel({ pool: t.db.pool, key: loadEncryptionKey(t.cfg) }, {
      orgId: t.org.id, platform: "mastodon", externalId: MASTODON_ME, name: "@stad@social.example", apiBaseUrl: `${emu.url}/mastodon`,
      credentials: { accessToken: "mastodon-admin-token", webhookSecret: "mastodon-hook-secret" }, actor: { id: null, label: "test" },
    });
    emu.mastodon.tokens.set("mastodon-admin-token", { accountId: MASTODON_ME, admin: true });
    emu.mastodon.webhook = { url: `${m.base}/webhooks/mastodon`, secret: "mastodon-hook-secret" };
    mod = await m.signIn("bans-moderator");
  });

  const api = (method: string, url: string, body?: unknown) => m.api(mod, method, url, body);
  const decide = (itemId: string, body: Record<string, unknown>) => api("POST", `/moderation/items/${itemId}/decisions`, body);
  async function fbThreat(authorId: string): Promise<string> {
    const { itemId } = await m.comment("Jag ska döda dig, vi vet var du bor.", { id: authorId, name: `Person ${authorId}` });
    await settle();
    return itemId;
  }
  /** A ban with a written reason (no warning came first). Returns the ban decision id. */
  async function ban(itemId: string): Promise<string> {
    const r = await decide(itemId, { kind: "ban", ruleId: "threat", legalBasis: "bbs-5", reason: "Upprepade grova hot mot personal." });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await settle();
    return (r.body as { decision: { id: string } }).decision.id;
  }
  type BanJson = { id: string; authorPlatformId: string; liftedAt: string | null; liftReason: string | null; liftDecisionId: string | null; liftRuleId: string | null; liftLegalBasis: string | null; unban: string };
  const blockList = async () => (await api("GET", "/moderation/blocklist.json")).body as BanJson[];

  test("undo on a Facebook ban lifts it: lift row with rule, basis and reason, unblocked through the outbox", async () => {
    const itemId = await fbThreat("u-lift");
    const banId = await ban(itemId);
    assert.ok(emu.facebook.blocked.get(fb.pageId)!.has("u-lift"));

    const noReason = await decide(itemId, { kind: "undo", refId: banId });
    assert.equal(noReason.status, 400, "a lift is a public record that says why");
    assert.equal((noReason.body as { error: { code: string } }).error.code, "validation_failed");
    assert.equal((await t.db.pool.query("select count(*)::int as n from moderation_ban_lifts")).rows[0].n, 0);

    const undo = await decide(itemId, { kind: "undo", refId: banId, reason: "Personen har bett om ursäkt." });
    assert.equal(undo.status, 201, JSON.stringify(undo.body));
    const out = undo.body as { decision: { id: string; ruleId: string; legalBasis: string }; platformActions: { action: string }[] };
    assert.deepEqual(out.platformActions.map((a) => a.action), ["unban"]);
    assert.equal(out.decision.ruleId, "threat");
    assert.equal(out.decision.legalBasis, "bbs-5");
    await settle();
    assert.equal(emu.facebook.blocked.get(fb.pageId)!.has("u-lift"), false, "unblocked on the Page");
    assert.equal(emu.facebook.countApplied("unblock", "u-lift"), 1);
    const job = await t.db.pool.query("select state, params from platform_actions where idempotency_key = $1", [`moderation:${out.decision.id}:unban`]);
    assert.deepEqual(job.rows, [{ state: "done", params: { authorPlatformId: "u-lift" } }]);

    const lift = (await t.db.pool.query("select l.decision_id, l.rule_id, l.legal_basis, l.reason, l.actor_label from moderation_ban_lifts l join moderation_bans b on b.id = l.ban_id where b.decision_id = $1", [banId])).rows;
    assert.deepEqual(lift, [{ decision_id: out.decision.id, rule_id: "threat", legal_basis: "bbs-5", reason: "Personen har bett om ursäkt.", actor_label: "bans-moderator" }]);
    const entry = (await blockList()).find((b) => b.authorPlatformId === "u-lift")!;
    assert.ok(entry.liftedAt, "the block list shows the ban as lifted");
    assert.equal(entry.liftDecisionId, out.decision.id);
    assert.equal(entry.unban, "platform");
    await assert.rejects(t.db.pool.query("delete from moderation_ban_lifts"), /append-only|not allowed|refuse/i);
    const audit = await t.db.pool.query<{ action: string }>("select action from audit_events where action in ('moderation.undo', 'moderation.ban.lifted') and (target_id = $1 or target_id = (select id::text from moderation_bans where decision_id = $2))", [itemId, banId]);
    assert.deepEqual(audit.rows.map((r) => r.action).sort(), ["moderation.ban.lifted", "moderation.undo"]);

    const page = await t.app.inject({ method: "GET", url: `/moderation/items/${itemId}`, headers: { cookie: mod.cookie } });
    assert.doesNotMatch(page.body, /<strong>Avstängd\.<\/strong>/, "the author is no longer shown as banned");
    const again = await decide(itemId, { kind: "undo", refId: banId, reason: "En gång till." });
    assert.equal(again.status, 409, "a ban is lifted once");
    // Lifted, the author can be banned again (a new ban row; the old one stays).
    await ban(itemId);
    assert.ok(emu.facebook.blocked.get(fb.pageId)!.has("u-lift"));
    assert.equal((await blockList()).filter((b) => b.authorPlatformId === "u-lift").length, 2);
  });

  test("the item page asks for a reason before it lifts a ban", async () => {
    const itemId = await fbThreat("u-form");
    const banId = await ban(itemId);
    const page = await t.app.inject({ method: "GET", url: `/moderation/items/${itemId}`, headers: { cookie: mod.cookie } });
    assert.match(page.body, new RegExp(`<label for="lift-${banId}">[^<]+</label> <input id="lift-${banId}" name="reason" required`));
  });

  test("lifting from the block list is the same undo decision and reaches the platform", async () => {
    const itemId = await fbThreat("u-list");
    const banDecision = await ban(itemId);
    const entry = (await blockList()).find((b) => b.authorPlatformId === "u-list" && !b.liftedAt)!;
    // Facebook unblocks but the answer is lost: the retry must find it done, not unblock twice.
    emu.facebook.faults.add({ status: 502, count: 1, methods: ["DELETE"], applyThenFail: true });
    const r = await api("POST", `/moderation/blocklist/${entry.id}/lift`, { reason: "Avstängningen var ett misstag." });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const jobId = (r.body as { platformActions: { action: string; id: string }[] }).platformActions.find((a) => a.action === "unban")!.id;
    const t0 = Date.now();
    let job: { state: string; attempts: number; result: unknown } | undefined;
    while (Date.now() - t0 < 20_000) {
      await t.app.channels.outbox.runDue();
      job = (await t.db.pool.query("select state, attempts, result from platform_actions where id = $1", [jobId])).rows[0];
      if (job!.state === "done" || job!.state === "dead") break;
      await new Promise((res) => setTimeout(res, 200));
    }
    assert.equal(job!.state, "done", JSON.stringify(job));
    assert.equal(job!.attempts, 2);
    assert.equal(emu.facebook.blocked.get(fb.pageId)!.has("u-list"), false);
    assert.equal(emu.facebook.countApplied("unblock", "u-list"), 1, "unblocked once: the retry reconciled first");
    const undo = await t.db.pool.query("select kind, ref_id, rule_id, legal_basis, reason from moderation_decisions where item_id = $1 and kind = 'undo'", [itemId]);
    assert.deepEqual(undo.rows, [{ kind: "undo", ref_id: banDecision, rule_id: "threat", legal_basis: "bbs-5", reason: "Avstängningen var ett misstag." }]);
    assert.equal((await api("POST", `/moderation/blocklist/${entry.id}/lift`, { reason: "Igen." })).status, 409);
  });

  test("Mastodon: a lifted ban unsuspends the account on the city's server", async () => {
    const s = await emu.mastodon.post({ accountId: MASTODON_ME, accountAcct: "stad", from: { id: "777", acct: "arg@mastodon.example" }, html: "<p>@stad Jag ska döda dig.</p>" });
    const itemId = (await t.db.pool.query<{ id: string }>("select id from captured_items where platform_item_id = $1", [s.id])).rows[0]!.id;
    await settle();
    const banId = await ban(itemId);
    assert.ok(emu.mastodon.suspended.has("777"));
    const undo = await decide(itemId, { kind: "undo", refId: banId, reason: "Beslutet omprövat." });
    assert.equal(undo.status, 201, JSON.stringify(undo.body));
    await settle();
    assert.equal(emu.mastodon.suspended.has("777"), false);
    assert.deepEqual(emu.mastodon.applied.filter((a) => a.target === "777").map((a) => a.action), ["suspend", "unsuspend"]);
  });

  test("YouTube has no un-ban: no outbox job, and the block list says it is done in YouTube Studio", async () => {
    const channelId = await addBareChannel(t.db.pool, t.org.id, "Stadens YouTube", "youtube");
    const [itemId] = await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: 1, text: () => "Jag ska döda dig.", labels: ["threat"], action: "review", findings: [testFinding("threat", "bbs-5")], platform: "youtube" });
    const b = await decide(itemId!, { kind: "ban", ruleId: "threat", legalBasis: "bbs-5", reason: "Grovt hot mot en tjänsteperson." });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    assert.deepEqual((b.body as { platformActions: { action: string }[] }).platformActions.map((a) => a.action), ["ban"]);
    const undo = await decide(itemId!, { kind: "undo", refId: (b.body as { decision: { id: string } }).decision.id, reason: "Omprövat efter samtal." });
    assert.equal(undo.status, 201, JSON.stringify(undo.body));
    assert.deepEqual((undo.body as { platformActions: unknown[] }).platformActions, []);
    const entry = (await blockList()).find((x) => x.liftDecisionId === (undo.body as { decision: { id: string } }).decision.id)!;
    assert.equal(entry.unban, "manual");
    const page = await t.app.inject({ method: "GET", url: "/moderation/blocklist", headers: { cookie: mod.cookie } });
    assert.match(page.body, /Dolda användare i YouTube Studio/);
    const en = await t.app.inject({ method: "GET", url: "/moderation/blocklist?lang=en", headers: { cookie: mod.cookie } });
    assert.match(en.body, /Hidden users in YouTube Studio/);
  });
});
