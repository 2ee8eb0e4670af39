// Pages for records requests: the list with a form for a new one, and one
// request with the selection form, each item's text with redaction proposals
// marked, a decision per proposal, confirmation and the exports.
import { html, type SafeHtml } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import type { RecordsRequestView, RequestItem, RequestRedaction } from "../requests/load-request.ts";
import { formErrorSummary, type FormError } from "./form-errors.ts";
import { codeLabel, tr } from "./messages.ts";

/** Grounds a registrar most often withholds on (the field takes any other too). */
const COMMON_GROUNDS = ["21 kap. 7 § OSL", "21 kap. 1 § OSL", "26 kap. 1 § OSL", "18 kap. 1 § OSL"];

/** The hand-made redaction form's fields, by body name: input id (per item) and label. */
export const withholdFields = (lang: Lang, n: number) => ({
  field: { id: `wf-${n}`, label: tr(lang, "requests.addRedactionField") },
  passage: { id: `wp-${n}`, label: tr(lang, "requests.passage") },
  kindSv: { id: `wk-${n}`, label: tr(lang, "requests.kindSv") },
  ground: { id: `wg-${n}`, label: tr(lang, "requests.ground") },
});

function withholdForm(lang: Lang, requestId: string, it: RequestItem, n: number, csrf: string) {
  const f = withholdFields(lang, n);
  return html`<details><summary>${tr(lang, "requests.addRedaction")}</summary>
<form method="post" action="/records/requests/${requestId}/withhold"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="itemId" value="${it.itemId}"><input type="hidden" name="n" value="${n}">
<p><label for="${f.field.id}">${f.field.label}</label> <select id="${f.field.id}" name="field"><option value="text">${tr(lang, "requests.fieldText")}</option><option value="author">${tr(lang, "requests.fieldAuthor")}</option></select></p>
<p><label for="${f.passage.id}">${f.passage.label}</label><br><input id="${f.passage.id}" name="passage" required maxlength="1000" size="50"></p>
<p><label for="${f.kindSv.id}">${f.kindSv.label}</label> <input id="${f.kindSv.id}" name="kindSv" required maxlength="200" value="namn">
<label for="${f.ground.id}">${f.ground.label}</label> <input id="${f.ground.id}" name="ground" required maxlength="200" list="grounds" value="21 kap. 7 § OSL">
<button type="submit">${tr(lang, "requests.addRedactionSubmit")}</button></p></form></details>`;
}

export function requestsListBody(lang: Lang, rows: { id: string; description: string; received_at: string; status: string }[], csrf: string) {
  return html`<h1>${tr(lang, "requests.title")}</h1>
<h2>${tr(lang, "requests.new")}</h2>
<form method="post" action="/records/requests"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="description">${tr(lang, "requests.description")}</label><br><textarea id="description" name="description" required maxlength="2000" rows="3" cols="60"></textarea></p>
<p><label for="requester">${tr(lang, "requests.requester")}</label><br><input id="requester" name="requester" maxlength="300"></p>
<p><button type="submit">${tr(lang, "requests.create")}</button></p></form>
${rows.length ? html`<ul>${rows.map((r) => html`<li><a href="/records/requests/${r.id}">${r.received_at}: ${r.description}</a> (${tr(lang, `requests.status.${r.status}` as "requests.status.open")})</li>`)}</ul>` : html`<p>${tr(lang, "requests.none")}</p>`}`;
}

const marked = (lang: Lang, r: RequestRedaction, shown: string) =>
  html`<mark id="r-${r.id}" class="redaction-${r.state}">${shown}</mark> <span class="muted">[${r.kindSv}, ${r.ground}: ${tr(lang, `requests.state.${r.state}` as "requests.state.proposed")}]</span>`;

/** The item's text with each redaction span marked and labelled. */
function markedText(lang: Lang, it: RequestItem): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const r of it.redactions) {
    if (r.field !== "text" || r.start < at) continue;
    parts.push(html`${it.text.slice(at, r.start)}`);
    parts.push(marked(lang, r, it.text.slice(r.start, r.end)));
    at = r.end;
  }
  parts.push(html`${it.text.slice(at)}`);
  return html`${parts}`;
}

/** The author, marked when a redaction of the name is proposed or decided. */
function markedAuthor(lang: Lang, it: RequestItem): SafeHtml | string {
  const r = it.redactions.find((x) => x.field === "author");
  return r ? marked(lang, r, it.authorName ?? "") : it.authorName ?? "";
}

const shownSpan = (it: RequestItem, x: RequestRedaction) => x.field === "author" ? it.authorName ?? "" : it.text.slice(x.start, x.end);

export function requestPageBody(lang: Lang, r: RecordsRequestView, csrf: string, errors: readonly FormError[] = []) {
  const open = r.status === "open";
  const items = r.items.map((it, n) => html`<li><p class="muted">${it.occurredAt.slice(0, 16).replace("T", " ")} · ${it.channelName} · ${codeLabel(lang, "kind", it.kind)} · ${markedAuthor(lang, it)}</p>
<p>${markedText(lang, it)}</p>
${open ? it.redactions.filter((x) => x.state === "proposed").map((x) => html`<form method="post" action="/records/requests/${r.id}/redactions/${x.id}" class="inline">
<input type="hidden" name="_csrf" value="${csrf}"><span>${shownSpan(it, x)}: </span>
<button type="submit" name="decision" value="confirmed">${tr(lang, "requests.confirmRedaction")}</button>
<button type="submit" name="decision" value="rejected">${tr(lang, "requests.reject")}</button></form>`) : ""}
${open ? withholdForm(lang, r.id, it, n, csrf) : ""}</li>`);
  return html`<h1>${tr(lang, "requests.title")}</h1>
${formErrorSummary(lang, errors)}
<p>${r.description}</p>
<p class="muted">${tr(lang, "requests.received")} ${r.receivedAt} · ${tr(lang, `requests.status.${r.status}` as "requests.status.open")}${r.confirmedBy ? html` · ${r.confirmedBy} ${r.confirmedAt?.slice(0, 10) ?? ""}` : ""}</p>
${open ? html`<h2>${tr(lang, "requests.select")}</h2>
<form method="post" action="/records/requests/${r.id}/select"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="postQuery">${tr(lang, "requests.postQuery")}</label> <input id="postQuery" name="postQuery" maxlength="500">
<label for="rq">${tr(lang, "requests.q")}</label> <input id="rq" name="q" maxlength="500">
<label for="rkind">${tr(lang, "requests.kind")}</label> <select id="rkind" name="kind"><option value="">–</option>${(["post", "comment", "reply", "mention"] as const).map((k) => html`<option value="${k}"${k === "comment" ? html` selected` : ""}>${codeLabel(lang, "kind", k)}</option>`)}</select></p>
<p><label for="rfrom">${tr(lang, "search.from")}</label> <input id="rfrom" name="from" type="date">
<label for="rto">${tr(lang, "search.to")}</label> <input id="rto" name="to" type="date">
<button type="submit">${tr(lang, "requests.add")}</button></p></form>` : html`<p>${tr(lang, "requests.export")}: <a href="/api/v1/records/requests/${r.id}/export.pdf">PDF</a> · <a href="/api/v1/records/requests/${r.id}/export.csv">CSV</a></p>`}
<h2>${tr(lang, "requests.items", { n: r.items.length })}</h2>
<ol class="request-items">${items}</ol>
${open ? html`<datalist id="grounds">${COMMON_GROUNDS.map((g) => html`<option value="${g}"></option>`)}</datalist>` : ""}
${open && r.items.length ? html`<form method="post" action="/records/requests/${r.id}/confirm"><input type="hidden" name="_csrf" value="${csrf}">
<p>${tr(lang, "requests.confirmHelp")}</p><p><button type="submit">${tr(lang, "requests.confirm")}</button></p></form>` : ""}`;
}
