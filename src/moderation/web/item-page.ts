// One item in its thread: the post, the comment with findings highlighted,
// the decision form (rule, legal basis, reason), the criticism guard, the
// author's history and standing, consistency, the platform's reconciled
// state, notices and police reports.
import type { Lang } from "../../web/i18n.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { POLICE_RULES, RULE_LABELS, isRuleId, strongestFinding } from "../domain/rules.ts";
import { readCriticism } from "../domain/criticism.ts";
import type { ItemContext } from "../use-cases/item-context.ts";
import { highlight } from "./highlight.ts";
import { MODERATION_MESSAGES, tm, type ModKey } from "./messages.ts";
import { ruleOptions } from "./queue-page.ts";
import { UNBAN_PLATFORMS } from "../use-cases/block-list.ts";

const iso = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
const ruleName = (lang: Lang, r: string) => (isRuleId(r) ? RULE_LABELS[r][lang] : r);
/** A stored code (outbox action or state, notice delivery, item kind) in words; an unknown code shows as itself. */
const code = (lang: Lang, prefix: string, value: string) => (`${prefix}.${value}` in MODERATION_MESSAGES ? tm(lang, `${prefix}.${value}` as ModKey) : value);

/** Undo is one click, except for a ban: undoing it lifts the ban, and the block list keeps why. */
function undoForm(lang: Lang, csrf: string, itemId: string, d: ItemContext["decisions"][number]): SafeHtml {
  const reason = d.kind === "ban"
    ? html`<label for="lift-${d.id}">${tm(lang, "blocklist.liftReason")}</label> <input id="lift-${d.id}" name="reason" required maxlength="2000"> `
    : "";
  return html`<form method="post" action="/moderation/items/${itemId}/decisions" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="kind" value="undo"><input type="hidden" name="refId" value="${d.id}">${reason}<button type="submit">${tm(lang, d.kind === "ban" ? "blocklist.lift" : "kind.undo")}<span class="visually-hidden"> ${iso(d.at)}</span></button></form>`;
}

export function itemBody(lang: Lang, csrf: string, c: ItemContext, o: { kind?: string | undefined; error?: string | undefined }): SafeHtml {
  const { item, analysis, state } = c;
  const top = strongestFinding(analysis?.findings ?? []);
  const rule = top?.category ?? c.decisions.at(-1)?.ruleId;
  const basis = top?.legalBasis ?? "page-rule";
  const criticism = item.text ? readCriticism(item.text) : { criticism: false, target: null, cue: null };
  const findings = (analysis?.findings ?? []).map((f) => html`<li><strong>${RULE_LABELS[f.category][lang]}</strong> <code>${f.ruleId}</code> · ${tm(lang, `basis.${f.legalBasis}` as ModKey)} · ${Math.round(f.confidence * 100)} % · <q>${f.evidence}</q></li>`);
  const thread = c.thread.map((t) => html`<li${t.self ? html` class="self" aria-current="true"` : ""}><span class="muted">${code(lang, "itemKind", t.kind)} · ${t.authorName ?? "?"} · ${iso(t.at)}${t.hidden ? ` · ${tm(lang, "vis.hidden")}` : ""}${t.removed ? ` · ${tm(lang, "vis.deleted")}` : ""}</span><br>${t.self ? highlight(t.text ?? "", analysis?.findings ?? []) : t.text ?? ""}</li>`);
  const kinds = ["keep", "hide", "unhide", "delete", "escalate", "report_police", "warn", "ban"];
  const decisions = c.decisions.map((d) => html`<tr><td><time datetime="${d.at.toISOString()}">${iso(d.at)}</time></td><td>${tm(lang, `kind.${d.kind}` as ModKey)}${d.needsConfirmation ? " ⏳" : ""}${state.undone.has(d.id) ? html` <span class="muted">(${tm(lang, "kind.undo")})</span>` : ""}</td>
<td>${ruleName(lang, d.ruleId)}</td><td>${tm(lang, `basis.${d.legalBasis}` as ModKey)}</td><td>${d.reason ?? ""}</td><td>${d.actorId ? d.actorLabel : tm(lang, "system")}</td>
<td>${["hide", "escalate", "keep", "ban", "confirm"].includes(d.kind) && !state.undone.has(d.id) ? undoForm(lang, csrf, item.id, d) : ""}${d.kind === "ban" && state.undone.has(d.id) && !UNBAN_PLATFORMS.has(item.platform) ? html`<span class="warn">${tm(lang, item.platform === "youtube" ? "unban.manual.youtube" : "unban.manual.other")}</span>` : ""}</td></tr>`);
  const pa = c.platformActions.map((p) => {
    const err = lang === "en" ? p.lastErrorEn ?? p.lastErrorSv : p.lastErrorSv;
    return html`<li data-action="${p.action}" data-state="${p.state}">${code(lang, "outbox.action", p.action)}: <strong>${code(lang, "outbox.state", p.state)}</strong> (${tm(lang, "outbox.attempts", { n: p.attempts })})${err ? html` — ${err}` : ""}</li>`;
  });
  const history = c.history.map((h) => html`<li>${iso(h.at)} · ${tm(lang, `kind.${h.kind}` as ModKey)} · ${ruleName(lang, h.ruleId)} · ${h.actorLabel} — <a href="/moderation/items/${h.itemId}">${(h.text ?? "").slice(0, 80)}</a></li>`);
  const consistency = c.consistency.map((x) => html`<tr><td>${ruleName(lang, x.ruleId)}</td><td>${tm(lang, `kind.${x.kind}` as ModKey)}</td><td>${x.n}</td></tr>`);
  const s = c.standing;
  // The platform's state as last confirmed: a done outbox job is newer news than the last captured version.
  const lastDone = c.platformActions.filter((x) => x.state === "done" && ["hide", "unhide", "delete"].includes(x.action)).at(-1);
  const onPlatform = lastDone ? (lastDone.action === "delete" ? "removed" : lastDone.action === "hide" ? "hidden" : "visible") : item.platformRemoved ? "removed" : item.platformHidden ? "hidden" : "visible";
  const policeRule = (analysis?.labels ?? []).find((l) => isRuleId(l) && POLICE_RULES.has(l)) ?? rule;
  return html`<h1>${tm(lang, "item.title")} · ${item.channelName}</h1>
<p><a href="/moderation">${tm(lang, "queue.title")}</a></p>
${o.error ? html`<p class="error" role="alert">${o.error}</p>` : ""}
<section aria-labelledby="thread-h"><h2 id="thread-h">${tm(lang, "thread")}</h2>
${thread.length ? html`<ol class="thread">${thread}</ol>` : html`<blockquote class="mod-text">${highlight(item.text ?? "", analysis?.findings ?? [])}</blockquote>`}
<p class="muted">${item.platform} · <code>${item.platformItemId}</code> · ${item.authorName ?? ""} (<code>${item.authorPlatformId ?? "?"}</code>) ${item.url ? html`· <a href="${item.url}">${item.url}</a>` : ""}</p></section>
${findings.length ? html`<section aria-labelledby="f-h"><h2 id="f-h">${tm(lang, "findings")}</h2><ul>${findings}</ul></section>` : ""}
<section aria-labelledby="st-h"><h2 id="st-h">${tm(lang, "state")}</h2>
<p>${tm(lang, `vis.${state.visibility}` as ModKey)}${state.escalated ? html` · ${tm(lang, "view.escalated")}` : ""}${state.pending ? html` · ${tm(lang, "view.pending_confirmation")}` : ""} — ${tm(lang, `platform.${onPlatform}` as ModKey)}</p>
${pa.length ? html`<h3>${tm(lang, "platform")}</h3><ul>${pa}</ul>` : ""}</section>
${criticism.criticism ? html`<p class="warn" role="note">${tm(lang, "criticism")} (${criticism.target} · ${criticism.cue})</p>` : ""}
${state.pending ? html`<form method="post" action="/moderation/items/${item.id}/decisions"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="refId" value="${state.pending.id}">
<p>${tm(lang, "view.pending_confirmation")}: ${tm(lang, `kind.${state.pending.kind}` as ModKey)} · ${ruleName(lang, state.pending.ruleId)} · ${state.pending.actorLabel} — <q>${state.pending.reason ?? ""}</q></p>
<button type="submit" name="kind" value="confirm">${tm(lang, "kind.confirm")}</button> <button type="submit" name="kind" value="decline">${tm(lang, "kind.decline")}</button></form>` : ""}
<section aria-labelledby="d-h"><h2 id="d-h">${tm(lang, "actions")}</h2>
<form method="post" action="/moderation/items/${item.id}/decisions" class="decide"><input type="hidden" name="_csrf" value="${csrf}">
<label for="ruleId">${tm(lang, "rule")}</label> <select id="ruleId" name="ruleId">${ruleOptions(lang, rule)}</select>
<label for="legalBasis">${tm(lang, "basis")}</label> <select id="legalBasis" name="legalBasis"><option value="page-rule"${basis === "page-rule" ? html` selected` : ""}>${tm(lang, "basis.page-rule")}</option><option value="bbs-5"${basis === "bbs-5" ? html` selected` : ""}>${tm(lang, "basis.bbs-5")}</option></select>
<label for="reason">${tm(lang, "reason")}</label> <textarea id="reason" name="reason" rows="2" maxlength="4000"${o.kind && criticism.criticism ? html` autofocus` : ""}></textarea>
<p>${kinds.map((k) => html`<button type="submit" name="kind" value="${k}"${o.kind === k ? html` class="primary"` : ""}>${tm(lang, `kind.${k}` as ModKey)}</button> `)}</p></form>
<form method="post" action="/moderation/items/${item.id}/decisions"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="kind" value="reply"><input type="hidden" name="ruleId" value="${rule ?? ""}"><input type="hidden" name="legalBasis" value="page-rule">
${c.suggestion ? html`<p class="muted">${tm(lang, "suggestion")}: ${c.suggestion.matched.title} → ${c.suggestion.unitName}</p>` : ""}
<label for="message">${tm(lang, "message")}</label> <textarea id="message" name="message" rows="3" cols="70" maxlength="4000">${c.suggestion?.text ?? ""}</textarea> <button type="submit">${tm(lang, "kind.reply")}</button></form></section>
<section aria-labelledby="pol-h"><h2 id="pol-h">${tm(lang, "police.title")}</h2>
${c.policeReports.map((r) => html`<p><a href="/moderation/police-reports/${r.id}">${iso(r.at)}</a> · ${tm(lang, `status.${r.status}` as ModKey)}${r.caseNumber ? html` · ${r.caseNumber}` : ""}</p>`)}
<form method="post" action="/moderation/items/${item.id}/decisions"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="kind" value="report_police"><input type="hidden" name="ruleId" value="${policeRule ?? "threat"}"><input type="hidden" name="legalBasis" value="bbs-5">
<button type="submit">${tm(lang, "police.create")}</button></form> <a href="/moderation/items/${item.id}/render">${tm(lang, "police.render")}</a></section>
<section aria-labelledby="h-h"><h2 id="h-h">${tm(lang, "history")}</h2>
<p>${tm(lang, "strikes", { n: s.strikes, t: s.threshold })}${s.warned ? html` ${tm(lang, "warned")}` : ""}${s.banned ? html` <strong>${tm(lang, "banned")}</strong>` : ""}${s.banProposed ? html` <strong class="warn">${tm(lang, "banProposed")}</strong>` : ""}</p>
${history.length ? html`<ul>${history}</ul>` : ""}</section>
<section aria-labelledby="c-h"><h2 id="c-h">${tm(lang, "consistency")}</h2>
${consistency.length ? html`<table><thead><tr><th scope="col">${tm(lang, "rule")}</th><th scope="col">${tm(lang, "actions")}</th><th scope="col">n</th></tr></thead><tbody>${consistency}</tbody></table>` : html`<p class="muted">–</p>`}</section>
<section aria-labelledby="dec-h"><h2 id="dec-h">${tm(lang, "decisions")}</h2>
${decisions.length ? html`<table><thead><tr><th scope="col">${tm(lang, "at")}</th><th scope="col">${tm(lang, "actions")}</th><th scope="col">${tm(lang, "rule")}</th><th scope="col">${tm(lang, "basis")}</th><th scope="col">${tm(lang, "reason")}</th><th scope="col">${tm(lang, "by")}</th><th scope="col"><span class="visually-hidden">${tm(lang, "kind.undo")}</span></th></tr></thead><tbody>${decisions}</tbody></table>` : html`<p class="muted">–</p>`}
${c.notifications.map((n) => html`<p class="muted">${code(lang, "delivery", n.delivery)}: ${n.body}</p>`)}</section>`;
}
