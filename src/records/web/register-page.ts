// The register page: the diarium, exports, and the items that must be
// registered with a form each (subject line without sensitive data).
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import type { RegistrationCandidate } from "../registration/find-registration-candidates.ts";
import type { Registration } from "../registration/register-record.ts";
import { formErrorSummary, type FormError } from "./form-errors.ts";
import { codeLabel, tr } from "./messages.ts";
import { renderRecordText } from "./render-text.ts";

/** What the manual registration form was sent with, to show again after an error. */
export type ManualRegistrationValues = Partial<Record<"series" | "platformItemId" | "matter" | "unitId" | "receivedAt" | "sender" | "subject" | "classification" | "secrecyNote", string>>;

export interface RegisterPageInput {
  lang: Lang;
  registrations: Registration[];
  candidates: RegistrationCandidate[];
  series: { code: string; name: string }[];
  units: { id: string; name: string }[];
  canRegister: boolean;
  csrf: string;
  errors?: FormError[];
  /** Which form the errors belong to, and what it was sent with. */
  failedForm?: "manual" | "series" | "candidate";
  values?: ManualRegistrationValues;
}

/** The fields of the registration forms, by body name: the input's id and label (for error links). */
export const manualRegistrationFields = (lang: Lang) => ({
  series: { id: "m-series", label: tr(lang, "col.series") },
  platformItemId: { id: "m-item", label: tr(lang, "register.item") },
  matter: { id: "m-matter", label: tr(lang, "register.matter") },
  unitId: { id: "m-unit", label: tr(lang, "register.unit") },
  receivedAt: { id: "m-received", label: tr(lang, "col.received") },
  sender: { id: "m-sender", label: tr(lang, "col.sender") },
  subject: { id: "m-subject", label: tr(lang, "col.subject") },
  classification: { id: "m-class", label: tr(lang, "col.classification") },
  secrecyNote: { id: "m-secrecy", label: tr(lang, "col.secrecy") },
  item: { id: "m-item", label: tr(lang, "register.item") },
});

export const seriesFields = (lang: Lang) => ({
  code: { id: "s-code", label: tr(lang, "register.seriesCode") },
  name: { id: "s-name", label: tr(lang, "register.seriesName") },
  unitId: { id: "s-unit", label: tr(lang, "register.unit") },
});

const unitOptions = (lang: Lang, units: { id: string; name: string }[], selected: string | undefined) =>
  html`<option value="">${tr(lang, "register.noUnit")}</option>${units.map((u) => html`<option value="${u.id}"${u.id === selected ? html` selected` : ""}>${u.name}</option>`)}`;

const reasonLabel = (lang: Lang, r: string) => codeLabel(lang, "reason", r);

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
<label for="unit-${n}">${tr(lang, "register.unit")}</label> <select id="unit-${n}" name="unitId">${unitOptions(lang, i.units, undefined)}</select>
<label for="received-${n}">${tr(lang, "col.received")}</label> <input id="received-${n}" name="receivedAt" type="date" aria-describedby="received-help-${n}"> <span id="received-help-${n}" class="muted">${tr(lang, "register.receivedHelp")}</span>
<label for="sender-${n}">${tr(lang, "col.sender")}</label> <input id="sender-${n}" name="sender" maxlength="300" value="${c.authorName ?? ""}">
<label for="secrecy-${n}">${tr(lang, "col.secrecy")}</label> <input id="secrecy-${n}" name="secrecyNote" maxlength="300" value="${secret ? "Sekretess enligt 21 kap. 7 § OSL" : ""}">
<button type="submit">${tr(lang, "register.submit")}</button></form></li>`;
  });
  const v = i.failedForm === "manual" ? i.values ?? {} : {};
  const mf = manualRegistrationFields(lang);
  const sf = seriesFields(lang);
  const manual = html`<h2 id="manual">${tr(lang, "register.manual")}</h2><p>${tr(lang, "register.manualIntro")}</p>
<form method="post" action="/records/register/manual"><input type="hidden" name="_csrf" value="${i.csrf}">
<p><label for="${mf.series.id}">${mf.series.label}</label><br><select id="${mf.series.id}" name="series" required>${i.series.map((s) => html`<option value="${s.code}"${s.code === v.series ? html` selected` : ""}>${s.code} – ${s.name}</option>`)}</select></p>
<p><label for="${mf.receivedAt.id}">${mf.receivedAt.label}</label><br><input id="${mf.receivedAt.id}" name="receivedAt" type="date" value="${v.receivedAt ?? ""}" aria-describedby="m-received-help"> <span id="m-received-help" class="muted">${tr(lang, "register.receivedHelp")}</span></p>
<p><label for="${mf.sender.id}">${mf.sender.label}</label><br><input id="${mf.sender.id}" name="sender" maxlength="300" size="40" value="${v.sender ?? ""}" aria-describedby="m-sender-help"> <span id="m-sender-help" class="muted">${tr(lang, "register.senderHelp")}</span></p>
<p><label for="${mf.subject.id}">${mf.subject.label}</label><br><input id="${mf.subject.id}" name="subject" required maxlength="500" size="60" value="${v.subject ?? ""}"></p>
<p><label for="${mf.unitId.id}">${mf.unitId.label}</label><br><select id="${mf.unitId.id}" name="unitId">${unitOptions(lang, i.units, v.unitId)}</select></p>
<p><label for="${mf.classification.id}">${mf.classification.label}</label><br><input id="${mf.classification.id}" name="classification" required maxlength="50" size="10" value="${v.classification ?? "1.4.2"}"></p>
<p><label for="${mf.secrecyNote.id}">${mf.secrecyNote.label}</label><br><input id="${mf.secrecyNote.id}" name="secrecyNote" maxlength="300" size="40" value="${v.secrecyNote ?? ""}"></p>
<p><label for="${mf.matter.id}">${mf.matter.label}</label><br><input id="${mf.matter.id}" name="matter" maxlength="50" value="${v.matter ?? ""}"></p>
<p><label for="${mf.platformItemId.id}">${mf.platformItemId.label}</label><br><input id="${mf.platformItemId.id}" name="platformItemId" maxlength="200" value="${v.platformItemId ?? ""}"></p>
<p><button type="submit">${tr(lang, "register.submit")}</button></p></form>`;
  const seriesForm = html`<h2 id="series">${tr(lang, "register.seriesList")}</h2>
${i.series.length ? html`<ul>${i.series.map((s) => html`<li>${s.code} – ${s.name}</li>`)}</ul>` : ""}
<h3>${tr(lang, "register.newSeries")}</h3>
<form method="post" action="/records/series"><input type="hidden" name="_csrf" value="${i.csrf}">
<p><label for="${sf.code.id}">${sf.code.label}</label><br><input id="${sf.code.id}" name="code" required maxlength="8" pattern="[A-ZÅÄÖ0-9]{1,8}" size="8"></p>
<p><label for="${sf.name.id}">${sf.name.label}</label><br><input id="${sf.name.id}" name="name" required maxlength="200" size="40"></p>
<p><label for="${sf.unitId.id}">${sf.unitId.label}</label><br><select id="${sf.unitId.id}" name="unitId">${unitOptions(lang, i.units, undefined)}</select></p>
<p><button type="submit">${tr(lang, "register.createSeries")}</button></p></form>`;
  return html`<h1>${tr(lang, "register.title")}</h1>
${formErrorSummary(lang, i.errors ?? [])}
<p>${tr(lang, "register.export")}: <a href="/api/v1/records/register.csv">CSV</a> · <a href="/api/v1/records/register">JSON</a></p>
<h2>${tr(lang, "register.entries")}</h2>
${i.registrations.length ? html`<table><caption>${tr(lang, "register.entries")}</caption><thead><tr>
<th scope="col">${tr(lang, "col.diaryNumber")}</th><th scope="col">${tr(lang, "col.received")}</th><th scope="col">${tr(lang, "col.sender")}</th>
<th scope="col">${tr(lang, "col.subject")}</th><th scope="col">${tr(lang, "col.classification")}</th><th scope="col">${tr(lang, "col.secrecy")}</th><th scope="col">${tr(lang, "col.reasons")}</th>
</tr></thead><tbody>${rows}</tbody></table>` : html`<p>${tr(lang, "register.none")}</p>`}
${i.canRegister ? html`<h2>${tr(lang, "register.candidates")}</h2><p>${tr(lang, "register.candidatesIntro")}</p>
${i.series.length ? "" : html`<p>${tr(lang, "register.noSeries")}</p>`}
${i.candidates.length ? html`<ul class="candidates">${candidates}</ul>` : html`<p>${tr(lang, "register.noCandidates")}</p>`}
${i.series.length ? manual : ""}
${seriesForm}` : ""}`;
}
