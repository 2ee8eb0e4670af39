// The opening-hours editor for a unit, a contact point (e.g. a phone line) or
// a service: weekly times and dated exceptions as plain text fields (works
// without JavaScript), with a preview of the next 14 days from any date, so an
// editor sees julafton and the day before a holiday before publishing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../access/policy.ts";
import { AppError } from "../../platform/errors.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { checkOpeningHours, nextDays, resolveOpeningHours, WEEKDAYS, type DirectorySnapshot, type OpeningException, type OpeningHours, type TimeInterval, type Violation, type Weekday } from "../domain/index.ts";
import { violation } from "../domain/principles/violation.ts";
import { dateLabel } from "../domain/opening-hours/evaluate.ts";
import { instantOf, isoDateIn } from "../domain/opening-hours/zoned.ts";
import { writeContext } from "../api/write-routes.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import type { EntityKind } from "../store/codecs.ts";
import { loadCurrent, loadSnapshot } from "../store/versions.ts";
import { saveEntity } from "../use-cases/save-entity.ts";
import { nameOf } from "./editor-routes.ts";
import { stateOf } from "./editor-entities.ts";
import type { Lang } from "../../web/i18n.ts";
import { bi, dt } from "./messages.ts";
import { csrfField, formOf, parseLocalDateTime, publishControls, renderField, savedNotice, sendPage, violationList, violationsOf, type Form } from "./forms.ts";

const KINDS: Record<string, Exclude<EntityKind, "profile" | "external_actor">> = { units: "unit", "contact-points": "contact_point", services: "service" };
const DAY: Record<Lang, Record<Weekday, string>> = {
  sv: { mo: "Måndag", tu: "Tisdag", we: "Onsdag", th: "Torsdag", fr: "Fredag", sa: "Lördag", su: "Söndag" },
  en: { mo: "Monday", tu: "Tuesday", we: "Wednesday", th: "Thursday", fr: "Friday", sa: "Saturday", su: "Sunday" },
};
const RULE = "invalid-opening-hours";

function intervalsText(list: TimeInterval[] | undefined): string {
  return (list ?? []).map((i) => `${i.from}-${i.to}`).join(", ");
}

function parseIntervals(text: string): TimeInterval[] | null {
  const parts = text.split(",").map((x) => x.trim()).filter(Boolean);
  const out: TimeInterval[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2})$/.exec(p);
    if (!m) return null;
    const norm = (t: string) => t.replace(".", ":").padStart(5, "0");
    out.push({ from: norm(m[1]!), to: norm(m[2]!) });
  }
  return out;
}

export function hoursToForm(h: OpeningHours | undefined): Form {
  const f: Form = {};
  for (const d of WEEKDAYS) f[`day_${d}`] = intervalsText(h?.weekly[d]);
  f.exceptions = (h?.exceptions ?? [])
    .map((e) => (e.kind === "closed" ? `${e.date} stängt${e.note ? ` ${e.note}` : ""}` : e.kind === "hours" ? `${e.date} ${intervalsText(e.intervals)}${e.note ? ` ${e.note}` : ""}` : `${e.date} notering: ${e.note}`))
    .join("\n");
  f.none = h ? undefined : "on";
  return f;
}

/** The form's text → the model, with a violation per line that cannot be read. */
export function hoursFromForm(f: Form): { hours: OpeningHours | undefined; violations: Violation[] } {
  if (f.none === "on") return { hours: undefined, violations: [] };
  const violations: Violation[] = [];
  const weekly: OpeningHours["weekly"] = {};
  for (const d of WEEKDAYS) {
    const list = parseIntervals(f[`day_${d}`] ?? "");
    if (list === null) violations.push(violation(RULE, `day_${d}`, "Skriv tider som 08:00-16:30, flera åtskilda med komma. Tomt = stängt.", "Write times as 08:00-16:30, several separated by commas. Empty = closed."));
    else if (list.length) weekly[d] = list;
  }
  const exceptions: OpeningException[] = [];
  (f.exceptions ?? "").split("\n").map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.*)$/.exec(line);
    const rest = m?.[2]?.trim() ?? "";
    // Swedish keywords first; the English ones work too.
    const closed = /^(?:stängt|closed)(?:\s+|$)(.*)$/iu.exec(rest);
    const note = /^(?:notering|note):\s*(.+)$/iu.exec(rest);
    const times = /^((?:\d{1,2}[:.]\d{2}\s*[-–]\s*\d{1,2}[:.]\d{2}\s*,?\s*)+)(.*)$/.exec(rest);
    if (m && closed) exceptions.push({ date: m[1]!, kind: "closed", ...(closed[1]?.trim() ? { note: closed[1].trim() } : {}) });
    else if (m && note) exceptions.push({ date: m[1]!, kind: "note", note: note[1]! });
    else if (m && times && parseIntervals(times[1]!.replace(/,\s*$/, ""))) exceptions.push({ date: m[1]!, kind: "hours", intervals: parseIntervals(times[1]!.replace(/,\s*$/, ""))!, ...(times[2]?.trim() ? { note: times[2].trim() } : {}) });
    else violations.push(violation(RULE, "exceptions", `Rad ${i + 1}: skriv ”ÅÅÅÅ-MM-DD stängt”, ”ÅÅÅÅ-MM-DD 08:00-12:00” eller ”ÅÅÅÅ-MM-DD notering: text”.`, `Line ${i + 1}: write "YYYY-MM-DD stängt", "YYYY-MM-DD 08:00-12:00" or "YYYY-MM-DD notering: text".`));
  });
  const hours: OpeningHours = { weekly, exceptions };
  return { hours, violations: violations.length ? violations : checkOpeningHours(hours).map((v) => ({ ...v, path: v.path.replace(/^openingHours\.weekly\.(\w\w).*/, "day_$1").replace(/^openingHours\.exceptions.*/, "exceptions") })) };
}

function preview(hours: OpeningHours, snap: DirectorySnapshot, fromDate: string, lang: Lang): SafeHtml {
  const [y, mo, d] = fromDate.split("-").map(Number);
  const start = instantOf({ year: y!, month: mo!, day: d!, hour: 12, minute: 0, second: 0 }, snap.org.timeZone ?? "Europe/Stockholm");
  const days = nextDays(resolveOpeningHours(hours, snap.org), start, 14);
  return html`<table class="vx-days" id="preview"><caption>${bi(lang, "Förhandsvisning: 14 dagar från", "Preview: 14 days from")} ${dateLabel(fromDate, lang)} ${bi(lang, "(med helgdagar och organisationens kalender)", "(with public holidays and the organisation's calendar)")}</caption>
<thead><tr><th scope="col">${bi(lang, "Dag", "Day")}</th><th scope="col">${bi(lang, "Öppet", "Open")}</th></tr></thead><tbody>
${days.map((x) => {
  const reason = lang === "en" ? x.reason_en : x.reason_sv;
  return html`<tr${x.special ? html` class="special"` : ""} data-date="${x.date}"><th scope="row">${dateLabel(x.date, lang)}</th><td>${x.closed ? dt(lang, "dir.closedToday") : x.intervals.map((i) => `${i.from}–${i.to}`).join(", ")}${reason ? html` <span class="vx-reason">(${reason})</span>` : ""}</td></tr>`;
})}
</tbody></table>`;
}

export async function registerHoursEditor(app: FastifyInstance, rt: DirectoryRuntime): Promise<void> {
  const deps = rt.deps;

  async function load(req: FastifyRequest) {
    const { kind: path, id } = req.params as { kind: string; id: string };
    const kind = KINDS[path];
    if (!kind) throw new AppError("not_found");
    const orgId = req.principal!.orgId;
    const row = (await loadCurrent(deps.pool, orgId, kind, { mode: "working" })).find((r) => r.entity.id === id && !r.deleted);
    if (!row) throw new AppError("not_found");
    return { path, kind, id, entity: row.entity as { openingHours?: OpeningHours }, snap: await loadSnapshot(deps.pool, orgId, { mode: "working" }) };
  }

  async function render(req: FastifyRequest, reply: FastifyReply, values: Form, violations: Violation[], status = 200) {
    const { path, kind, id, snap } = await load(req);
    const fromDate = /^\d{4}-\d{2}-\d{2}$/.test(values.previewFrom ?? "") ? values.previewFrom! : isoDateIn(deps.now(), snap.org.timeZone ?? "Europe/Stockholm");
    const parsed = hoursFromForm(values);
    const lang = req.lang;
    const title = `${dt(lang, "ed.hours")}: ${nameOf(kind, id, snap)}`;
    const body = html`<p><a href="/directory/${path}/${id}">${dt(lang, "ed.back.short")}</a></p><h1>${title}</h1>${savedNotice(req)}${violationList(violations, lang)}
<form method="post" action="/directory/hours/${path}/${id}" novalidate>${csrfField(req)}
<fieldset><legend>${bi(lang, "Veckoschema (tomt = stängt)", "Weekly hours (empty = closed)")}</legend>
${WEEKDAYS.map((d) => renderField({ name: `day_${d}`, label: DAY[lang][d], value: values[`day_${d}`], hint: d === "mo" ? bi(lang, "T.ex. 08:00-16:30 eller 08:00-12:00, 13:00-16:30", "E.g. 08:00-16:30 or 08:00-12:00, 13:00-16:30") : "" }, violations, lang))}
</fieldset>
${renderField({ name: "exceptions", label: bi(lang, "Undantag (en rad per datum)", "Exceptions (one line per date)"), type: "textarea", value: values.exceptions, hint: bi(lang, "”2026-12-23 stängt”, ”2026-12-30 08:00-12:00 kortare dag” eller ”2026-06-18 notering: telefonkön stänger 15:00”. Helgdagar, aftnar och klämdagar kommer från organisationens kalender.", "“2026-12-23 closed”, “2026-12-30 08:00-12:00 shorter day” or “2026-06-18 note: the phone queue closes at 15:00”. Public holidays, eves and bridge days come from the organisation's calendar.") }, violations, lang)}
${renderField({ name: "none", label: bi(lang, "Inga egna öppettider", "No opening hours of its own"), type: "checkbox", value: values.none }, violations, lang)}
<div class="actions"><div><label for="f-previewFrom">${bi(lang, "Förhandsvisa från datum", "Preview from date")}</label><input type="date" id="f-previewFrom" name="previewFrom" value="${fromDate}"></div>
<button type="submit" name="action" value="preview" class="secondary">${bi(lang, "Förhandsvisa", "Preview")}</button></div>
${publishControls({ canPublish: can(req.principal, "directory:publish"), effectiveAt: values.effectiveAt, lang })}
</form>
${parsed.hours && parsed.violations.length === 0 ? preview(parsed.hours, snap, fromDate, lang) : ""}`;
    return sendPage(req, reply, title, body, status);
  }

  app.get("/directory/hours/:kind/:id", { config: { permission: "directory:read", html: true }, schema: { hide: true } }, async (req, reply) => {
    const { entity } = await load(req);
    return render(req, reply, { ...hoursToForm(entity.openingHours), previewFrom: (req.query as { from?: string }).from }, []);
  });

  app.post("/directory/hours/:kind/:id", { config: { permission: "directory:write", html: true }, schema: { hide: true } }, async (req, reply) => {
    const f = formOf(req);
    const { kind, id, path, entity } = await load(req);
    const parsed = hoursFromForm(f);
    if (parsed.violations.length) return render(req, reply, f, parsed.violations, 422);
    if (f.action === "preview") return render(req, reply, f, []);
    const next = { ...entity, id } as Record<string, unknown>;
    if (parsed.hours) next.openingHours = parsed.hours;
    else delete next.openingHours;
    try {
      const r = await saveEntity(deps, writeContext(req), { kind, entity: next as never, mustExist: true, publish: f.action === "publish", effectiveAt: parseLocalDateTime(f.effectiveAt) });
      return reply.redirect(`/directory/hours/${path}/${id}?saved=${stateOf(r)}`, 303);
    } catch (e) {
      return render(req, reply, f, violationsOf(e), 422);
    }
  });
}
