// Moderation behaviour the audit of issue #6 found untested: strikes expire
// with their window, the consistency panel and the author's history beside an
// item, the queue's channel, unit and age filters, an appeal form past its
// deadline (closed, said plainly in Swedish and English), and notices in the
// organisation's notice language (English here) rather than the deciding
// moderator's interface language.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Emulators } from "../src/channels/emulators/server.ts";
import { DEMO_IDS, seedDemoDirectory } from "../src/directory/index.ts";
import { RULE_LABELS } from "../src/moderation/domain/rules.ts";
import { loadSettings } from "../src/moderation/store.ts";
import { addBareChannel, seedAnalysedItems, testFinding } from "../src/moderation/test-support.ts";
import { authorStanding } from "../src/moderation/use-cases/author-strikes.ts";
import type { TestApp } from "./helpers/app.ts";
import { moderationOnFacebook, type ModerationOnFacebook } from "./helpers/moderation-on-facebook.ts";

describe("moderation behaviour", () => {
  let t: TestApp;
  let m: ModerationOnFacebook;
  let emu: Emulators;
  let api: ModerationOnFacebook["api"];
  let mod: { cookie: string; csrf: string; id: string };
  let admin: { cookie: string; csrf: string };
  let n = 0;

  before(async () => {
    m = await moderationOnFacebook({ post: "Vi bygger om torget i sommar." });
    ({ t, emu, api } = m);
    await seedDemoDirectory(t.db.pool, t.org.id);
    mod = await m.signIn("behaviour-mod");
    admin = await t.login(t.admin.username, t.admin.password);
  });

  async function decide(itemId: string, body: Record<string, unknown>, url = `/moderation/items/${itemId}/decisions`) {
    const r = await api(mod, "POST", url, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { decision: { id: string } };
  }
  const page = async (url: string) => (await t.app.inject({ method: "GET", url, headers: { cookie: mod.cookie } })).body;
  const seed = (channelId: string, n: number, category: "commercial" | "misleading" | "spam", o: { authors?: number; at?: (i: number) => Date } = {}) =>
    seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n, text: (i) => `Kommentar ${category} ${i} ${channelId.slice(0, 8)}`, labels: [category], action: "review", findings: [testFinding(category)], platform: "linkedin", ...o });
  // Channels without a platform behind them, as LinkedIn pages: the Facebook webhook reads every Facebook channel's credentials.
  const bareChannel = (name: string) => addBareChannel(t.db.pool, t.org.id, name, "linkedin");
  async function fbComment(message: string): Promise<{ id: string; platformId: string }> {
    n += 1;
    const { c, itemId } = await m.comment(message, { id: `b${n}`, name: `Boende ${n}` });
    await m.settle();
    return { id: itemId, platformId: c.id };
  }

  test("strike expiry: a removal older than the window no longer counts", async () => {
    const channelId = await bareChannel("Strikesidan");
    const [old, recent] = await seed(channelId, 2, "spam", { authors: 1 });
    const author = (await t.db.pool.query<{ a: string }>("select author_platform_id as a from capture_versions where item_id = $1", [old])).rows[0]!.a;
    // A person's hide 100 days ago (the events are append-only: the old one is written as it would have been then).
    await t.db.pool.query(
      `insert into moderation_decisions (org_id, item_id, channel_id, kind, rule_id, legal_basis, actor_id, actor_label, author_platform_id, at)
       values ($1, $2, $3, 'hide', 'spam', 'page-rule', $4, 'behaviour-mod', $5, now() - interval '100 days')`, [t.org.id, old, channelId, mod.id, author]);
    await decide(recent!, { kind: "hide", ruleId: "spam", legalBasis: "page-rule" });
    const settings = await loadSettings(t.db.pool, t.org.id);
    assert.equal(settings.strikeWindowDays, 90);
    const now = await authorStanding(t.db.pool, { orgId: t.org.id, channelId, authorPlatformId: author, settings });
    assert.deepEqual([now.strikes, now.strikeItems], [1, [recent]], "the 100-day-old strike is outside the 90-day window");
    assert.match(await page(`/moderation/items/${recent}`), /Överträdelser inom perioden: 1 av 3/);
    const wider = await authorStanding(t.db.pool, { orgId: t.org.id, channelId, authorPlatformId: author, settings: { ...settings, strikeWindowDays: 120 } });
    assert.equal(wider.strikes, 2, "inside a 120-day window it counts");
    const later = await authorStanding(t.db.pool, { orgId: t.org.id, channelId, authorPlatformId: author, settings, now: new Date(Date.now() + 91 * 86_400_000) });
    assert.equal(later.strikes, 0, "91 days on, the recent one has expired too");
  });

  test("beside an item: how similar comments under the rule were decided, and the author's history", async () => {
    const channelId = await bareChannel("Jämförsidan");
    const [a, b, c, target] = await seed(channelId, 4, "commercial", { authors: 1 });
    const [stranger] = await seed(channelId, 1, "commercial");
    await decide(a!, { kind: "delete", ruleId: "commercial", legalBasis: "page-rule" });
    await decide(b!, { kind: "delete", ruleId: "commercial", legalBasis: "page-rule" });
    await decide(c!, { kind: "keep", ruleId: "commercial" });
    await decide(stranger!, { kind: "keep", ruleId: "commercial" });
    const html = await page(`/moderation/items/${target}`);
    const consistency = html.slice(html.indexOf('id="c-h"'), html.indexOf('id="dec-h"'));
    const label = RULE_LABELS.commercial.sv;
    assert.match(consistency, new RegExp(`<tr><td>${label}</td><td>Ta bort</td><td>2</td></tr>`));
    assert.match(consistency, new RegExp(`<tr><td>${label}</td><td>Godkänn</td><td>2</td></tr>`), "the stranger's kept comment counts for consistency");
    const history = html.slice(html.indexOf('id="h-h"'), html.indexOf('id="c-h"'));
    for (const id of [a, b, c]) assert.ok(history.includes(`href="/moderation/items/${id}"`), `history lists ${id}`);
    assert.ok(!history.includes(`href="/moderation/items/${stranger}"`), "another author's comment is not in this author's history");
    assert.ok(!history.includes(`href="/moderation/items/${target}"`), "the item itself is not its own history");
    assert.match(history, /Ta bort · Kommersiella budskap och reklam · behaviour-mod/);
  });

  test("queue filters: channel, owning unit and age", async () => {
    const withUnit = await bareChannel("Bygglovssidan");
    const other = await bareChannel("Annan sida");
    await t.db.pool.query("update channels set unit_id = $1 where id = $2", [DEMO_IDS.bygglov, withUnit]);
    const [oldOne] = await seed(withUnit, 1, "misleading", { at: () => new Date(Date.now() - 3 * 3_600_000) });
    const [fresh] = await seed(withUnit, 1, "misleading");
    const [elsewhere] = await seed(other, 1, "misleading");
    const ids = async (q: string) => ((await api(mod, "GET", `/api/v1/moderation/queue?category=misleading&${q}`)).body as { items: { item: { id: string } }[] }).items.map((i) => i.item.id).sort();
    assert.deepEqual(await ids(""), [oldOne, fresh, elsewhere].sort());
    assert.deepEqual(await ids(`channel=${withUnit}`), [oldOne, fresh].sort());
    assert.deepEqual(await ids(`channel=${other}`), [elsewhere]);
    assert.deepEqual(await ids(`unit=${DEMO_IDS.bygglov}`), [oldOne, fresh].sort());
    assert.deepEqual(await ids("minAge=120"), [oldOne], "only what has waited two hours or more");
    assert.deepEqual(await ids(`unit=${DEMO_IDS.bygglov}&minAge=240`), []);
    const html = await page(`/moderation?category=misleading&unit=${DEMO_IDS.bygglov}`);
    assert.ok(html.includes(`/moderation/items/${oldOne}`) && html.includes(`/moderation/items/${fresh}`) && !html.includes(`/moderation/items/${elsewhere}`));
    assert.match(html, /<option value="7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0021" selected>[^<]*Bygglov/i, "the unit filter names the directory's unit");
  });

  test("an appeal form past its deadline is closed and says so in Swedish and English", async () => {
    const open = await fbComment("Fy fan vilket skittorg det blir.");
    const d = await decide(open.id, { kind: "hide", ruleId: "profanity", legalBasis: "page-rule" });
    const token = (await t.db.pool.query<{ appeal_token: string }>("select appeal_token from moderation_notifications where decision_id = $1", [d.decision.id])).rows[0]!.appeal_token;
    // A notice whose appeal period ended yesterday (rows are append-only: written as it stood then).
    const expired = "utgangen-overklagan-0001";
    await t.db.pool.query(
      `insert into moderation_notifications (org_id, decision_id, item_id, lang, body, delivery, appeal_token, appeal_open_until, at)
       values ($1, $2, $3, 'sv', 'Din kommentar har dolts.', 'manual', $4, $5, now() - interval '15 days')`,
      [t.org.id, d.decision.id, open.id, expired, new Date("2026-01-10T12:00:00Z")]);
    const sv = await t.app.inject({ method: "GET", url: `/overklaga/${expired}` });
    assert.equal(sv.statusCode, 200);
    assert.match(sv.body, /<p role="status">Tiden för att överklaga gick ut 2026-01-10\. Överklagandet är stängt och beslutet står fast\./);
    assert.doesNotMatch(sv.body, /<textarea/, "no form to fill in");
    const en = await t.app.inject({ method: "GET", url: `/overklaga/${expired}?lang=en` });
    assert.match(en.body, /The time to appeal ended on 2026-01-10\. The appeal is closed and the decision stands\./);
    // A form kept open in another tab past the deadline: back to the page that says so, nothing recorded.
    const form = await t.app.inject({ method: "GET", url: `/overklaga/${token}` });
    const cookie = form.cookies.find((x) => x.name === "vaxel_csrf")!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const late = await t.app.inject({
      method: "POST", url: `/overklaga/${expired}`, headers: { "content-type": "application/x-www-form-urlencoded", cookie: `vaxel_csrf=${cookie.value}` },
      payload: new URLSearchParams({ _csrf: csrf, body: "Jag hann inte." }).toString(),
    });
    assert.equal(late.statusCode, 303);
    assert.equal(late.headers.location, `/overklaga/${expired}`);
    assert.equal((await t.db.pool.query("select count(*)::int as n from moderation_appeals where item_id = $1", [open.id])).rows[0].n, 0);
  });

  test("notices follow the organisation's notice language, not the moderator's interface language", async () => {
    const set = await api(admin, "POST", "/moderation/settings", { strikeThreshold: 3, strikeWindowDays: 90, appealDays: 14, reviewLimitMinutes: 240, noticeLang: "en" });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const settingsPage = await t.app.inject({ method: "GET", url: "/moderation/settings", headers: { cookie: admin.cookie } });
    assert.match(settingsPage.body, /<option value="en" selected>Engelska<\/option>/);
    const c = await fbComment("Fy fan, vilken jävla skitplan.");
    const d = await decide(c.id, { kind: "hide", ruleId: "profanity", legalBasis: "page-rule" });
    const notice = (await t.db.pool.query<{ lang: string; body: string; appeal_token: string }>("select lang, body, appeal_token from moderation_notifications where decision_id = $1", [d.decision.id])).rows[0]!;
    assert.equal(notice.lang, "en");
    assert.match(notice.body, /^Your comment has been hidden under the rule "Swearing and obscene words"\. Our published page rules do not allow it\. You can appeal until \d{4}-\d\d-\d\d: http.*\/overklaga\//);
    for (let i = 0; i < 5; i++) await t.app.channels.outbox.runDue();
    assert.ok([...emu.facebook.comments.values()].some((x) => x.parentId === c.platformId && x.message === notice.body), "the English notice is the reply on the platform");
    // Numbers only (an older client) keep the choice; back to Swedish, a moderator working in English still sends Swedish.
    assert.equal((await api(admin, "POST", "/moderation/settings", { strikeThreshold: 3, strikeWindowDays: 90, appealDays: 14, reviewLimitMinutes: 240 })).status, 200);
    assert.equal((await loadSettings(t.db.pool, t.org.id)).noticeLang, "en");
    assert.equal((await api(admin, "POST", "/moderation/settings", { strikeThreshold: 3, strikeWindowDays: 90, appealDays: 14, reviewLimitMinutes: 240, noticeLang: "sv" })).status, 200);
    const c2 = await fbComment("Vilket jävla skitbygge.");
    const d2 = await decide(c2.id, { kind: "hide", ruleId: "profanity", legalBasis: "page-rule" }, `/moderation/items/${c2.id}/decisions?lang=en`);
    const n2 = (await t.db.pool.query<{ lang: string; body: string }>("select lang, body from moderation_notifications where decision_id = $1", [d2.decision.id])).rows[0]!;
    assert.equal(n2.lang, "sv");
    assert.match(n2.body, /^Din kommentar har dolts enligt regeln ”Svordomar och obscena ord”/);
    const audit = await t.db.pool.query("select after from audit_events where action = 'moderation.settings.updated' order by seq");
    assert.deepEqual(audit.rows.map((r) => r.after.noticeLang), ["en", "en", "sv"]);
  });

  test("no Swedish leftovers in English, no raw codes: thread, platform jobs, notices, police report, monthly report, queue script", async () => {
    const c = await fbComment("Jag ska döda dig, jävla idiot.");
    const rep = await api(mod, "POST", `/moderation/items/${c.id}/decisions`, { kind: "report_police", ruleId: "threat", legalBasis: "bbs-5" });
    assert.equal(rep.status, 201, JSON.stringify(rep.body));
    await decide(c.id, { kind: "hide", ruleId: "insult", legalBasis: "page-rule" }).catch(() => undefined);
    for (let i = 0; i < 5; i++) await t.app.channels.outbox.runDue();
    await t.app.moderation.idle();
    const en = await page(`/moderation/items/${c.id}?lang=en`);
    assert.match(en, /data-action="hide" data-state="done">Hide: <strong>done<\/strong> \(1 attempts\)/);
    assert.match(en, /<span class="muted">comment · Boende \d+ · [^<]*<\/span>/, "the item kind in words of the page's language");
    assert.doesNotMatch(en, / · dold| · borttagen|>hide: |>reply: |>manual: /);
    const sv = await page(`/moderation/items/${c.id}`);
    assert.match(sv, /Dölj: <strong>klar<\/strong> \(1 försök\)/);
    assert.match(sv, /<span class="muted">kommentar · Boende \d+ · [^<]*<\/span>/);
    const reportId = (rep.body as { policeReportId: string }).policeReportId;
    const report = await page(`/moderation/police-reports/${reportId}?lang=en`);
    assert.match(report, /<dt>Hash chain<\/dt>/);
    assert.doesNotMatch(report, /Hashkedja/);
    const sup = await page("/moderation/supervision?lang=en");
    assert.match(sup, /<th scope="col">Month<\/th>/);
    assert.match(await page("/moderation/supervision"), /<th scope="col">Månad<\/th>/);
    const queue = await page("/moderation?lang=en");
    assert.match(queue, /data-msg-empty="The queue is empty\." data-msg-new="\{n\} new in the queue\." data-msg-error="Error \{status\}"/);
    const js = (await t.app.inject({ method: "GET", url: "/moderation/assets/queue.js" })).body;
    assert.doesNotMatch(js, /Fel |message_sv \?\?|nya i kön|Kön är tom/, "the script's words come from the page, in its language");
  });

  test("a notice's delivery is said in words", async () => {
    const c = await fbComment("Fy fan vad dåligt, jävla skit.");
    await decide(c.id, { kind: "hide", ruleId: "profanity", legalBasis: "page-rule" });
    assert.match(await page(`/moderation/items/${c.id}?lang=en`), /<p class="muted">Sent as a reply on the platform: /);
    assert.match(await page(`/moderation/items/${c.id}`), /<p class="muted">Skickat som svar på plattformen: /);
  });
});
