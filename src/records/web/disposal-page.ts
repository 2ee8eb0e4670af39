// The disposal page: rules from the document management plan, a dry run per
// rule listing exactly what would go and what legal holds keep, execution,
// and the legal holds with a form to place and release one.
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import type { DisposalRule } from "../disposal/disposal-rules.ts";
import type { DisposalRunLogEntry } from "../disposal/list-disposal-runs.ts";
import type { DisposalPlan } from "../disposal/plan-disposal.ts";
import { codeLabel, tr } from "./messages.ts";

export interface HoldRow {
  id: string;
  reason: string;
  scope: string;
  createdBy: string;
  createdAt: string;
}

/** Past runs from the kept log: when, under which rule, by whom, and each item disposed. */
function runsSection(lang: Lang, runs: readonly DisposalRunLogEntry[]) {
  const rows = runs.map((r) => html`<tr><td><time datetime="${r.at}">${r.at.slice(0, 16).replace("T", " ")}</time></td>
<td>${r.rule.planReference}${r.rule.description ? html` – ${r.rule.description}` : ""}${r.rule.recordType ? html` (${codeLabel(lang, "kind", r.rule.recordType)}; ${tr(lang, "disposal.cutoff", { date: r.cutoff.slice(0, 10) })})` : ""}</td>
<td>${r.executedBy}</td><td>${r.items.length
    ? html`<details><summary>${tr(lang, "disposal.runItems", { n: r.items.length })}</summary><ul>${r.items.slice(0, 500).map((i) => html`<li>${tr(lang, "disposal.runItem", { date: i.occurredAt.slice(0, 10), kind: codeLabel(lang, "kind", i.kind), id: i.platformItemId, v: i.versions })}</li>`)}</ul></details>`
    : "0"}</td><td>${r.heldBack}</td></tr>`);
  return html`<h2 id="disposal-log">${tr(lang, "disposal.log")}</h2><p>${tr(lang, "disposal.logIntro")}</p>
${runs.length ? html`<table><caption>${tr(lang, "disposal.log")}</caption><thead><tr><th scope="col">${tr(lang, "disposal.col.at")}</th><th scope="col">${tr(lang, "disposal.col.rule")}</th><th scope="col">${tr(lang, "disposal.col.by")}</th><th scope="col">${tr(lang, "disposal.col.disposed")}</th><th scope="col">${tr(lang, "disposal.col.held")}</th></tr></thead>
<tbody>${rows}</tbody></table>` : html`<p>${tr(lang, "disposal.noRuns")}</p>`}`;
}

export function disposalPageBody(lang: Lang, o: { rules: DisposalRule[]; holds: HoldRow[]; plan: DisposalPlan | null; message: string | null; csrf: string; runs: readonly DisposalRunLogEntry[] }) {
  const csrf = html`<input type="hidden" name="_csrf" value="${o.csrf}">`;
  const rules = o.rules.filter((r) => !r.retired).map((r) => html`<tr><td>${r.planReference}</td><td>${codeLabel(lang, "kind", r.recordType)}</td><td>${r.keepMonths}</td><td>${r.description}</td>
<td><a href="/records/disposal?plan=${r.id}">${tr(lang, "disposal.dryRun")}</a></td></tr>`);
  const plan = o.plan ? html`<section aria-labelledby="plan-h"><h2 id="plan-h">${tr(lang, "disposal.plan", { n: o.plan.disposable.length, held: o.plan.held.length })}</h2>
${o.plan.disposable.length ? html`<ul>${o.plan.disposable.slice(0, 200).map((c) => html`<li>${c.occurredAt.slice(0, 10)} · ${codeLabel(lang, "kind", c.kind)} ${c.platformItemId} (${c.versions})</li>`)}</ul>` : ""}
${o.plan.held.length ? html`<p>${tr(lang, "disposal.holds")}:</p><ul>${o.plan.held.slice(0, 200).map((c) => html`<li>${c.occurredAt.slice(0, 10)} · ${codeLabel(lang, "kind", c.kind)} ${c.platformItemId}</li>`)}</ul>` : ""}
<form method="post" action="/records/disposal/rules/${o.plan.ruleId}/execute">${csrf}<p>${tr(lang, "disposal.executeHelp")}</p>
<button type="submit">${tr(lang, "disposal.execute")}</button></form></section>` : "";
  const holds = o.holds.map((h, n) => html`<li>${h.reason} (${h.scope}; ${h.createdBy}, ${h.createdAt.slice(0, 10)})
<form method="post" action="/records/disposal/holds/${h.id}/release" class="inline">${csrf}<label for="release-${n}">${tr(lang, "disposal.releaseReason")}</label> <input id="release-${n}" name="reason" maxlength="1000" size="30">
<button type="submit">${tr(lang, "disposal.release")}</button></form></li>`);
  return html`<h1>${tr(lang, "disposal.title")}</h1>
${o.message ? html`<p role="status">${o.message}</p>` : ""}
<h2>${tr(lang, "disposal.rules")}</h2>
${rules.length ? html`<table><caption>${tr(lang, "disposal.rules")}</caption><thead><tr><th scope="col">${tr(lang, "disposal.planReference")}</th><th scope="col">${tr(lang, "disposal.recordType")}</th><th scope="col">${tr(lang, "disposal.keepMonths")}</th><th scope="col">${tr(lang, "disposal.description")}</th><th scope="col"><span class="visually-hidden">${tr(lang, "disposal.dryRun")}</span></th></tr></thead><tbody>${rules}</tbody></table>` : html`<p>${tr(lang, "disposal.noRules")}</p>`}
${plan}
<h3>${tr(lang, "disposal.newRule")}</h3>
<form method="post" action="/records/disposal/rules">${csrf}
<p><label for="recordType">${tr(lang, "disposal.recordType")}</label> <select id="recordType" name="recordType">${(["comment", "post", "reply", "mention"] as const).map((k) => html`<option value="${k}">${codeLabel(lang, "kind", k)}</option>`)}</select>
<label for="keepMonths">${tr(lang, "disposal.keepMonths")}</label> <input id="keepMonths" name="keepMonths" type="number" min="1" max="1200" required value="24">
<label for="planReference">${tr(lang, "disposal.planReference")}</label> <input id="planReference" name="planReference" required maxlength="100"></p>
<p><label for="ruleDescription">${tr(lang, "disposal.description")}</label> <input id="ruleDescription" name="description" required maxlength="1000" size="60">
<button type="submit">${tr(lang, "disposal.add")}</button></p></form>
<h2>${tr(lang, "disposal.holds")}</h2>
${holds.length ? html`<ul>${holds}</ul>` : html`<p>${tr(lang, "disposal.noHolds")}</p>`}
<h3>${tr(lang, "disposal.newHold")}</h3>
<form method="post" action="/records/disposal/holds">${csrf}
<p><label for="holdReason">${tr(lang, "disposal.reason")}</label> <input id="holdReason" name="reason" required maxlength="1000" size="50">
<label for="holdPost">${tr(lang, "disposal.post")}</label> <input id="holdPost" name="postPlatformId" maxlength="300" required>
<button type="submit">${tr(lang, "disposal.place")}</button></p></form>
${runsSection(lang, o.runs)}`;
}
