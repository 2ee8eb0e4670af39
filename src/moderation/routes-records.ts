// Moderation screens that are records: police reports (package JSON/PDF,
// status, case number), the rendering of how an item looked, the block list
// (page, CSV, JSON, lift), the public appeal form and the moderators' appeal
// list, notices to send by hand, supervision and analytics with CSV.
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import type { Pool } from "../platform/db/pool.ts";
import { withTx } from "../platform/db/pool.ts";
import { AppError, ERROR_CATALOGUE } from "../platform/errors.ts";
import { html } from "../web/html.ts";
import { page } from "../web/layout.ts";
import { RULE_LABELS, isRuleId } from "./domain/rules.ts";
import { renderPolicePdf } from "./police/render-pdf.ts";
import { REPORT_STATUSES, updatePoliceReport } from "./police/create-police-report.ts";
import { sendPage } from "./web/send-page.ts";
import type { ModerationRuntime } from "./runtime.ts";
import { decideAppeal, findNotice, listAppeals, submitAppeal } from "./use-cases/appeals.ts";
import { listBans } from "./use-cases/block-list.ts";
import { liftBanFromList } from "./use-cases/lift-ban.ts";
import { auditUnmaskedRead, type UnmaskedVia } from "./use-cases/audit-unmasked-read.ts";
import { loadItemContext } from "./use-cases/item-context.ts";
import { toCsvTable } from "../web/csv.ts";
import { monthlyReport, supervisionReport } from "./use-cases/supervision.ts";
import { loadSettings } from "./store.ts";
import { updateSettings } from "./use-cases/update-settings.ts";
import { barChart } from "./web/chart.ts";
import { highlight } from "./web/highlight.ts";
import { tm, type ModKey } from "./web/messages.ts";

const Id = Type.Object({ id: Type.String({ format: "uuid" }) });
const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "–");
const ruleName = (lang: "sv" | "en", r: string) => (isRuleId(r) ? RULE_LABELS[r][lang] : r);

export const recordsRoutes: FastifyPluginAsync<{ pool: Pool; cfg: Config; runtime: ModerationRuntime }> = async (app, { pool, cfg, runtime }) => {
  // ── Police reports ────────────────────────────────────────────────────────
  async function loadReport(orgId: string, id: string) {
    const r = await pool.query<{ id: string; item_id: string; package: Record<string, unknown>; package_sha256: string; at: Date; actor_label: string }>(
      "select id, item_id, package, package_sha256, at, actor_label from police_reports where org_id = $1 and id = $2", [orgId, id]);
    if (!r.rows[0]) throw new AppError("not_found");
    const ev = await pool.query<{ status: string; case_number: string | null; note: string | null; actor_label: string; at: Date }>(
      "select status, case_number, note, actor_label, at from police_report_events where org_id = $1 and report_id = $2 order by seq", [orgId, id]);
    const png = await pool.query<{ png: Buffer; png_sha256: string }>("select png, png_sha256 from police_report_renderings where org_id = $1 and report_id = $2", [orgId, id]);
    return { ...r.rows[0], events: ev.rows, rendering: png.rows[0] ?? null };
  }

  /** A police package shows the comment unmasked: audited when it carries personal data (frozen findings or the latest analysis). */
  async function auditReport(req: FastifyRequest, via: UnmaskedVia, r: { item_id: string; package: Record<string, unknown> }) {
    const p = req.principal!;
    const frozen = ((r.package as { offence?: { findings?: { category: string }[] } }).offence?.findings) ?? [];
    await auditUnmaskedRead(pool, { orgId: p.orgId, actor: { id: p.userId, label: p.username }, via, items: [{ id: r.item_id, findings: frozen }, { id: r.item_id }], requestId: req.id });
  }

  app.get("/moderation/police-reports", { config: { permission: "moderation:read", html: true }, schema: { hide: true } }, async (req, reply) => {
    const p = req.principal!;
    const r = await pool.query<{ id: string; item_id: string; at: Date; status: string; case_number: string | null; rule: string }>(
      `select r.id, r.item_id, r.at, e.status, e.case_number, r.package->'offence'->>'rule' as rule from police_reports r
         cross join lateral (select status, (select case_number from police_report_events x where x.report_id = r.id and x.case_number is not null order by seq desc limit 1) as case_number
                               from police_report_events e where e.report_id = r.id order by seq desc limit 1) e
        where r.org_id = $1 order by r.at desc`, [p.orgId]);
    const lang = req.lang;
    const rows = r.rows.map((x) => html`<tr><td><a href="/moderation/police-reports/${x.id}">${iso(x.at)}</a></td><td>${ruleName(lang, x.rule)}</td><td>${tm(lang, `status.${x.status}` as ModKey)}</td><td>${x.case_number ?? "–"}</td></tr>`);
    return sendPage(req, reply, tm(lang, "police.list"), html`<h1>${tm(lang, "police.list")}</h1>
${rows.length ? html`<table><thead><tr><th scope="col">${tm(lang, "at")}</th><th scope="col">${tm(lang, "rule")}</th><th scope="col">${tm(lang, "police.status")}</th><th scope="col">${tm(lang, "police.case")}</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>–</p>`}`);
  });

  app.get("/moderation/police-reports/:id", { config: { permission: "moderation:read", html: true }, schema: { hide: true, params: Id } }, async (req, reply) => {
    const p = req.principal!;
    const lang = req.lang;
    const r = await loadReport(p.orgId, (req.params as { id: string }).id);
    await auditReport(req, "police_report_page", r);
    const pkg = r.package as { item: { text: string | null; url: string | null }; author: { name: string | null; platformId: string | null }; offence: { rule: string }; chainProof: { verified: boolean; checkedLinks: number } };
    const events = r.events.map((e) => html`<li>${iso(e.at)} · ${tm(lang, `status.${e.status}` as ModKey)}${e.case_number ? html` · ${e.case_number}` : ""}${e.note ? html` — ${e.note}` : ""} · ${e.actor_label}</li>`);
    return sendPage(req, reply, tm(lang, "police.title"), html`<h1>${tm(lang, "police.title")}</h1>
<p><a href="/moderation/items/${r.item_id}">${tm(lang, "item.title")}</a> · <a href="/moderation/police-reports/${r.id}/package.pdf">${tm(lang, "police.pdf")}</a> · <a href="/moderation/police-reports/${r.id}/package.json">${tm(lang, "police.json")}</a> · <a href="/moderation/items/${r.item_id}/render">${tm(lang, "police.render")}</a></p>
<dl><dt>${tm(lang, "rule")}</dt><dd>${ruleName(lang, pkg.offence.rule)}</dd><dt>${tm(lang, "author")}</dt><dd>${pkg.author.name ?? "?"} (${pkg.author.platformId ?? "?"})</dd>
<dt>SHA-256</dt><dd><code>${r.package_sha256}</code></dd><dt>${tm(lang, "police.chain")}</dt><dd>${pkg.chainProof.verified ? "✓" : "✗"} (${pkg.chainProof.checkedLinks})</dd></dl>
<blockquote class="mod-text">${pkg.item.text ?? ""}</blockquote>
${r.rendering ? html`<figure><img src="/moderation/police-reports/${r.id}/rendering.png" alt="${tm(lang, "police.render")}: ${pkg.item.text ?? ""}" width="624"><figcaption>${tm(lang, "police.render")} · SHA-256 <code>${r.rendering.png_sha256}</code></figcaption></figure>` : ""}
<h2>${tm(lang, "police.status")}</h2><ol>${events}</ol>
<form method="post" action="/moderation/police-reports/${r.id}/status"><input type="hidden" name="_csrf" value="${p.csrfToken ?? ""}">
<label for="status">${tm(lang, "police.status")}</label> <select id="status" name="status">${REPORT_STATUSES.map((s) => html`<option value="${s}">${tm(lang, `status.${s}` as ModKey)}</option>`)}</select>
<label for="caseNumber">${tm(lang, "police.case")}</label> <input id="caseNumber" name="caseNumber" maxlength="100">
<button type="submit">${tm(lang, "police.update")}</button></form>`);
  });

  app.get("/moderation/police-reports/:id/package.json", { config: { permission: "moderation:read" }, schema: { tags: ["moderation"], summary: "The frozen police report package (JSON)", security: [{ bearer: [] }], params: Id } }, async (req, reply) => {
    const r = await loadReport(req.principal!.orgId, (req.params as { id: string }).id);
    await auditReport(req, "police_package_json", r);
    return reply.header("content-disposition", `attachment; filename="polisanmalan-${r.id}.json"`).send({ id: r.id, sha256: r.package_sha256, status: r.events.at(-1)?.status, caseNumber: r.events.filter((e) => e.case_number).at(-1)?.case_number ?? null, package: r.package });
  });

  app.get("/moderation/police-reports/:id/package.pdf", { config: { permission: "moderation:read" }, schema: { hide: true, params: Id } }, async (req, reply) => {
    const r = await loadReport(req.principal!.orgId, (req.params as { id: string }).id);
    await auditReport(req, "police_package_pdf", r);
    const pdf = await renderPolicePdf(r.package, { reportId: r.id, sha256: r.package_sha256, png: r.rendering?.png, pngSha256: r.rendering?.png_sha256 });
    return reply.type("application/pdf").header("content-disposition", `attachment; filename="polisanmalan-${r.id}.pdf"`).send(pdf);
  });

  app.get("/moderation/police-reports/:id/rendering.png", { config: { permission: "moderation:read" }, schema: { hide: true, params: Id } }, async (req, reply) => {
    const r = await loadReport(req.principal!.orgId, (req.params as { id: string }).id);
    if (!r.rendering) throw new AppError("not_found");
    return reply.type("image/png").header("x-content-sha256", r.rendering.png_sha256).send(r.rendering.png);
  });

  app.post("/moderation/police-reports/:id/status", {
    config: { permission: "moderation:decide" },
    schema: { tags: ["moderation"], summary: "Record a police report's status and case number", security: [{ bearer: [] }], params: Id,
      body: Type.Object({ status: Type.String({ maxLength: 20 }), caseNumber: Type.Optional(Type.String({ maxLength: 100 })), note: Type.Optional(Type.String({ maxLength: 2000 })), _csrf: Type.Optional(Type.String()) }) },
  }, async (req, reply) => {
    const p = req.principal!;
    const id = (req.params as { id: string }).id;
    const b = req.body as { status: string; caseNumber?: string; note?: string };
    await withTx(pool, (tx) => updatePoliceReport(tx, { orgId: p.orgId, reportId: id, status: b.status, caseNumber: b.caseNumber, note: b.note, actor: { id: p.userId, label: p.username }, requestId: req.id }));
    if ((req.headers.accept ?? "").includes("application/json")) return { ok: true };
    return reply.redirect(`/moderation/police-reports/${id}`, 303);
  });

  // How the item looked on the platform: a comment card from the captured copy.
  app.get("/moderation/items/:id/render", { config: { permission: "moderation:read", html: true }, schema: { hide: true, params: Id } }, async (req, reply) => {
    const c = await loadItemContext(pool, req.principal!.orgId, (req.params as { id: string }).id);
    if (!c) throw new AppError("not_found");
    await auditUnmaskedRead(pool, { orgId: req.principal!.orgId, actor: { id: req.principal!.userId, label: req.principal!.username }, via: "item_render", items: [{ id: c.item.id, findings: c.analysis?.findings ?? [] }], requestId: req.id });
    const lang = req.lang;
    const cards = (c.thread.length ? c.thread : [{ id: c.item.id, kind: c.item.kind, authorName: c.item.authorName, text: c.item.text, at: c.item.firstCapturedAt, self: true, hidden: false, removed: false }])
      .map((t) => html`<li class="render-card${t.self ? " self" : ""}"><p><strong>${t.authorName ?? "?"}</strong> <span class="muted">${iso(t.at)}</span></p><p>${t.self ? highlight(t.text ?? "", c.analysis?.findings ?? []) : t.text ?? ""}</p></li>`);
    return sendPage(req, reply, tm(lang, "police.render"), html`<h1>${tm(lang, "police.render")}</h1><p class="muted">${c.item.platform} · ${c.item.channelName} · ${c.item.url ?? ""}</p><ol class="render">${cards}</ol>`);
  });

  // ── Block list ────────────────────────────────────────────────────────────
  app.get("/moderation/blocklist", { config: { permission: "moderation:read", html: true }, schema: { hide: true } }, async (req, reply) => {
    const p = req.principal!;
    const lang = req.lang;
    const bans = await listBans(pool, p.orgId);
    const rows = bans.map((b) => html`<tr><td>${iso(b.at)}</td><td>${b.channelName}</td><td>${b.authorName ?? ""} <code>${b.authorPlatformId}</code></td><td>${ruleName(lang, b.ruleId)}</td><td>${tm(lang, `basis.${b.legalBasis}` as ModKey)}</td><td>${b.strikes}</td><td>${b.reason ?? ""}</td><td>${b.actor}</td>
<td>${b.liftedAt ? html`${tm(lang, "blocklist.lifted")} ${iso(b.liftedAt)}: ${b.liftReason}${b.liftRuleId ? html` (${ruleName(lang, b.liftRuleId)} · ${tm(lang, `basis.${b.liftLegalBasis}` as ModKey)} · ${b.liftActor})` : ""}${b.unban === "manual" ? html`<br><span class="warn">${tm(lang, `unban.manual.${b.platform === "youtube" ? "youtube" : "other"}`)}</span>` : ""}` : html`<form method="post" action="/moderation/blocklist/${b.id}/lift"><input type="hidden" name="_csrf" value="${p.csrfToken ?? ""}"><label for="lift-${b.id}" class="visually-hidden">${tm(lang, "reason")}</label><input id="lift-${b.id}" name="reason" required maxlength="2000"> <button type="submit">${tm(lang, "blocklist.lift")}</button></form>`}</td></tr>`);
    return sendPage(req, reply, tm(lang, "blocklist.title"), html`<h1>${tm(lang, "blocklist.title")}</h1><p>${tm(lang, "blocklist.lead")}</p>
<p><a href="/moderation/blocklist.csv">CSV</a> · <a href="/moderation/blocklist.json">JSON</a></p>
${rows.length ? html`<table><thead><tr><th scope="col">${tm(lang, "at")}</th><th scope="col">${tm(lang, "channel")}</th><th scope="col">${tm(lang, "author")}</th><th scope="col">${tm(lang, "rule")}</th><th scope="col">${tm(lang, "basis")}</th><th scope="col">n</th><th scope="col">${tm(lang, "reason")}</th><th scope="col">${tm(lang, "by")}</th><th scope="col">${tm(lang, "blocklist.lifted")}</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>–</p>`}`);
  });
  app.get("/moderation/blocklist.json", { config: { permission: "moderation:read" }, schema: { tags: ["moderation"], summary: "The block list (public record), lifted bans included", security: [{ bearer: [] }] } }, async (req) =>
    (await listBans(pool, req.principal!.orgId)).map((b) => ({ ...b, at: b.at.toISOString(), liftedAt: b.liftedAt?.toISOString() ?? null })));
  app.get("/moderation/blocklist.csv", { config: { permission: "moderation:read" }, schema: { hide: true } }, async (req, reply) => {
    const bans = await listBans(pool, req.principal!.orgId);
    const csv = toCsvTable(["id", "at", "channel", "platform", "author_platform_id", "author_name", "rule", "legal_basis", "reason", "strikes", "warned", "actor", "lifted_at", "lift_reason", "lift_rule", "lift_legal_basis", "lift_actor", "unban"],
      bans.map((b) => [b.id, b.at.toISOString(), b.channelName, b.platform, b.authorPlatformId, b.authorName, b.ruleId, b.legalBasis, b.reason, b.strikes, b.warned ? "yes" : "no", b.actor, b.liftedAt?.toISOString() ?? null, b.liftReason, b.liftRuleId, b.liftLegalBasis, b.liftActor, b.unban]));
    return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="sparrlista.csv"').send(csv);
  });
  app.post("/moderation/blocklist/:id/lift", { config: { permission: "moderation:decide" }, schema: { hide: true, params: Id, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }), _csrf: Type.Optional(Type.String()) }) } }, async (req, reply) => {
    const p = req.principal!;
    const out = await withTx(pool, (tx) => liftBanFromList(tx, { orgId: p.orgId, banId: (req.params as { id: string }).id, reason: (req.body as { reason: string }).reason, actor: { id: p.userId, label: p.username }, requestId: req.id, publicUrl: cfg.publicUrl }));
    if (out.platformActions.length) app.channels.outbox.wake();
    runtime.changed(p.orgId, [out.decision.itemId]);
    if ((req.headers.accept ?? "").includes("application/json")) return { decisionId: out.decision.id, platformActions: out.platformActions };
    return reply.redirect("/moderation/blocklist", 303);
  });

  // ── Appeals (public form) ─────────────────────────────────────────────────
  const Token = Type.Object({ token: Type.String({ minLength: 20, maxLength: 60, pattern: "^[A-Za-z0-9_-]+$" }) });
  const publicPage = (lang: "sv" | "en", url: string, title: string, body: ReturnType<typeof html>) =>
    page({ lang, title, currentPath: url, body });
  app.get("/overklaga/:token", { config: { public: true, html: true }, schema: { hide: true, params: Token } }, async (req, reply) => {
    const lang = req.lang;
    const n = await findNotice(pool, (req.params as { token: string }).token);
    if (!n) throw new AppError("not_found");
    const open = n.openUntil.getTime() >= Date.now() && !n.appealed;
    const token = reply.generateCsrf();
    const body = html`<h1>${tm(lang, "appeal.public.title")}</h1><blockquote>${n.body}</blockquote>
${n.appealed ? html`<p role="status">${tm(lang, "appeal.thanks")}</p>` : open ? html`<p>${tm(lang, "appeal.public.lead")}</p>
<form method="post" action="/overklaga/${(req.params as { token: string }).token}"><input type="hidden" name="_csrf" value="${token}">
<p><label for="body">${tm(lang, "appeal.body")}</label><br><textarea id="body" name="body" rows="6" cols="60" required maxlength="4000"></textarea></p>
<p><label for="contact">${tm(lang, "appeal.contact")}</label><br><input id="contact" name="contact" maxlength="300" autocomplete="email"></p>
<button type="submit">${tm(lang, "appeal.send")}</button></form>` : html`<p role="status">${tm(lang, "appeal.closed", { date: n.openUntil.toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" }) })}</p>`}`;
    return reply.type("text/html; charset=utf-8").send(publicPage(lang, req.url, tm(lang, "appeal.public.title"), body));
  });
  app.post("/overklaga/:token", {
    config: { public: true, html: true, rateLimit: { max: 5, timeWindow: "1 minute" } },
    schema: { hide: true, params: Token, body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }), contact: Type.Optional(Type.String({ maxLength: 300 })), _csrf: Type.Optional(Type.String()) }) },
  }, async (req, reply) => {
    const b = req.body as { body: string; contact?: string };
    const token = (req.params as { token: string }).token;
    try {
      await withTx(pool, (tx) => submitAppeal(tx, { token, body: b.body, contact: b.contact, requestId: req.id }));
    } catch (e) {
      // A form kept open past the deadline: back to the page, which says plainly that the appeal is closed.
      if (!(e instanceof AppError && e.code === "appeal_closed")) throw e;
    }
    return reply.redirect(`/overklaga/${token}`, 303);
  });

  app.get("/moderation/appeals", { config: { permission: "moderation:decide", html: true }, schema: { hide: true, querystring: Type.Object({ error: Type.Optional(Type.String({ maxLength: 60 })), lang: Type.Optional(Type.String()) }) } }, async (req, reply) => {
    const p = req.principal!;
    const lang = req.lang;
    const err = (req.query as { error?: string }).error;
    const appeals = await listAppeals(pool, p.orgId);
    const items = appeals.map((a) => html`<li><p><a href="/moderation/items/${a.itemId}">${(a.itemText ?? "").slice(0, 120)}</a></p>
<p>${tm(lang, "appeal.decision")}: ${tm(lang, `kind.${a.decisionKind}` as ModKey)} · ${ruleName(lang, a.decisionRule)} · ${a.decisionActor}</p><blockquote>${a.body}</blockquote>
${a.outcome ? html`<p><strong>${tm(lang, "appeal.outcome")}: ${a.outcome === "upheld" || a.outcome === "rejected" ? tm(lang, `appeal.outcome.${a.outcome}`) : a.outcome}</strong> — ${a.outcomeReason} (${a.outcomeBy})</p>` : a.decisionActorId === p.userId ? html`<p class="muted">${ERROR_CATALOGUE.moderation_second_moderator_required[lang]}</p>` : html`<form method="post" action="/moderation/appeals/${a.id}/decide"><input type="hidden" name="_csrf" value="${p.csrfToken ?? ""}">
<label for="r-${a.id}">${tm(lang, "reason")}</label> <input id="r-${a.id}" name="reason" required maxlength="2000">
<button type="submit" name="outcome" value="upheld">${tm(lang, "appeal.uphold")}</button> <button type="submit" name="outcome" value="rejected">${tm(lang, "appeal.reject")}</button></form>`}</li>`);
    return sendPage(req, reply, tm(lang, "appeals.title"), html`<h1>${tm(lang, "appeals.title")}</h1>${err && err in ERROR_CATALOGUE ? html`<p role="alert">${ERROR_CATALOGUE[err as keyof typeof ERROR_CATALOGUE][lang]}</p>` : ""}${items.length ? html`<ol>${items}</ol>` : html`<p>–</p>`}`);
  });
  app.post("/moderation/appeals/:id/decide", {
    config: { permission: "moderation:decide" },
    schema: { tags: ["moderation"], summary: "Decide an appeal (another moderator than the one who decided)", security: [{ bearer: [] }], params: Id,
      body: Type.Object({ outcome: Type.Union([Type.Literal("upheld"), Type.Literal("rejected")]), reason: Type.String({ minLength: 1, maxLength: 2000 }), _csrf: Type.Optional(Type.String()) }) },
  }, async (req, reply) => {
    const p = req.principal!;
    const b = req.body as { outcome: "upheld" | "rejected"; reason: string };
    try {
      const out = await withTx(pool, (tx) => decideAppeal(tx, { orgId: p.orgId, appealId: (req.params as { id: string }).id, outcome: b.outcome, reason: b.reason, actor: { id: p.userId, label: p.username }, publicUrl: cfg.publicUrl, requestId: req.id }));
      app.channels.outbox.wake();
      if ((req.headers.accept ?? "").includes("application/json")) return out;
    } catch (e) {
      if ((req.headers.accept ?? "").includes("application/json") || !(e instanceof AppError) || e.status >= 500) throw e;
      return reply.redirect(`/moderation/appeals?error=${e.code}`, 303);
    }
    return reply.redirect("/moderation/appeals", 303);
  });

  app.get("/moderation/notifications", { config: { permission: "moderation:decide", html: true }, schema: { hide: true } }, async (req, reply) => {
    const p = req.principal!;
    const lang = req.lang;
    // Notices and appeal outcomes the platform cannot take as a reply; an appeal's outcome goes to the contact the resident gave.
    const r = await pool.query<{ id: string; item_id: string; body: string; at: Date; author_name: string | null; platform: string; contact: string | null }>(
      `select m.id, m.item_id, m.body, m.at, s.author_name, s.platform, m.contact from (
         select n.id, n.org_id, n.item_id, n.body, n.at, null::text as contact from moderation_notifications n where n.org_id = $1 and n.delivery = 'manual'
         union all
         select x.id, x.org_id, x.item_id, x.body, x.at, a.contact from moderation_appeal_messages x join moderation_appeals a on a.id = x.appeal_id
          where x.org_id = $1 and x.delivery = 'manual') m
         join captured_item_state s on s.org_id = m.org_id and s.item_id = m.item_id
        order by m.at desc limit 500`, [p.orgId]);
    const rows = r.rows.map((n) => html`<tr><td>${iso(n.at)}</td><td>${n.platform}</td><td>${n.author_name ?? ""}${n.contact ? html` (${n.contact})` : ""}</td><td>${n.body}</td><td><a href="/moderation/items/${n.item_id}">${tm(lang, "open")}</a></td></tr>`);
    return sendPage(req, reply, tm(lang, "notifications.title"), html`<h1>${tm(lang, "notifications.title")}</h1>
${rows.length ? html`<table><thead><tr><th scope="col">${tm(lang, "at")}</th><th scope="col">${tm(lang, "channel")}</th><th scope="col">${tm(lang, "author")}</th><th scope="col">${tm(lang, "message")}</th><th scope="col">${tm(lang, "open")}</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>–</p>`}`);
  });

  // ── Settings ──────────────────────────────────────────────────────────────
  const SETTING_KEYS = ["strikeThreshold", "strikeWindowDays", "appealDays", "reviewLimitMinutes"] as const;
  app.get("/moderation/settings", { config: { permission: "moderation:configure", html: true }, schema: { hide: true } }, async (req, reply) => {
    const p = req.principal!;
    const lang = req.lang;
    const s = await loadSettings(pool, p.orgId);
    return sendPage(req, reply, tm(lang, "settings.title"), html`<h1>${tm(lang, "settings.title")}</h1>
<form method="post" action="/moderation/settings"><input type="hidden" name="_csrf" value="${p.csrfToken ?? ""}">
${SETTING_KEYS.map((k) => html`<p><label for="s-${k}">${tm(lang, `settings.${k}` as ModKey)}</label> <input id="s-${k}" name="${k}" type="number" min="1" required value="${s[k]}"></p>`)}
<p><label for="s-noticeLang">${tm(lang, "settings.noticeLang")}</label> <select id="s-noticeLang" name="noticeLang">${(["sv", "en"] as const).map((l) => html`<option value="${l}"${s.noticeLang === l ? html` selected` : ""}>${tm(lang, `settings.noticeLang.${l}`)}</option>`)}</select></p>
<button type="submit">${tm(lang, "settings.save")}</button></form>`);
  });
  app.post("/moderation/settings", {
    config: { permission: "moderation:configure" },
    schema: { tags: ["moderation"], summary: "Update the moderation settings", security: [{ bearer: [] }],
      body: Type.Object({ strikeThreshold: Type.Integer(), strikeWindowDays: Type.Integer(), appealDays: Type.Integer(), reviewLimitMinutes: Type.Integer(), noticeLang: Type.Optional(Type.Union([Type.Literal("sv"), Type.Literal("en")])), _csrf: Type.Optional(Type.String()) }) },
  }, async (req, reply) => {
    const p = req.principal!;
    const b = req.body as Record<(typeof SETTING_KEYS)[number], number> & { noticeLang?: "sv" | "en" };
    const settings = await withTx(pool, (tx) => updateSettings(tx, { orgId: p.orgId, settings: { strikeThreshold: b.strikeThreshold, strikeWindowDays: b.strikeWindowDays, appealDays: b.appealDays, reviewLimitMinutes: b.reviewLimitMinutes, noticeLang: b.noticeLang }, actor: { id: p.userId, label: p.username }, requestId: req.id }));
    if ((req.headers.accept ?? "").includes("application/json")) return settings;
    return reply.redirect("/moderation/settings", 303);
  });

  // ── Supervision and analytics ─────────────────────────────────────────────
  const min = (v: number | null) => (v === null ? "–" : v.toFixed(1));
  app.get("/moderation/supervision", { config: { permission: "moderation:read", html: true }, schema: { hide: true } }, async (req, reply) => {
    const p = req.principal!;
    const lang = req.lang;
    const [sup, monthly] = await Promise.all([supervisionReport(pool, p.orgId), monthlyReport(pool, p.orgId)]);
    const perKind = new Map<string, number>();
    for (const m of monthly) perKind.set(tm(lang, `kind.${m.kind}` as ModKey), (perKind.get(tm(lang, `kind.${m.kind}` as ModKey)) ?? 0) + m.n);
    const chRows = sup.channels.map((c) => html`<tr><th scope="row">${c.channelName}</th><td>${c.hoursFrom ?? "–"}</td><td>${c.reviewed}</td><td>${min(c.p50)}</td><td>${min(c.p90)}</td><td>${min(c.p99)}</td><td>${min(c.wallP50)}</td><td>${c.breaches}</td></tr>`);
    const mRows = monthly.map((m) => html`<tr><td>${m.month}</td><td>${ruleName(lang, m.rule_id)}</td><td>${m.actor}</td><td>${tm(lang, `kind.${m.kind}` as ModKey)}</td><td>${m.n}</td></tr>`);
    return sendPage(req, reply, tm(lang, "supervision.title"), html`<h1>${tm(lang, "supervision.title")}</h1><p>${tm(lang, "supervision.lead")} ${tm(lang, "supervision.limit", { m: sup.limitMinutes })}</p>
<table><caption>${tm(lang, "supervision.title")}</caption><thead><tr><th scope="col">${tm(lang, "channel")}</th><th scope="col">${tm(lang, "supervision.hours")}</th><th scope="col">n</th><th scope="col">p50 (min)</th><th scope="col">p90 (min)</th><th scope="col">p99 (min)</th><th scope="col">${tm(lang, "supervision.wall")}</th><th scope="col">&gt; ${sup.limitMinutes} min</th></tr></thead><tbody>${chRows}</tbody></table>
<h2 id="overdue-h">${tm(lang, "supervision.old")}: ${sup.overdue.length}</h2>
${sup.overdue.length ? html`<p role="alert">${tm(lang, "supervision.alert", { n: sup.overdue.length })}</p>` : ""}
${sup.overdue.length ? html`<ul>${sup.overdue.slice(0, 50).map((o) => html`<li><a href="/moderation/items/${o.itemId}">${o.channelName} · ${iso(o.capturedAt)} · ${Math.round(o.workingMinutes)} min</a></li>`)}</ul>` : ""}
<p><a href="/moderation/analytics">${tm(lang, "analytics.link")}</a></p>
${barChart({ id: "kind", title: tm(lang, "analytics.decisions"), rows: [...perKind].map(([k, v]) => ({ label: k, value: v })) })}
<h2>${tm(lang, "report.title")}</h2><p><a href="/moderation/report.csv">${tm(lang, "csv")}</a></p>
${mRows.length ? html`<table><thead><tr><th scope="col">${tm(lang, "month")}</th><th scope="col">${tm(lang, "rule")}</th><th scope="col">${tm(lang, "by")}</th><th scope="col">${tm(lang, "actions")}</th><th scope="col">n</th></tr></thead><tbody>${mRows}</tbody></table>` : ""}`);
  });
  app.get("/moderation/report.csv", { config: { permission: "moderation:read" }, schema: { hide: true } }, async (req, reply) => {
    const rows = await monthlyReport(pool, req.principal!.orgId);
    return reply.type("text/csv; charset=utf-8").send(toCsvTable(["month", "rule", "actor", "decision", "n"], rows.map((r) => [r.month, r.rule_id, r.actor, r.kind, r.n])));
  });
  app.get("/api/v1/moderation/supervision", { config: { permission: "moderation:read" }, schema: { tags: ["moderation"], summary: "Time from capture to first human review per channel (BBS-lagen §4)", security: [{ bearer: [] }] } }, async (req) => {
    const s = await supervisionReport(pool, req.principal!.orgId);
    return { ...s, overdue: s.overdue.map((o) => ({ ...o, capturedAt: o.capturedAt.toISOString() })) };
  });
};
