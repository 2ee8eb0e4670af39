// The register page: the diarium, exports, and the items that must be
// registered with a form each (subject line without sensitive data).
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import type { RegistrationCandidate } from "../registration/find-registration-candidates.ts";
import type { Registration } from "../registration/register-record.ts";
import { tr } from "./messages.ts";
import { renderRecordText } from "./render-text.ts";

export interface RegisterPageInput {
  lang: Lang;
  registrations: Registration[];
  candidates: RegistrationCandidate[];
  series: { code: string; name: string }[];
  canRegister: boolean;
  csrf: string;
}

const reasonLabel = (lang: Lang, r: string) => tr(lang, `reason.${r}` as "reason.manual");

export function registerPageBody(i: RegisterPageInput) {
  const { lang } = i;
  const rows = i.registrations.map((r) => html`<tr><td>${r.diaryNumber}</td><td>${r.receivedAt}</td><td>${r.sender}</td><td>${r.subject}</td>
<td>${r.classification}</td><td>${r.secrecyNote ?? ""}</td><td>${r.reasons.map((x) => reasonLabel(lang, x)).join(", ")}</td></tr>`);
  const candidates = i.candidates.map((c, n) => {
    const secret = c.reasons.includes("secret");
    return html`<li><p>${renderRecordText(c.text ?? "", { mask: true })} <span class="muted">(${c.authorName ?? ""}, ${c.occurredAt.slice(0, 10)}; ${c.reasons.map((x) => reasonLabel(lang, x)).join(", ")})</span></p>
<form method="post" action="/records/register">
<input type="hidden" name="_csrf" value="${i.csrf}"><input type="hidden" name="itemId" value="${c.itemId}"><input type="hidden" name="reasonList" value="${c.reasons.join(",")}">
${c.matter ? html`<input type="hidden" name="matter" value="${c.matter}">` : ""}
<label for="series-${n}">${tr(lang, "col.series")}</label> <select id="series-${n}" name="series">${i.series.map((s) => html`<option value="${s.code}">${s.code} – ${s.name}</option>`)}</select>
<label for="subject-${n}">${tr(lang, "col.subject")}</label> <input id="subject-${n}" name="subject" required maxlength="500" value="${secret ? "Kommentar med personuppgifter på kommunens sida" : "Kommentar på kommunens sida"}">
<label for="class-${n}">${tr(lang, "col.classification")}</label> <input id="class-${n}" name="classification" required maxlength="50" size="8" value="1.4.2">
<label for="secrecy-${n}">${tr(lang, "col.secrecy")}</label> <input id="secrecy-${n}" name="secrecyNote" maxlength="300" value="${secret ? "Sekretess enligt 21 kap. 7 § OSL" : ""}">
<button type="submit">${tr(lang, "register.submit")}</button></form></li>`;
  });
  return html`<h1>${tr(lang, "register.title")}</h1>
<p>${tr(lang, "register.export")}: <a href="/api/v1/records/register.csv">CSV</a> · <a href="/api/v1/records/register">JSON</a></p>
<h2>${tr(lang, "register.entries")}</h2>
${i.registrations.length ? html`<table><caption>${tr(lang, "register.entries")}</caption><thead><tr>
<th scope="col">${tr(lang, "col.diaryNumber")}</th><th scope="col">${tr(lang, "col.received")}</th><th scope="col">${tr(lang, "col.sender")}</th>
<th scope="col">${tr(lang, "col.subject")}</th><th scope="col">${tr(lang, "col.classification")}</th><th scope="col">${tr(lang, "col.secrecy")}</th><th scope="col">${tr(lang, "col.reasons")}</th>
</tr></thead><tbody>${rows}</tbody></table>` : html`<p>${tr(lang, "register.none")}</p>`}
${i.canRegister ? html`<h2>${tr(lang, "register.candidates")}</h2><p>${tr(lang, "register.candidatesIntro")}</p>
${i.series.length ? "" : html`<p>${tr(lang, "register.noSeries")}</p>`}
${i.candidates.length ? html`<ul class="candidates">${candidates}</ul>` : html`<p>${tr(lang, "register.noCandidates")}</p>`}` : ""}`;
}
