// The queue page: three views plus the criticism guard's pending list, filters,
// each item with its findings highlighted and one form of decision buttons.
// Works without JavaScript (every button is a form post); queue.js adds the
// keyboard (j/k, a/h/d/e/r, x, o), bulk selection and live updates.
import { CATEGORY_IDS } from "../../analysis/index.ts";
import type { Lang } from "../../web/i18n.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { RULE_LABELS, strongestFinding } from "../domain/rules.ts";
import type { QueueView } from "../domain/state.ts";
import type { QueueEntry } from "../use-cases/list-queue.ts";
import { highlight } from "./highlight.ts";
import { tm, type ModKey } from "./messages.ts";

export const VIEWS: QueueView[] = ["needs_review", "auto_hidden", "escalated", "pending_confirmation", "questions"];
/** Views where one decision can sensibly apply to everything that matches (not questions, not second-moderator confirmations). */
const BULK_ALL_VIEWS = new Set<QueueView>(["needs_review", "auto_hidden", "escalated"]);
const KEYS: [string, string][] = [["keep", "a"], ["hide", "h"], ["delete", "d"], ["escalate", "e"], ["report_police", "r"]];

export function ruleOptions(lang: Lang, selected: string | undefined): SafeHtml[] {
  return CATEGORY_IDS.map((c) => html`<option value="${c}"${c === selected ? html` selected` : ""}>${RULE_LABELS[c][lang]} (${c})</option>`);
}

export function queueBody(o: {
  lang: Lang; csrf: string; view: QueueView; entries: QueueEntry[]; counts: Record<QueueView, number>;
  channels: { id: string; name: string }[]; units: { id: string; name: string }[];
  filter: { channelId?: string | undefined; unitId?: string | undefined; category?: string | undefined; minAgeMinutes?: number | undefined; after?: string | undefined }; returnTo: string;
  /** Keyset cursor of the next page, if any. */
  next: string | null;
  /** Names the "apply to all matching" job before it exists, so a resent form cannot start it twice. */
  jobId: string;
}): SafeHtml {
  const { lang } = o;
  const tabs = VIEWS.map((v) => html`<li><a href="/moderation?view=${v}"${v === o.view ? html` aria-current="page"` : ""}>${tm(lang, `view.${v}` as ModKey)} <span class="count">(${o.counts[v]})</span></a></li>`);
  const rows = o.entries.map((e, i) => {
    const top = strongestFinding(e.analysis?.findings ?? []);
    const rule = top?.category ?? e.decisions.at(-1)?.ruleId ?? "spam";
    const basis = top?.legalBasis ?? "page-rule";
    const findings = (e.analysis?.findings ?? []).map((f) => html`<li><strong>${RULE_LABELS[f.category][lang]}</strong> <code>${f.ruleId}</code> · ${tm(lang, `basis.${f.legalBasis}` as ModKey)} · ${Math.round(f.confidence * 100)} %</li>`);
    const text = e.item.text ?? "";
    return html`<li class="mod-item" id="item-${e.item.id}" data-item="${e.item.id}" data-rule="${rule}" data-basis="${basis}" data-criticism="${e.criticism ? "1" : "0"}" tabindex="-1">
<h2 class="mod-h"><input type="checkbox" form="bulk" name="ids" value="${e.item.id}" id="sel-${e.item.id}"><label for="sel-${e.item.id}" class="visually-hidden">${tm(lang, "select")} ${i + 1}</label>
<a href="/moderation/items/${e.item.id}">${e.item.channelName} · ${e.item.authorName ?? e.item.authorPlatformId ?? "?"}</a>
<span class="muted">· <time datetime="${e.item.firstCapturedAt.toISOString()}">${e.item.firstCapturedAt.toISOString().slice(0, 16).replace("T", " ")}</time> · ${tm(lang, `view.${e.view}` as ModKey)}</span></h2>
<blockquote class="mod-text">${highlight(text, e.analysis?.findings ?? [])}</blockquote>
${findings.length ? html`<ul class="findings">${findings}</ul>` : ""}
${e.criticism ? html`<p class="warn">${tm(lang, "criticism")}</p>` : ""}
<form method="post" action="/moderation/items/${e.item.id}/decisions" class="mod-actions">
<input type="hidden" name="_csrf" value="${o.csrf}"><input type="hidden" name="ruleId" value="${rule}"><input type="hidden" name="legalBasis" value="${basis}"><input type="hidden" name="returnTo" value="${o.returnTo}">
${e.view === "questions"
  ? html`<a href="/moderation/items/${e.item.id}" class="button">${tm(lang, "kind.reply")} <kbd>o</kbd></a>`
  : e.view === "pending_confirmation" && e.state.pending
  ? html`<input type="hidden" name="refId" value="${e.state.pending.id}"><button type="submit" name="kind" value="confirm">${tm(lang, "kind.confirm")}</button> <button type="submit" name="kind" value="decline">${tm(lang, "kind.decline")}</button>`
  : KEYS.map(([k, key]) => html`<button type="submit" name="kind" value="${k}" data-key="${key}">${tm(lang, `kind.${k}` as ModKey)} <kbd>${key}</kbd></button> `)}
</form></li>`;
  });
  const channelOpts = o.channels.map((c) => html`<option value="${c.id}"${c.id === o.filter.channelId ? html` selected` : ""}>${c.name}</option>`);
  const catOpts = CATEGORY_IDS.map((c) => html`<option value="${c}"${c === o.filter.category ? html` selected` : ""}>${RULE_LABELS[c][lang]}</option>`);
  return html`<h1>${tm(lang, "queue.title")}</h1>
<nav aria-label="${tm(lang, "queue.title")}"><ul class="tabs">${tabs}</ul></nav>
<form method="get" action="/moderation" class="filters"><input type="hidden" name="view" value="${o.view}">
<label>${tm(lang, "filter.channel")} <select name="channel"><option value="">–</option>${channelOpts}</select></label>
${o.units.length ? html`<label>${tm(lang, "filter.unit")} <select name="unit"><option value="">–</option>${o.units.map((u) => html`<option value="${u.id}"${u.id === o.filter.unitId ? html` selected` : ""}>${u.name}</option>`)}</select></label>` : ""}
<label>${tm(lang, "filter.category")} <select name="category"><option value="">–</option>${catOpts}</select></label>
<label>${tm(lang, "filter.minAge")} <input type="number" name="minAge" min="0" value="${o.filter.minAgeMinutes ?? ""}"></label>
<button type="submit">${tm(lang, "filter")}</button></form>
<p class="shortcuts" id="shortcuts">${tm(lang, "shortcuts")}</p>
<p id="mod-status" role="status" aria-live="polite" data-msg-empty="${tm(lang, "queue.js.empty")}" data-msg-new="${tm(lang, "queue.js.new", { n: "{n}" })}" data-msg-error="${tm(lang, "queue.js.error", { status: "{status}" })}"></p>
${pager(o)}
${rows.length ? html`<ol class="mod-queue" id="queue" data-view="${o.view}" aria-describedby="shortcuts">${rows}</ol>` : html`<p id="queue-empty">${tm(lang, "empty")}</p><ol class="mod-queue" id="queue" data-view="${o.view}"></ol>`}
<form id="bulk" method="post" action="/moderation/bulk" class="bulk"><fieldset><legend>${tm(lang, "bulk")}</legend>
<input type="hidden" name="_csrf" value="${o.csrf}"><input type="hidden" name="returnTo" value="${o.returnTo}">
<label>${tm(lang, "actions")} <select name="kind" id="bulk-kind">${["delete", "hide", "keep", "escalate"].map((k) => html`<option value="${k}">${tm(lang, `kind.${k}` as ModKey)}</option>`)}</select></label>
<label>${tm(lang, "rule")} <select name="ruleId" id="bulk-rule">${ruleOptions(lang, "spam")}</select></label>
<label>${tm(lang, "basis")} <select name="legalBasis"><option value="page-rule">${tm(lang, "basis.page-rule")}</option><option value="bbs-5">${tm(lang, "basis.bbs-5")}</option></select></label>
<label>${tm(lang, "reason")} <input type="text" name="reason" maxlength="4000"></label>
<button type="submit" id="bulk-apply">${tm(lang, "bulk.apply")} <kbd>B</kbd></button>
${o.counts[o.view] && BULK_ALL_VIEWS.has(o.view) ? html`<input type="hidden" name="jobId" value="${o.jobId}"><input type="hidden" name="view" value="${o.view}">
${o.filter.channelId ? html`<input type="hidden" name="channel" value="${o.filter.channelId}">` : ""}${o.filter.unitId ? html`<input type="hidden" name="unit" value="${o.filter.unitId}">` : ""}
${o.filter.category ? html`<input type="hidden" name="category" value="${o.filter.category}">` : ""}${o.filter.minAgeMinutes !== undefined ? html`<input type="hidden" name="minAge" value="${o.filter.minAgeMinutes}">` : ""}
<button type="submit" id="bulk-all" formaction="/moderation/bulk-all" formnovalidate>${tm(lang, "bulk.all", { n: o.counts[o.view] })}</button>` : ""}</fieldset></form>
<p><a href="/moderation/blocklist">${tm(lang, "blocklist.title")}</a> · <a href="/moderation/appeals">${tm(lang, "appeals.title")}</a> · <a href="/moderation/notifications">${tm(lang, "notifications.title")}</a> · <a href="/moderation/police-reports">${tm(lang, "police.list")}</a> · <a href="/moderation/supervision">${tm(lang, "supervision.title")}</a> · <a href="/moderation/analytics">${tm(lang, "analytics.page")}</a></p>
<script src="/moderation/assets/queue.js" defer></script>`;
}

/** Keyset paging: a link to the next page (same filter), and back to the first. */
function pager(o: { lang: Lang; view: QueueView; next: string | null; filter: { channelId?: string | undefined; unitId?: string | undefined; category?: string | undefined; minAgeMinutes?: number | undefined; after?: string | undefined } }): SafeHtml | string {
  if (!o.next && !o.filter.after) return "";
  const q = (after?: string) => {
    const p = new URLSearchParams({ view: o.view });
    if (o.filter.channelId) p.set("channel", o.filter.channelId);
    if (o.filter.unitId) p.set("unit", o.filter.unitId);
    if (o.filter.category) p.set("category", o.filter.category);
    if (o.filter.minAgeMinutes !== undefined) p.set("minAge", String(o.filter.minAgeMinutes));
    if (after) p.set("after", after);
    return `/moderation?${p.toString()}`;
  };
  return html`<nav aria-label="${tm(o.lang, "queue.next")}" class="pager"><p>${o.filter.after ? html`<a href="${q()}">${tm(o.lang, "queue.first")}</a> ` : ""}${o.next ? html`<a href="${q(o.next)}" id="queue-next" rel="next">${tm(o.lang, "queue.next")}</a>` : ""}</p></nav>`;
}
