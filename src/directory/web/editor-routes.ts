// Editor screens: overview, publishing (drafts and scheduled changes), the
// review queue and history with diffs and restore. Entity forms live in
// editor-entities.ts, opening hours in editor-hours.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import { can } from "../../access/policy.ts";
import { AppError } from "../../platform/errors.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { indexSnapshot, reviewQueue, type DirectorySnapshot, type Violation } from "../domain/index.ts";
import { historyOf, writeContext } from "../api/write-routes.ts";
import { valueOf } from "../read/present.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { KIND_LABEL_SV, type EntityKind } from "../store/codecs.ts";
import { listDrafts, listScheduled, loadSnapshot } from "../store/versions.ts";
import { restoreVersion } from "../use-cases/change-entity.ts";
import { publishDrafts } from "../use-cases/publish-drafts.ts";
import { registerEntityEditors } from "./editor-entities.ts";
import { registerHoursEditor } from "./editor-hours.ts";
import { registerImportEditor } from "./editor-import.ts";
import { bi, dt } from "./messages.ts";
import { csrfField, formOf, parseLocalDateTime, savedNotice, sendPage, violationList, violationsOf } from "./forms.ts";

const ROUTE = { config: { permission: "directory:read" as const, html: true }, schema: { hide: true } };
const PATHS: Record<EntityKind, string> = { profile: "profile", unit: "units", contact_point: "contact-points", service: "services", external_actor: "external-actors" };
const KIND_OF_PATH: Record<string, EntityKind> = Object.fromEntries(Object.entries(PATHS).map(([k, v]) => [v, k as EntityKind]));

export function nameOf(kind: EntityKind, id: string, snap: DirectorySnapshot): string {
  const index = indexSnapshot(snap);
  if (kind === "profile") return snap.org.name;
  if (kind === "unit") return index.unitsById.get(id)?.name ?? id;
  if (kind === "service") return index.servicesById.get(id)?.name ?? id;
  if (kind === "external_actor") return index.externalActorsById.get(id)?.name ?? id;
  const cp = snap.contactPoints.find((c) => c.id === id);
  return cp ? `${cp.label ?? cp.kind}: ${valueOf(cp)}` : id;
}

const editHref = (kind: EntityKind, id: string) => (kind === "profile" ? "/directory/profile" : `/directory/${PATHS[kind]}/${id}`);
const when = (d: Date) => d.toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" });

export async function registerEditorRoutes(app: FastifyInstance, rt: DirectoryRuntime, _cfg: Config): Promise<void> {
  const deps = rt.deps;
  await registerEntityEditors(app, rt);
  await registerHoursEditor(app, rt);
  await registerImportEditor(app, rt);

  app.get("/directory", ROUTE, async (req, reply) => {
    const orgId = req.principal!.orgId;
    const snap = await loadSnapshot(deps.pool, orgId, { mode: "working" });
    const index = indexSnapshot(snap);
    const drafts = await listDrafts(deps.pool, orgId);
    const due = reviewQueue(snap.contactPoints, deps.now());
    const lang = req.lang;
    const tree = (parentId: string | null): SafeHtml | string => {
      const children = (index.childrenByUnit.get(parentId) ?? []).slice().sort((a, b) => a.name.localeCompare(b.name, "sv"));
      return children.length ? html`<ul>${children.map((u) => html`<li><a href="/directory/units/${u.id}">${u.name}</a> <span class="muted">(${(index.contactPointsByUnit.get(u.id) ?? []).length} ${bi(lang, "kontaktvägar", "contact points")})</span>${tree(u.id)}</li>`)}</ul>` : "";
    };
    const body = html`<h1>${dt(lang, "dir.title")}</h1>
<p>${bi(lang, "En källa för alla kontaktuppgifter. Ändringar sparas som utkast och syns för invånare först när de publiceras.", "One source for all contact details. Changes are saved as drafts and reach residents only when published.")}</p>
<ul class="cards">
<li class="card"><h2><a href="/directory/publish">${bi(lang, "Publicera", "Publish")}</a></h2><p>${drafts.length} ${bi(lang, "opublicerade utkast.", "unpublished drafts.")}</p></li>
<li class="card"><h2><a href="/directory/review">${dt(lang, "ed.review")}</a></h2><p>${due.filter((d) => d.state === "overdue").length} ${bi(lang, "försenade", "overdue")}, ${due.filter((d) => d.state === "due_soon").length} ${bi(lang, "snart", "due soon")}, ${due.filter((d) => d.state === "never_verified").length} ${bi(lang, "aldrig granskade.", "never reviewed.")}</p></li>
<li class="card"><h2><a href="/directory/profile">${dt(lang, "ed.profile")}</a></h2><p>${bi(lang, "Domäner, nummerserier, kontaktcenter och helgkalender.", "Domains, number series, contact center and holiday calendar.")}</p></li>
<li class="card"><h2><a href="/directory/import">${bi(lang, "Importera", "Import")}</a></h2><p>${bi(lang, "CSV-mallen eller HSDS 3.0, med samma kontroller.", "The CSV template or HSDS 3.0, with the same checks.")}</p></li>
</ul>
<p>${bi(lang, "Publikt:", "Public:")} <a href="/katalog">${bi(lang, "katalogen och sökningen", "the directory and search")}</a> · <a href="/katalog/kontaktcenter">${bi(lang, "Kontaktcenter", "Contact center")}</a> · <a href="/hsds/services">HSDS 3.0</a> · <a href="/api/v1/directory/changes">${bi(lang, "ändringsflödet", "change feed")}</a> · <a href="/api/docs">${bi(lang, "API-dokumentation", "API documentation")}</a></p>
<section aria-labelledby="units-h"><h2 id="units-h">${dt(lang, "dir.units")}</h2>${tree(null)}<p><a href="/directory/units/new">${bi(lang, "Ny enhet", "New unit")}</a></p></section>
<section aria-labelledby="svc-h"><h2 id="svc-h">${dt(lang, "dir.services")}</h2><ul>${snap.services.map((s) => html`<li><a href="/directory/services/${s.id}">${s.name}</a></li>`)}</ul><p><a href="/directory/services/new">${bi(lang, "Ny tjänst", "New service")}</a></p></section>
<section aria-labelledby="act-h"><h2 id="act-h">${dt(lang, "dir.actors")}</h2><p class="muted">${bi(lang, "Bara namn och webbplats.", "Name and website only.")}</p><ul>${snap.externalActors.map((a) => html`<li><a href="/directory/external-actors/${a.id}">${a.name}</a></li>`)}</ul><p><a href="/directory/external-actors/new">${bi(lang, "Ny extern aktör", "New external actor")}</a></p></section>`;
    return sendPage(req, reply, dt(lang, "dir.title"), body);
  });

  async function renderPublish(req: FastifyRequest, reply: FastifyReply, violations: Violation[], status = 200) {
    const p = req.principal!;
    const snap = await loadSnapshot(deps.pool, p.orgId, { mode: "working" });
    const drafts = await listDrafts(deps.pool, p.orgId);
    const scheduled = await listScheduled(deps.pool, p.orgId);
    const lang = req.lang;
    const body = html`<p><a href="/directory">${dt(lang, "ed.back")}</a></p><h1>${bi(lang, "Publicera", "Publish")}</h1>
${savedNotice(req)}${violationList(violations, lang)}
${
  drafts.length
    ? html`<form method="post" action="/directory/publish">${csrfField(req)}
<fieldset><legend>${bi(lang, "Opublicerade utkast", "Unpublished drafts")}</legend>
${drafts.map((d) => html`<div><input type="checkbox" id="d-${d.id}" name="item" value="${d.kind}:${d.id}" checked> <label for="d-${d.id}" style="display:inline">${KIND_LABEL_SV[d.kind]}: ${nameOf(d.kind, d.id, snap)}${d.deleted ? ` (${bi(lang, "tas bort", "to be deleted")})` : ""}</label> <a href="${editHref(d.kind, d.id)}">${bi(lang, "redigera", "edit")}</a> <span class="muted">${bi(lang, "sparat", "saved")} ${when(d.createdAt)} ${dt(lang, "ed.review.by", { who: d.createdBy })}</span></div>`)}
</fieldset>
${can(p, "directory:publish") ? html`<div class="actions"><div><label for="f-effectiveAt">${dt(lang, "ed.publishFrom")}</label><input type="datetime-local" id="f-effectiveAt" name="effectiveAt"></div><button type="submit">${bi(lang, "Publicera markerade", "Publish the selected")}</button></div>` : html`<p>${bi(lang, "Du kan spara utkast men inte publicera.", "You can save drafts but not publish.")}</p>`}
</form>`
    : html`<p>${bi(lang, "Inga opublicerade utkast.", "No unpublished drafts.")}</p>`
}
<section aria-labelledby="sched-h"><h2 id="sched-h">${bi(lang, "Schemalagda ändringar", "Scheduled changes")}</h2>
${scheduled.length ? html`<ul>${scheduled.map((s) => html`<li>${when(s.effectiveAt)}: <a href="${editHref(s.kind, s.id)}">${KIND_LABEL_SV[s.kind]} ${nameOf(s.kind, s.id, snap)}</a>${s.deleted ? ` ${bi(lang, "tas bort", "is deleted")}` : ""}</li>`)}</ul>` : html`<p>${bi(lang, "Inga.", "None.")}</p>`}</section>`;
    return sendPage(req, reply, bi(lang, "Publicera", "Publish"), body, status);
  }
  app.get("/directory/publish", ROUTE, async (req, reply) => renderPublish(req, reply, []));
  app.post("/directory/publish", { config: { permission: "directory:publish", html: true }, schema: { hide: true } }, async (req, reply) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const list = (Array.isArray(raw.item) ? raw.item : raw.item ? [raw.item] : []).map(String);
    const items = list.map((x) => {
      const [kind, id] = x.split(":");
      if (!kind || !id || !(kind in KIND_LABEL_SV)) throw new AppError("bad_request");
      return { kind: kind as EntityKind, id };
    });
    if (items.length === 0) return renderPublish(req, reply, [], 200);
    const effectiveAt = parseLocalDateTime(formOf(req).effectiveAt);
    try {
      await publishDrafts(deps, writeContext(req), { items, effectiveAt });
      return reply.redirect(`/directory/publish?saved=${effectiveAt ? "scheduled" : "published"}`, 303);
    } catch (e) {
      return renderPublish(req, reply, violationsOf(e), 422);
    }
  });

  app.get("/directory/review", ROUTE, async (req, reply) => {
    const snap = await loadSnapshot(deps.pool, req.principal!.orgId, { mode: "working" });
    const index = indexSnapshot(snap);
    const items = reviewQueue(snap.contactPoints, deps.now());
    const lang = req.lang;
    const label = { never_verified: bi(lang, "Aldrig granskad", "Never reviewed"), due_soon: bi(lang, "Snart", "Due soon"), overdue: bi(lang, "Försenad", "Overdue") };
    const body = html`<p><a href="/directory">${dt(lang, "ed.back")}</a></p><h1>${dt(lang, "ed.review")}</h1>
${savedNotice(req)}
<p>${bi(lang, "Kontaktvägar granskas med jämna mellanrum (standard 12 månader). Granskning ändrar inget innehåll; den bekräftar att uppgiften stämmer.", "Contact points are reviewed at intervals (12 months by default). A review changes nothing; it confirms that the detail is correct.")}</p>
${
  items.length
    ? html`<table><caption>${bi(lang, "Att granska", "To review")}</caption><thead><tr><th scope="col">${bi(lang, "Kontaktväg", "Contact point")}</th><th scope="col">${bi(lang, "Enhet", "Unit")}</th><th scope="col">Status</th><th scope="col">${bi(lang, "Förfallodag", "Due date")}</th><th scope="col">${bi(lang, "Åtgärd", "Action")}</th></tr></thead><tbody>
${items.map((i) => html`<tr><td><a href="/directory/contact-points/${i.contactPoint.id}">${i.contactPoint.label ?? i.contactPoint.kind}: ${valueOf(i.contactPoint)}</a></td><td>${index.unitsById.get(i.contactPoint.unitId)?.name ?? ""}</td><td>${label[i.state]}</td><td>${i.dueAt ? i.dueAt.toISOString().slice(0, 10) : "–"}</td>
<td><form method="post" action="/directory/contact-points/${i.contactPoint.id}/verify">${csrfField(req)}<input type="hidden" name="back" value="/directory/review"><button type="submit" class="secondary" aria-label="${dt(lang, "ed.review.mark")}: ${i.contactPoint.label ?? valueOf(i.contactPoint)}">${dt(lang, "ed.review.mark")}</button></form></td></tr>`)}
</tbody></table>`
    : html`<p>${bi(lang, "Allt är granskat.", "Everything is reviewed.")}</p>`
}`;
    return sendPage(req, reply, dt(lang, "ed.review"), body);
  });

  app.get("/directory/history/:kind/:id", ROUTE, async (req, reply) => {
    const { kind: path, id } = req.params as { kind: string; id: string };
    const kind = KIND_OF_PATH[path];
    if (!kind) throw new AppError("not_found");
    const orgId = req.principal!.orgId;
    const h = await historyOf(rt, orgId, kind, id);
    const snap = await loadSnapshot(deps.pool, orgId, { mode: "working" });
    const lang = req.lang;
    const fmt = (v: unknown) => (v === undefined ? "–" : typeof v === "string" ? v : JSON.stringify(v));
    const state = (v: (typeof h.versions)[number]) => (v.state === "draft" ? bi(lang, "utkast", "draft") : v.effectiveAt && new Date(v.effectiveAt) > new Date() ? `${bi(lang, "schemalagd", "scheduled")} ${when(new Date(v.effectiveAt))}` : `${bi(lang, "publicerad", "published")} ${v.effectiveAt ? when(new Date(v.effectiveAt)) : ""}`);
    const body = html`<p><a href="${editHref(kind, id)}">${dt(lang, "ed.back.short")}</a></p><h1>${bi(lang, "Historik", "History")}: ${nameOf(kind, id, snap)}</h1>${savedNotice(req)}
${h.versions.map(
  (v) => html`<section aria-labelledby="v-${v.version}"><h2 id="v-${v.version}">Version ${v.version} <span class="badge">${state(v)}</span>${v.deleted ? html` <span class="badge warn">${bi(lang, "borttagen", "deleted")}</span>` : ""}</h2>
<p class="muted">${bi(lang, "Sparad", "Saved")} ${when(new Date(v.createdAt))} ${dt(lang, "ed.review.by", { who: v.createdBy })}${v.publishedBy ? ` · ${bi(lang, "publicerad", "published")} ${dt(lang, "ed.review.by", { who: v.publishedBy })}` : ""}</p>
${v.changes.length ? html`<table><caption>${bi(lang, "Ändringar", "Changes")}</caption><thead><tr><th scope="col">${bi(lang, "Fält", "Field")}</th><th scope="col">${bi(lang, "Före", "Before")}</th><th scope="col">${bi(lang, "Efter", "After")}</th></tr></thead><tbody>${v.changes.map((c) => html`<tr><td>${c.path === "" ? bi(lang, "(ny)", "(new)") : lang === "en" ? c.path : c.label_sv}</td><td><pre class="change">${fmt(c.before)}</pre></td><td><pre class="change">${c.path === "" ? bi(lang, "skapad", "created") : fmt(c.after)}</pre></td></tr>`)}</tbody></table>` : ""}
${v.state === "published" && !v.deleted ? html`<form method="post" action="/directory/history/${path}/${id}/restore">${csrfField(req)}<input type="hidden" name="version" value="${v.version}"><button type="submit" class="secondary">${bi(lang, "Återställ version", "Restore version")} ${v.version}</button></form>` : ""}
</section>`,
)}`;
    return sendPage(req, reply, bi(lang, "Historik", "History"), body);
  });

  app.post("/directory/history/:kind/:id/restore", { config: { permission: "directory:write", html: true }, schema: { hide: true } }, async (req, reply) => {
    const { kind: path, id } = req.params as { kind: string; id: string };
    const kind = KIND_OF_PATH[path];
    const version = Number(formOf(req).version);
    if (!kind || !Number.isInteger(version)) throw new AppError("not_found");
    try {
      await restoreVersion(deps, writeContext(req), { kind, id, version });
    } catch (e) {
      const violations = violationsOf(e);
      const lang = req.lang;
      return sendPage(req, reply, bi(lang, "Återställ", "Restore"), html`<h1>${bi(lang, "Återställningen vägrades", "The restore was refused")}</h1>${violationList(violations, lang)}<p><a href="/directory/history/${path}/${id}">${bi(lang, "Tillbaka till historiken", "Back to the history")}</a></p>`, 422);
    }
    return reply.redirect(`${editHref(kind, id)}?saved=restored`, 303);
  });
}
