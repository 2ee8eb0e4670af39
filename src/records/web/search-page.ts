// The search page: a GET form (works without JavaScript, bookmarkable) and a
// results table with matches marked and personal data masked.
import { CATEGORY_IDS } from "../../analysis/index.ts";
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import type { SearchHit, SearchRecordsInput } from "../search/search-records.ts";
import { tr } from "./messages.ts";
import { renderRecordText } from "./render-text.ts";

export interface SearchPageInput {
  lang: Lang;
  query: Omit<SearchRecordsInput, "orgId">;
  channels: { id: string; name: string }[];
  hits: SearchHit[];
  hasMore: boolean;
  mask: boolean;
  canUnmask: boolean;
  searched: boolean;
  nextHref: string | null;
  unmaskHref: string | null;
  /** Registrars flag results for registration from here; null for those who may not. */
  flagging: { csrf: string; flagged: ReadonlySet<string>; back: string } | null;
}

/** Registered: nothing to do; flagged: says so; otherwise a form with the reason (the registrar's own words). */
function flagCell(lang: Lang, h: SearchHit, n: number, f: NonNullable<SearchPageInput["flagging"]>) {
  if (h.diaryNumber) return "";
  if (f.flagged.has(h.itemId)) return html`<span class="muted">${tr(lang, "flag.done")}</span>`;
  return html`<form method="post" action="/records/items/${h.itemId}/flag"><input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="back" value="${f.back}">
<label for="flag-${n}">${tr(lang, "flag.reason")}</label><br><input id="flag-${n}" name="reason" required maxlength="500" size="20">
<button type="submit">${tr(lang, "flag.submit")}</button></form>`;
}

export function searchPageBody(i: SearchPageInput) {
  const { lang, query: q } = i;
  const channelName = new Map(i.channels.map((c) => [c.id, c.name]));
  const opt = (v: string, label: string, sel: string | undefined) => html`<option value="${v}"${v === (sel ?? "") ? html` selected` : ""}>${label}</option>`;
  const rows = i.hits.map((h, n) => html`<tr id="item-${h.itemId}">
<td><time datetime="${h.occurredAt}">${h.occurredAt.slice(0, 16).replace("T", " ")}</time></td>
<td>${channelName.get(h.channelId) ?? h.platform}</td>
<td>${h.authorName ?? ""}</td>
<td>${renderRecordText(h.snippet || h.text || "", { mask: i.mask })}</td>
<td>${[h.removed ? tr(lang, "state.removed") : "", h.hidden ? tr(lang, "state.hidden") : "", h.decision ?? "", ...h.categories].filter(Boolean).join(", ")}</td>
<td>${h.diaryNumber ?? ""}</td>${i.flagging ? html`<td>${flagCell(lang, h, n, i.flagging)}</td>` : ""}</tr>`);
  return html`<h1>${tr(lang, "search.title")}</h1>
<form method="get" action="/records/search" class="search-form">
<p><label for="q">${tr(lang, "search.q")}</label><br><input id="q" name="q" type="search" value="${q.q ?? ""}" aria-describedby="q-help" size="50">
<br><span id="q-help" class="muted">${tr(lang, "search.qHelp")}</span></p>
<p><label for="channel">${tr(lang, "search.channel")}</label>
<select id="channel" name="channel">${opt("", tr(lang, "search.any"), q.channelId)}${i.channels.map((c) => opt(c.id, c.name, q.channelId))}</select>
<label for="from">${tr(lang, "search.from")}</label> <input id="from" name="from" type="date" value="${q.from ?? ""}">
<label for="to">${tr(lang, "search.to")}</label> <input id="to" name="to" type="date" value="${q.to ?? ""}"></p>
<p><label for="author">${tr(lang, "search.author")}</label> <input id="author" name="author" value="${q.author ?? ""}">
<label for="category">${tr(lang, "search.category")}</label>
<select id="category" name="category">${opt("", tr(lang, "search.any"), q.category)}${CATEGORY_IDS.map((c) => opt(c, c, q.category))}</select>
<label for="decision">${tr(lang, "search.decision")}</label>
<select id="decision" name="decision">${opt("", tr(lang, "search.any"), q.decision)}${["keep", "hide", "unhide", "delete", "escalate", "report", "ban"].map((d) => opt(d, d, q.decision))}</select>
<input id="registered" name="registered" type="checkbox" value="true"${q.registered ? html` checked` : ""}> <label for="registered">${tr(lang, "search.registered")}</label></p>
<p><button type="submit">${tr(lang, "search.submit")}</button></p>
</form>
${i.mask ? html`<p class="muted">${tr(lang, "search.masked")}${i.canUnmask && i.unmaskHref ? html` <a href="${i.unmaskHref}">${tr(lang, "search.unmask")}</a>` : ""}</p>` : ""}
${i.searched ? (i.hits.length ? html`<table><caption>${tr(lang, "search.results")}</caption>
<thead><tr><th scope="col">${tr(lang, "col.when")}</th><th scope="col">${tr(lang, "col.channel")}</th><th scope="col">${tr(lang, "col.author")}</th><th scope="col">${tr(lang, "col.text")}</th><th scope="col">${tr(lang, "col.state")}</th><th scope="col">${tr(lang, "col.diary")}</th>${i.flagging ? html`<th scope="col">${tr(lang, "flag.title")}</th>` : ""}</tr></thead>
<tbody>${rows}</tbody></table>
${i.nextHref ? html`<p><a href="${i.nextHref}">${tr(lang, "search.more")}</a></p>` : ""}` : html`<p role="status">${tr(lang, "search.none")}</p>`) : ""}`;
}
