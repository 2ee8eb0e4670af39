// Moderation through the real HTTP stack, a real PostgreSQL and the Facebook
// emulator: automatic actions as the system actor, the queue and its views,
// decisions as append-only events with rule and legal basis, the criticism
// guard (RF 1:9) with a second moderator, a threat taken to a police package
// and a ban, strikes and the warning before a ban, appeals restoring an item,
// a spam flood bulk-deleted, the block list as a record, and the CLI.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { before, describe, test } from "node:test";
import { promisify } from "node:util";
import type { Emulators } from "../src/channels/emulators/server.ts";
import type { FbComment } from "../src/channels/emulators/facebook.ts";
import type { FbTestChannel } from "../src/channels/test-support.ts";
import type { TestApp } from "./helpers/app.ts";
import { moderationOnFacebook, type ModerationOnFacebook } from "./helpers/moderation-on-facebook.ts";
import { seedDemoDirectory } from "../src/directory/index.ts";
import { withTx } from "../src/platform/db/pool.ts";
import { submitAppeal } from "../src/moderation/use-cases/appeals.ts";
import { recordDecision } from "../src/moderation/index.ts";

const PNR = "20000229-2399"; // Skatteverket test number (personnummer-testdata)

describe("moderation", () => {
  let t: TestApp;
  let emu: Emulators;
  let fb: FbTestChannel;
  let mod1: { cookie: string; csrf: string; id: string };
  let mod2: { cookie: string; csrf: string; id: string };
  let comment: ModerationOnFacebook["comment"];
  let settle: ModerationOnFacebook["settle"];
  let api: ModerationOnFacebook["api"];

  before(async () => {
    const m = await moderationOnFacebook({ post: "Simhallen stänger för renovering i maj." });
    ({ t, emu, fb, comment, settle, api } = m);
    await seedDemoDirectory(t.db.pool, t.org.id);
    mod1 = await m.signIn("moderator1");
    mod2 = await m.signIn("moderator2");
  });

  const decide = (who: typeof mod1, itemId: string, body: Record<string, unknown>) => api(who, "POST", `/moderation/items/${itemId}/decisions`, body);
  async function queue(view?: string) {
    const r = await api(mod1, "GET", `/api/v1/moderation/queue${view ? `?view=${view}` : ""}`);
    assert.equal(r.status, 200);
    return r.body as { counts: Record<string, number>; items: { item: { id: string }; text: string; findings: { category: string; ruleId: string; legalBasis: string }[]; state: { view: string; visibility: string } }[] };
  }

  test("a personnummer is hidden at once by the system and waits for a person; a threat is hidden and escalated", async () => {
    const pnr = await comment(`Min grannes personnummer är ${PNR}, ring henne.`);
    const threat = await comment("Jag ska döda dig, vi vet var du bor.", { id: "u-threat", name: "Hotfull Person" });
    await settle();
    assert.equal(emu.facebook.comments.get(pnr.c.id)!.isHidden, true, "hidden on the platform through the outbox");
    assert.equal(emu.facebook.comments.get(threat.c.id)!.isHidden, true);
    const auto = await queue("auto_hidden");
    const p = auto.items.find((i) => i.item.id === pnr.itemId);
    assert.ok(p, "personnummer in 'hidden automatically'");
    assert.deepEqual(p.findings.map((f) => [f.category, f.legalBasis]), [["personal_data", "page-rule"]]);
    const esc = await queue("escalated");
    assert.ok(esc.items.some((i) => i.item.id === threat.itemId && i.findings.some((f) => f.category === "threat" && f.legalBasis === "bbs-5")));
    const sys = await t.db.pool.query("select kind, actor_id, rule_id, legal_basis from moderation_decisions where item_id = $1 order by seq", [threat.itemId]);
    assert.deepEqual(sys.rows.map((r) => [r.kind, r.actor_id, r.rule_id, r.legal_basis]), [["hide", null, "threat", "bbs-5"], ["escalate", null, "threat", "bbs-5"]]);
    // The platform's answer is recorded with the outbox job and shown with the item.
    const st = await t.db.pool.query("select action, state from platform_actions where item_id = $1", [pnr.itemId]);
    assert.deepEqual(st.rows, [{ action: "hide", state: "done" }]);
    const page = await t.app.inject({ method: "GET", url: `/moderation/items/${pnr.itemId}`, headers: { cookie: mod1.cookie } });
    assert.match(page.body, /data-action="hide" data-state="done">Dölj: <strong>klar<\/strong>/);
  });

  test("decisions are append-only in PostgreSQL and every decision is in the audit trail", async () => {
    await assert.rejects(t.db.pool.query("update moderation_decisions set reason = 'x'"), /append-only|not allowed|refuse/i);
    await assert.rejects(t.db.pool.query("delete from moderation_decisions"), /append-only|not allowed|refuse/i);
    const a = await t.db.pool.query("select count(*)::int as n from audit_events where action like 'moderation.%'");
    const d = await t.db.pool.query("select count(*)::int as n from moderation_decisions");
    assert.equal(a.rows[0].n >= d.rows[0].n, true);
  });

  test("a rule must exist and a page-rule category cannot be cited on the §5 basis", async () => {
    const { itemId } = await comment("Det här är skit, fy fan.");
    await settle();
    const unknown = await decide(mod1, itemId, { kind: "hide", ruleId: "nonsense" });
    assert.equal(unknown.status, 422);
    assert.equal((unknown.body as { error: { code: string } }).error.code, "moderation_rule_required");
    const r = await decide(mod1, itemId, { kind: "hide", ruleId: "profanity", legalBasis: "bbs-5" });
    assert.equal(r.status, 422);
    assert.equal((r.body as { error: { code: string } }).error.code, "moderation_basis_invalid");
    const police = await decide(mod1, itemId, { kind: "report_police", ruleId: "profanity", legalBasis: "page-rule" });
    assert.equal(police.status, 422, "only crimes (a §5 rule on the §5 basis) go to the police");
  });

  test("criticism guard (RF 1:9): removal on a page rule needs a reason and a second moderator", async () => {
    const { c, itemId } = await comment("Kommunen är inkompetent, fy fan vilket skandalöst beslut av nämnden.");
    await settle();
    const q = await queue("needs_review");
    assert.ok(q.items.some((i) => i.item.id === itemId), "criticism with profanity waits for a person, not hidden by the system");
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, false);

    const noReason = await decide(mod1, itemId, { kind: "hide", ruleId: "profanity", legalBasis: "page-rule" });
    assert.equal(noReason.status, 422);
    assert.equal((noReason.body as { error: { code: string } }).error.code, "moderation_criticism_reason_required");

    const pending = await decide(mod1, itemId, { kind: "hide", ruleId: "profanity", legalBasis: "page-rule", reason: "Grovt språk, kritiken kan skrivas om utan svordomar." });
    assert.equal(pending.status, 201);
    const pb = pending.body as { decision: { id: string; needsConfirmation: boolean; criticism: boolean }; platformActions: unknown[] };
    assert.equal(pb.decision.needsConfirmation, true);
    assert.equal(pb.decision.criticism, true);
    assert.deepEqual(pb.platformActions, [], "nothing reaches the platform before the second moderator");
    assert.ok((await queue("pending_confirmation")).items.some((i) => i.item.id === itemId));

    const self = await decide(mod1, itemId, { kind: "confirm", refId: pb.decision.id });
    assert.equal(self.status, 403);
    assert.equal((self.body as { error: { code: string } }).error.code, "moderation_second_moderator_required");

    const ok = await decide(mod2, itemId, { kind: "confirm", refId: pb.decision.id });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal((ok.body as { state: { visibility: string } }).state.visibility, "hidden");
    await settle();
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, true);
  });

  test("criticism removed on the §5 ground is not held up (the law's duty)", async () => {
    const { itemId } = await comment("Politikerna i nämnden borde avgå, jag ska döda er alla.");
    await settle();
    const r = await decide(mod1, itemId, { kind: "delete", ruleId: "threat", legalBasis: "bbs-5" });
    assert.equal(r.status, 201);
    assert.equal((r.body as { decision: { needsConfirmation: boolean } }).decision.needsConfirmation, false);
  });

  test("undo is a new event: undoing a hide restores the item on the platform", async () => {
    const { c, itemId } = await comment("Köp billiga solglasögon på www.billigt-brillor.example rabattkod SOL50 nu!");
    await settle();
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, true);
    const sysHide = (await t.db.pool.query("select id from moderation_decisions where item_id = $1 and kind = 'hide'", [itemId])).rows[0].id;
    const r = await decide(mod1, itemId, { kind: "undo", refId: sysHide });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await settle();
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, false);
    const kinds = (await t.db.pool.query("select kind from moderation_decisions where item_id = $1 order by seq", [itemId])).rows.map((x) => x.kind);
    assert.deepEqual(kinds, ["hide", "undo"]);
  });

  test("a threat from arrival to a police package (JSON, PDF), a case number, strikes, a warning and a ban", async () => {
    const author = { id: "u-repeat", name: "Återfallare Åsa" };
    const first = await comment("Jag ska döda dig, vi vet var du bor.", author);
    await settle();
    const rep = await decide(mod1, first.itemId, { kind: "report_police", ruleId: "threat", legalBasis: "bbs-5" });
    assert.equal(rep.status, 201, JSON.stringify(rep.body));
    const reportId = (rep.body as { policeReportId: string }).policeReportId;
    assert.ok(reportId);
    const pkg = await api(mod1, "GET", `/moderation/police-reports/${reportId}/package.json`);
    assert.equal(pkg.status, 200);
    const p = (pkg.body as { package: { item: { text: string; platformItemId: string }; author: { platformId: string; name: string }; chainProof: { verified: boolean; checkedLinks: number }; versions: { hash: string }[]; channel: { platform: string }; thread: unknown[] }; sha256: string });
    assert.equal(p.package.item.text, "Jag ska döda dig, vi vet var du bor.");
    assert.equal(p.package.item.platformItemId, first.c.id);
    assert.equal(p.package.author.platformId, "u-repeat");
    assert.equal(p.package.author.name, "Återfallare Åsa");
    assert.equal(p.package.channel.platform, "facebook");
    assert.equal(p.package.chainProof.verified, true);
    assert.ok(p.package.chainProof.checkedLinks > 0);
    assert.ok(p.package.versions.length >= 1 && /^[0-9a-f]{64}$/.test(p.package.versions[0]!.hash));
    assert.ok(p.package.thread.length >= 2, "the thread around it");
    assert.match(p.sha256, /^[0-9a-f]{64}$/);
    await t.app.moderation.idle();
    const png = await api(mod1, "GET", `/moderation/police-reports/${reportId}/rendering.png`);
    assert.equal(png.status, 200, "a screenshot of how it looked (headless Chromium)");
    assert.deepEqual([...png.raw.rawPayload.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    const pdf = await api(mod1, "GET", `/moderation/police-reports/${reportId}/package.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.raw.rawPayload.subarray(0, 5).toString(), "%PDF-");
    assert.ok(pdf.raw.rawPayload.includes(Buffer.from("DejaVuSans")), "the Unicode font is embedded");
    assert.ok(pdf.raw.rawPayload.includes(Buffer.from("/Subtype /Image")), "the screenshot is in the PDF");
    const st = await api(mod1, "POST", `/moderation/police-reports/${reportId}/status`, { status: "received", caseNumber: "5000-K123456-26" });
    assert.equal(st.status, 200);
    const ev = await t.db.pool.query("select status, case_number from police_report_events where report_id = $1 order by seq", [reportId]);
    assert.deepEqual(ev.rows.map((r) => [r.status, r.case_number]), [["created", null], ["received", "5000-K123456-26"]]);

    // Second removal → the system warns (one below the threshold of 3).
    const second = await comment("Du är en jävla idiot och borde dö.", author);
    await settle();
    assert.equal((await decide(mod1, second.itemId, { kind: "delete", ruleId: "threat", legalBasis: "bbs-5" })).status, 201);
    const warn = await t.db.pool.query("select actor_id from moderation_decisions where author_platform_id = 'u-repeat' and kind = 'warn'");
    assert.equal(warn.rowCount, 1);
    assert.equal(warn.rows[0].actor_id, null);
    const notice = await t.db.pool.query("select body from moderation_notifications n join moderation_decisions d on d.id = n.decision_id where d.kind = 'warn' and d.author_platform_id = 'u-repeat'");
    assert.match(notice.rows[0].body, /varning/);

    const third = await comment("Jag ska bränna ner ert kontor.", author);
    await settle();
    await decide(mod1, third.itemId, { kind: "hide", ruleId: "threat", legalBasis: "bbs-5" });
    const page = await t.app.inject({ method: "GET", url: `/moderation/items/${third.itemId}`, headers: { cookie: mod1.cookie } });
    assert.match(page.body, /Avstängning föreslås/);
    const ban = await decide(mod1, third.itemId, { kind: "ban", ruleId: "threat", legalBasis: "bbs-5" });
    assert.equal(ban.status, 201, JSON.stringify(ban.body));
    await settle();
    assert.ok(emu.facebook.blocked.get(fb.pageId)!.has("u-repeat"), "banned on the platform through the outbox");
    const list = await api(mod1, "GET", "/moderation/blocklist.json");
    const entry = (list.body as { authorPlatformId: string; strikes: number; warned: boolean }[]).find((b) => b.authorPlatformId === "u-repeat");
    assert.ok(entry);
    assert.equal(entry.strikes, 3);
    assert.equal(entry.warned, true);
    const csv = await api(mod1, "GET", "/moderation/blocklist.csv");
    assert.match(csv.raw.body, /u-repeat/);
    await assert.rejects(t.db.pool.query("delete from moderation_bans"), /append-only|not allowed|refuse/i);
    const audit = await t.db.pool.query("select action from audit_events where target_id in ($1, $2) order by seq", [first.itemId, reportId]);
    assert.ok(audit.rows.some((r) => r.action === "moderation.report_police"));
    assert.ok(audit.rows.some((r) => r.action === "moderation.police_report.created"));
  });

  test("a ban without a warning needs a written reason", async () => {
    const { itemId } = await comment("Jag ska skjuta dig.", { id: "u-once", name: "Engångs" });
    await settle();
    const r = await decide(mod1, itemId, { kind: "ban", ruleId: "threat", legalBasis: "bbs-5" });
    assert.equal(r.status, 422);
    assert.equal((r.body as { error: { code: string } }).error.code, "moderation_ban_needs_warning");
  });

  test("appeal: public form (CSRF), decided by another moderator, upheld → restored on the platform", async () => {
    const { c, itemId } = await comment(`Här är personnumret ${PNR} till honom.`, { id: "u-appeal", name: "Överklagare" });
    await settle();
    const conf = await decide(mod1, itemId, { kind: "hide", ruleId: "personal_data", legalBasis: "page-rule" });
    assert.equal(conf.status, 201);
    const notif = await t.db.pool.query<{ appeal_token: string; body: string; delivery: string }>("select appeal_token, body, delivery from moderation_notifications where item_id = $1", [itemId]);
    assert.equal(notif.rowCount, 1);
    assert.equal(notif.rows[0]!.delivery, "reply");
    assert.match(notif.rows[0]!.body, /Känsliga personuppgifter/);
    const token = notif.rows[0]!.appeal_token;
    assert.ok(notif.rows[0]!.body.includes(`/overklaga/${token}`));

    const form = await t.app.inject({ method: "GET", url: `/overklaga/${token}` });
    assert.equal(form.statusCode, 200);
    const csrfCookie = form.cookies.find((x) => x.name === "vaxel_csrf")!;
    const formToken = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const forged = await t.app.inject({ method: "POST", url: `/overklaga/${token}`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "body=x" });
    assert.equal(forged.statusCode, 403, "no CSRF token, no appeal");
    const sent = await t.app.inject({
      method: "POST", url: `/overklaga/${token}`, headers: { "content-type": "application/x-www-form-urlencoded", cookie: `vaxel_csrf=${csrfCookie.value}` },
      payload: new URLSearchParams({ _csrf: formToken, body: "Det var ett påhittat nummer, inte ett riktigt." }).toString(),
    });
    assert.equal(sent.statusCode, 303);
    const appeal = (await t.db.pool.query("select id from moderation_appeals where item_id = $1", [itemId])).rows[0].id;
    const self = await api(mod1, "POST", `/moderation/appeals/${appeal}/decide`, { outcome: "upheld", reason: "ok" });
    assert.equal(self.status, 403);
    const up = await api(mod2, "POST", `/moderation/appeals/${appeal}/decide`, { outcome: "upheld", reason: "Numret var inte en verklig persons." });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.equal((up.body as { delivery: string }).delivery, "reply");
    await settle();
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, false, "restored on the platform");
    // The resident is told, as a reply under the comment (through the outbox).
    const told = [...emu.facebook.comments.values()].filter((x) => x.parentId === c.id && /Ditt överklagande har bifallits och din kommentar har återställts/.test(x.message));
    assert.equal(told.length, 1, "outcome replied on the platform");
    assert.match(told[0]!.message, /Numret var inte en verklig persons/);
  });

  test("a rejected appeal: the item stays hidden and the resident is told the decision stands", async () => {
    const { c, itemId } = await comment("Köp billiga solglasögon på www.fynd-brillor.example, bara idag!", { id: "u-rej", name: "Säljare" });
    await settle();
    assert.equal((await decide(mod1, itemId, { kind: "hide", ruleId: "commercial", legalBasis: "page-rule" })).status, 201);
    const token = (await t.db.pool.query("select appeal_token from moderation_notifications where item_id = $1", [itemId])).rows[0].appeal_token;
    const appealId = await withTx(t.db.pool, (tx) => submitAppeal(tx, { token, body: "Det var ett tips, ingen reklam.", contact: "saljare@example.org" }));
    const r = await api(mod2, "POST", `/moderation/appeals/${appealId}/decide`, { outcome: "rejected", reason: "Länk till en butik med erbjudande är reklam." });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual([(r.body as { restoredDecisionId: null }).restoredDecisionId, (r.body as { delivery: string }).delivery], [null, "reply"]);
    await settle();
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, true, "still hidden");
    const told = [...emu.facebook.comments.values()].filter((x) => x.parentId === c.id && /Ditt överklagande har avslagits/.test(x.message));
    assert.equal(told.length, 1);
    assert.match(told[0]!.message, /Beslutet enligt regeln ”.+” står fast. Motivering: Länk till en butik/);
    const audit = await t.db.pool.query("select after from audit_events where action = 'moderation.appeal.rejected' and target_id = $1", [appealId]);
    assert.equal(audit.rows[0].after.message.delivery, "reply");
  });

  test("an upheld appeal on a deleted comment is recorded and takes the strike away (deletion cannot be undone on the platform)", async () => {
    const author = { id: "u-del", name: "Raderad" };
    const { itemId } = await comment("Du är en jävla idiot.", author);
    await settle();
    assert.equal((await decide(mod1, itemId, { kind: "delete", ruleId: "insult", legalBasis: "page-rule" })).status, 201);
    const token = (await t.db.pool.query("select appeal_token, delivery from moderation_notifications where item_id = $1", [itemId])).rows[0];
    assert.equal(token.delivery, "manual", "a deleted comment cannot be replied to: listed for manual sending");
    const appealId = await withTx(t.db.pool, (tx) => submitAppeal(tx, { token: token.appeal_token, body: "Det var ett skämt mellan vänner." }));
    const r = await api(mod2, "POST", `/moderation/appeals/${appealId}/decide`, { outcome: "upheld", reason: "Skämt mellan vänner, ingen kränkning." });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal((r.body as { restoredDecisionId: string | null }).restoredDecisionId, null);
    const page = await t.app.inject({ method: "GET", url: `/moderation/items/${itemId}`, headers: { cookie: mod1.cookie } });
    assert.match(page.body, /Överträdelser inom perioden: 0 av/);
    assert.equal((r.body as { delivery: string }).delivery, "manual", "a deleted comment takes no reply: the outcome is listed for manual sending");
    const manual = await t.app.inject({ method: "GET", url: "/moderation/notifications", headers: { cookie: mod1.cookie } });
    assert.match(manual.body, /Din kommentar har tagits bort/);
    assert.match(manual.body, /Ditt överklagande har bifallits. Kommentaren var borttagen/);
  });

  test("a spam flood: bulk delete, one event per item with the same bulk id", async () => {
    const ids: string[] = [];
    const cs: FbComment[] = [];
    for (let i = 0; i < 6; i++) {
      const x = await comment("Tjäna 5000 kr om dagen hemifrån!!! Klicka här www.snabba-pengar.example", { id: `bot${i}`, name: `Bot ${i}` });
      ids.push(x.itemId);
      cs.push(x.c);
    }
    await settle();
    const r = await api(mod1, "POST", "/moderation/bulk", { ids, kind: "delete", ruleId: "spam", legalBasis: "page-rule" });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal((r.body as { done: string[] }).done.length, 6);
    await settle();
    for (const c of cs) assert.equal(emu.facebook.comments.get(c.id)!.deleted, true);
    const b = await t.db.pool.query("select count(distinct bulk_id)::int as b, count(*)::int as n from moderation_decisions where item_id = any($1::uuid[]) and actor_id is not null", [ids]);
    assert.deepEqual(b.rows[0], { b: 1, n: 6 });
    const q = await queue();
    assert.ok(!q.items.some((i) => ids.includes(i.item.id)));
  });

  test("supervision: time to first review per channel, monthly report and analytics CSV", async () => {
    const s = await api(mod1, "GET", "/api/v1/moderation/supervision");
    assert.equal(s.status, 200);
    const ch = (s.body as { channels: { channelId: string; reviewed: number; p50: number; wallP50: number; hoursFrom: string | null }[] }).channels.find((c) => c.channelId === fb.channel.id)!;
    assert.ok(ch.reviewed > 0);
    assert.ok(ch.p50 >= 0 && ch.p50 <= ch.wallP50, "working time never exceeds clock time");
    assert.equal(ch.hoursFrom, "Kontaktcenter – en väg in", "no owning unit: the contact center's opening hours are the team's hours");
    const rep = await api(mod1, "GET", "/moderation/report.csv");
    assert.match(rep.raw.body, /^\uFEFFmonth;rule;actor;decision;n\r?\n/);
    assert.match(rep.raw.body, /;moderator1;/);
    const an = await api(mod1, "GET", "/moderation/analytics.csv");
    assert.match(an.raw.body, /^\uFEFFday;category;channel;items\r?\n\d{4}-\d\d-\d\d;/);
    const page = await t.app.inject({ method: "GET", url: "/moderation/supervision", headers: { cookie: mod1.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg role="img"/);
  });

  test("a question gets a reply suggestion with the directory's contact card; the sent reply is a recorded decision", async () => {
    const { c, itemId } = await comment("Hej, vart vänder jag mig för bygglov till ett garage?");
    await settle();
    assert.ok((await queue("questions")).items.some((i) => i.item.id === itemId), "an unanswered question is in the questions view");
    const page = await t.app.inject({ method: "GET", url: `/moderation/items/${itemId}`, headers: { cookie: mod1.cookie } });
    const draft = /<textarea id="message"[^>]*>([^<]*)<\/textarea>/.exec(page.body)?.[1] ?? "";
    assert.match(draft, /bygglov@trollhattan\.se/);
    const r = await decide(mod1, itemId, { kind: "reply", message: draft.replace(/&amp;/g, "&") });
    assert.equal(r.status, 201);
    await settle();
    assert.equal(emu.facebook.countApplied("reply", c.id), 1);
    const d = await t.db.pool.query("select params->>'message' as m, rule_id from moderation_decisions where item_id = $1 and kind = 'reply'", [itemId]);
    assert.match(d.rows[0].m, /bygglov@trollhattan\.se/);
    assert.equal(d.rows[0].rule_id, null, "answering a question applies no page rule");
    assert.ok(!(await queue("questions")).items.some((i) => i.item.id === itemId), "answered: out of the view");
    await assert.rejects(t.db.pool.query("insert into moderation_decisions (org_id, item_id, channel_id, kind, legal_basis, actor_label) select org_id, id, channel_id, 'hide', 'page-rule', 'x' from captured_items where id = $1", [itemId]), /moderation_decisions_rule_required/);
  });

  test("hostile comment text is escaped on the queue and item pages", async () => {
    const { itemId } = await comment('<img src=x onerror=alert(1)> fy fan "<script>');
    await settle();
    for (const url of ["/moderation?view=needs_review", `/moderation/items/${itemId}`]) {
      const res = await t.app.inject({ method: "GET", url, headers: { cookie: mod1.cookie } });
      assert.equal(res.statusCode, 200);
      assert.ok(!res.body.includes("<img src=x"), url);
      assert.ok(res.body.includes("&lt;img src=x onerror=alert(1)&gt;"), url);
    }
  });

  test("vaxel moderation queue --json prints the open queue as JSONL", async () => {
    const run = promisify(execFile);
    const r = await run(path.resolve(import.meta.dirname, "../bin/vaxel"), ["moderation", "queue", "--json"], { env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: "silent" } });
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { item: { id: string }; text: string; findings: { category: string; ruleId: string; legalBasis: string }[]; state: { view: string } });
    assert.ok(lines.length > 0);
    for (const l of lines) {
      assert.ok(l.item.id && typeof l.state.view === "string");
      for (const f of l.findings) assert.ok(f.category && f.ruleId && (f.legalBasis === "bbs-5" || f.legalBasis === "page-rule"));
    }
    const api1 = await queue();
    assert.deepEqual(lines.map((l) => l.item.id).sort(), api1.items.map((i) => i.item.id).sort());
  });

  test("settings: the strike threshold and the appeal period are configurable (admin only), and audited", async () => {
    const admin = await t.login(t.admin.username, t.admin.password);
    assert.equal((await api(mod1, "POST", "/moderation/settings", { strikeThreshold: 2, strikeWindowDays: 30, appealDays: 1, reviewLimitMinutes: 60 })).status, 403);
    const bad = await api(admin, "POST", "/moderation/settings", { strikeThreshold: 0, strikeWindowDays: 30, appealDays: 1, reviewLimitMinutes: 60 });
    assert.equal(bad.status, 400);
    const ok = await api(admin, "POST", "/moderation/settings", { strikeThreshold: 2, strikeWindowDays: 30, appealDays: 1, reviewLimitMinutes: 60 });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const author = { id: "u-two", name: "Två Gånger" };
    const a = await comment("Jag ska döda dig.", author);
    await settle();
    await decide(mod1, a.itemId, { kind: "hide", ruleId: "threat", legalBasis: "bbs-5" });
    const warned = await t.db.pool.query("select 1 from moderation_decisions where author_platform_id = 'u-two' and kind = 'warn'");
    assert.equal(warned.rowCount, 1, "threshold 2: warned after the first strike");
    const b = await comment("Vi vet var du bor.", author);
    await settle();
    await decide(mod1, b.itemId, { kind: "hide", ruleId: "threat", legalBasis: "bbs-5" });
    const page = await t.app.inject({ method: "GET", url: `/moderation/items/${b.itemId}`, headers: { cookie: mod1.cookie } });
    assert.match(page.body, /Överträdelser inom perioden: 2 av 2/);
    assert.match(page.body, /Avstängning föreslås/);
    const n = await t.db.pool.query<{ appeal_open_until: Date; at: Date }>("select appeal_open_until, at from moderation_notifications where item_id = $1", [b.itemId]);
    const days = (n.rows[0]!.appeal_open_until.getTime() - n.rows[0]!.at.getTime()) / 86_400_000;
    assert.ok(Math.abs(days - 1) < 0.01, `appeal open ${days} days`);
    const audit = await t.db.pool.query("select before, after from audit_events where action = 'moderation.settings.updated'");
    assert.equal(audit.rows[0].after.strikeThreshold, 2);
  });
});

describe("moderation with the workers running (as in production)", () => {
  test("a personnummer arriving by webhook is hidden on the platform by the system within seconds, no manual step", async () => {
    const { t, emu, fb, postId } = await moderationOnFacebook({ post: "Välkommen till biblioteket!", workers: true });
    const t0 = Date.now();
    const c = await emu.facebook.comment({ pageId: fb.pageId, postId, from: { id: "w1", name: "Wilma" }, message: `Ring min bror, personnummer ${PNR}.` });
    while (!emu.facebook.comments.get(c.id)!.isHidden && Date.now() - t0 < 15_000) await new Promise((r) => setTimeout(r, 50));
    assert.equal(emu.facebook.comments.get(c.id)!.isHidden, true, `hidden after ${Date.now() - t0} ms`);
    const d = await t.db.pool.query("select kind, actor_id, actor_label from moderation_decisions");
    assert.deepEqual(d.rows, [{ kind: "hide", actor_id: null, actor_label: "system" }]);

    // A decision made by another process reaches this one's open queues through PostgreSQL (LISTEN/NOTIFY).
    const itemId = (await t.db.pool.query<{ id: string }>("select id from captured_items where platform_item_id = $1", [c.id])).rows[0]!.id;
    const heard = new Promise<{ orgId: string; itemIds: string[] }>((resolve) => {
      const on = (e: { orgId: string; itemIds: string[] }) => {
        if (e.itemIds.includes(itemId)) {
          t.app.moderation.events.off("queue", on);
          resolve(e);
        }
      };
      t.app.moderation.events.on("queue", on);
    });
    await withTx(t.db.pool, (tx) => recordDecision(tx, { orgId: t.org.id, itemId, kind: "keep", ruleId: "personal_data", actor: { id: null, label: "other-process" }, publicUrl: "http://x" }));
    const e = await Promise.race([heard, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    assert.equal(e?.orgId, t.org.id);
  });
});
