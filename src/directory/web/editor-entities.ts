// Editor screens for units, contact points, services, external actors and the
// organisation profile: one form per kind, refused writes shown inline with
// rule id and Swedish message, drafts / publish / schedule from the same form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../access/policy.ts";
import { AppError } from "../../platform/errors.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { indexSnapshot, resolveReachableContact, reviewState, type DirectorySnapshot, type Violation } from "../domain/index.ts";
import { writeContext } from "../api/write-routes.ts";
import { valueOf } from "../read/present.ts";
import { listEmbedUses } from "../read/where-used.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import type { EntityKind } from "../store/codecs.ts";
import { listDrafts, listScheduled, loadCurrent, loadSnapshot } from "../store/versions.ts";
import { deleteEntity, discardEntityDraft, verifyContactPoint } from "../use-cases/change-entity.ts";
import { saveEntity, type SaveResult } from "../use-cases/save-entity.ts";
import { ENTITY_FORMS, profileFields, profileFromForm, profileToForm, type EntityForm } from "./entity-forms.ts";
import { dt } from "./messages.ts";
import { csrfField, formOf, parseLocalDateTime, publishControls, renderField, savedNotice, sendPage, violationList, violationsOf, type Form } from "./forms.ts";

const ROUTE = { config: { permission: "directory:read" as const, html: true }, schema: { hide: true } };
const WRITE = { config: { permission: "directory:write" as const, html: true }, schema: { hide: true } };

export function stateOf(r: SaveResult<EntityKind>): "draft" | "published" | "scheduled" {
  const p = r.publish?.published[0];
  if (!p) return "draft";
  return p.effectiveAt.getTime() > Date.now() + 1000 ? "scheduled" : "published";
}

async function statusBadges(rt: DirectoryRuntime, req: FastifyRequest, path: string, id: string): Promise<SafeHtml> {
  const orgId = req.principal!.orgId;
  const lang = req.lang;
  const drafts = (await listDrafts(rt.deps.pool, orgId)).filter((d) => d.id === id);
  const scheduled = (await listScheduled(rt.deps.pool, orgId)).filter((s) => s.id === id);
  return html`${drafts.map(
    (d) => html`<div class="actions"><span class="badge warn">${dt(lang, d.deleted ? "ed.draftDelete" : "ed.draft")}</span>
<form method="post" action="/directory/${path}/${id}/discard" class="inline">${csrfField(req)}<button type="submit" class="secondary">${dt(lang, "ed.discard")}</button></form></div>`,
  )}${scheduled.map((s) => html`<p><span class="badge">${dt(lang, "ed.scheduled", { at: s.effectiveAt.toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" }) })}</span></p>`)}`;
}

function extras(form: EntityForm, id: string, snap: DirectorySnapshot, req: FastifyRequest, whereUsed: string[]): SafeHtml | string {
  const index = indexSnapshot(snap);
  const csrf = csrfField(req);
  const lang = req.lang;
  if (form.kind === "unit") {
    const unit = index.unitsById.get(id);
    if (!unit) return "";
    const points = index.contactPointsByUnit.get(id) ?? [];
    const r = resolveReachableContact(unit, snap);
    return html`<section aria-labelledby="cp-h"><h2 id="cp-h">${dt(lang, "ed.cp")}</h2>
${points.length ? html`<ul>${points.map((p) => html`<li><a href="/directory/contact-points/${p.id}">${p.label ?? p.kind}: ${valueOf(p)}</a></li>`)}</ul>` : html`<p>${dt(lang, "ed.cp.none")}</p>`}
<p><a href="/directory/contact-points/new?unit=${id}">${dt(lang, "ed.cp.add")}</a></p>
<p>${r.contact ? html`${dt(lang, "ed.route.to")} <strong>${r.contact.unitName}</strong> (${dt(lang, r.contact.role === "self" ? "ed.route.self" : "ed.route.fallback")})` : html`<span class="error">${dt(lang, "ed.route.none")}</span>`}</p>
<p><a href="/directory/hours/units/${id}">${dt(lang, "ed.hours")}</a> · <a href="/katalog/enheter/${id}">${dt(lang, "ed.publicPage")}</a></p></section>`;
  }
  if (form.kind === "contact_point") {
    const cp = snap.contactPoints.find((c) => c.id === id);
    const state = cp ? reviewState(cp.verification, new Date()) : "never_verified";
    const stateText = dt(lang, `ed.review.state.${state}`);
    return html`<section aria-labelledby="rev-h"><h2 id="rev-h">${dt(lang, "ed.review")}</h2>
<p>${dt(lang, "ed.review.last")} ${cp?.verification.verifiedAt ? cp.verification.verifiedAt.toISOString().slice(0, 10) : dt(lang, "ed.review.never")}${cp?.verification.verifiedBy ? ` ${dt(lang, "ed.review.by", { who: cp.verification.verifiedBy })}` : ""} <span class="badge">${stateText}</span></p>
<form method="post" action="/directory/contact-points/${id}/verify">${csrf}<button type="submit" class="secondary">${dt(lang, "ed.review.mark")}</button></form>
<p><a href="/directory/hours/contact-points/${id}">${dt(lang, "ed.cp.hours")}</a></p></section>
<section aria-labelledby="used-h"><h2 id="used-h">${dt(lang, "ed.used")}</h2>
${whereUsed.length ? html`<ul>${whereUsed.map((u) => html`<li>${u}</li>`)}</ul>` : html`<p>${dt(lang, "ed.used.none")}</p>`}</section>`;
  }
  if (form.kind === "service") {
    const s = index.servicesById.get(id);
    if (!s) return "";
    const r = resolveReachableContact(s, snap);
    return html`<section aria-labelledby="route-h"><h2 id="route-h">${dt(lang, "ed.service.route")}</h2>
<p>${r.contact ? html`${dt(lang, "ed.service.to")} <strong>${r.contact.unitName}</strong>: ${[r.contact.phone ? valueOf(r.contact.phone) : "", r.contact.email?.address ?? ""].filter(Boolean).join(", ")}` : html`<span class="error">${dt(lang, "ed.service.none")}</span>`}</p>
<p><a href="/directory/hours/services/${id}">${dt(lang, "ed.service.hours")}</a> · <a href="/katalog/tjanster/${id}">${dt(lang, "ed.publicPage")}</a></p></section>`;
  }
  return "";
}

export async function registerEntityEditors(app: FastifyInstance, rt: DirectoryRuntime): Promise<void> {
  const deps = rt.deps;

  async function renderEditor(req: FastifyRequest, reply: FastifyReply, form: EntityForm, o: { id?: string; values: Form; violations: Violation[]; status?: number }) {
    const p = req.principal!;
    const snap = await loadSnapshot(deps.pool, p.orgId, { mode: "working" });
    const whereUsed = o.id && form.kind === "contact_point" ? await (async () => {
      const cp = snap.contactPoints.find((c) => c.id === o.id);
      return cp ? (await listEmbedUses(deps.pool, p.orgId, cp.unitId)).map((u) => `${u.hostUrl} (${u.embed}, senast ${u.lastSeen.toISOString().slice(0, 10)})`) : [];
    })() : [];
    const action = o.id ? `/directory/${form.path}/${o.id}` : `/directory/${form.path}/new`;
    const lang = req.lang;
    const title = o.id ? `${form.title[lang]}: ${o.values.name ?? o.values.label ?? o.values.address ?? ""}` : dt(lang, "ed.new", { what: form.title[lang].toLowerCase() });
    const body = html`<p><a href="/directory">${dt(lang, "ed.back")}</a></p>
<h1>${title}</h1>
${o.id ? await statusBadges(rt, req, form.path, o.id) : ""}
${savedNotice(req)}
${violationList(o.violations, lang)}
<form method="post" action="${action}" novalidate>
${csrfField(req)}
${form.fields(snap, o.values, lang).map((f) => renderField(f, o.violations, lang))}
${publishControls({ canPublish: can(p, "directory:publish"), effectiveAt: o.values.effectiveAt, lang })}
</form>
${o.id ? html`<p><a href="/directory/history/${form.path}/${o.id}">${dt(lang, "ed.history")}</a></p>
<form method="post" action="/directory/${form.path}/${o.id}/delete">${csrfField(req)}<button type="submit" class="secondary">${dt(lang, "ed.delete")}</button></form>
${extras(form, o.id, snap, req, whereUsed)}` : ""}`;
    return sendPage(req, reply, title, body, o.status);
  }

  async function save(req: FastifyRequest, reply: FastifyReply, form: EntityForm, id?: string) {
    const f = formOf(req);
    const { entity, raw } = form.toEntity(f);
    try {
      const r = await saveEntity(deps, writeContext(req), {
        kind: form.kind,
        entity: (id ? { ...entity, id } : entity) as never,
        ...(raw ? { raw } : {}),
        mustExist: id !== undefined,
        publish: f.action === "publish",
        effectiveAt: parseLocalDateTime(f.effectiveAt),
      });
      return reply.redirect(`/directory/${form.path}/${r.id}?saved=${stateOf(r)}`, 303);
    } catch (e) {
      return renderEditor(req, reply, form, { ...(id ? { id } : {}), values: f, violations: violationsOf(e), status: 422 });
    }
  }

  for (const form of ENTITY_FORMS) {
    app.get(`/directory/${form.path}/new`, ROUTE, async (req, reply) => {
      const q = req.query as { unit?: string; parent?: string };
      return renderEditor(req, reply, form, { values: { unitId: q.unit, parentId: q.parent, ownerUnitId: q.unit }, violations: [] });
    });
    app.post(`/directory/${form.path}/new`, WRITE, async (req, reply) => save(req, reply, form));
    app.get(`/directory/${form.path}/:id`, ROUTE, async (req, reply) => {
      const { id } = req.params as { id: string };
      const row = (await loadCurrent(deps.pool, req.principal!.orgId, form.kind, { mode: "working" })).find((r) => r.entity.id === id);
      if (!row) throw new AppError("not_found");
      return renderEditor(req, reply, form, { id, values: form.fromEntity(row.entity), violations: [] });
    });
    app.post(`/directory/${form.path}/:id`, WRITE, async (req, reply) => save(req, reply, form, (req.params as { id: string }).id));
    app.post(`/directory/${form.path}/:id/discard`, WRITE, async (req, reply) => {
      const { id } = req.params as { id: string };
      await discardEntityDraft(deps, writeContext(req), { kind: form.kind, id });
      const exists = (await loadCurrent(deps.pool, req.principal!.orgId, form.kind, { mode: "working" })).some((r) => r.entity.id === id);
      return reply.redirect(exists ? `/directory/${form.path}/${id}?saved=discarded` : "/directory", 303);
    });
    app.post(`/directory/${form.path}/:id/delete`, WRITE, async (req, reply) => {
      const { id } = req.params as { id: string };
      await deleteEntity(deps, writeContext(req), { kind: form.kind, id });
      return reply.redirect(`/directory/publish?saved=deleted`, 303);
    });
  }

  app.post("/directory/contact-points/:id/verify", WRITE, async (req, reply) => {
    const { id } = req.params as { id: string };
    await verifyContactPoint(deps, writeContext(req), { id });
    const back = (formOf(req).back ?? "").startsWith("/directory/review") ? "/directory/review?saved=verified" : `/directory/contact-points/${id}?saved=verified`;
    return reply.redirect(back, 303);
  });

  async function renderProfile(req: FastifyRequest, reply: FastifyReply, values: Form | undefined, violations: Violation[], status = 200) {
    const p = req.principal!;
    const snap = await loadSnapshot(deps.pool, p.orgId, { mode: "working" });
    const v = values ?? profileToForm(snap.org);
    const lang = req.lang;
    const body = html`<p><a href="/directory">${dt(lang, "ed.back")}</a></p>
<h1>${dt(lang, "ed.profile")}</h1>
${savedNotice(req)}
${violationList(violations, lang)}
<form method="post" action="/directory/profile" novalidate>${csrfField(req)}
${profileFields(snap, v, lang).map((f) => renderField(f, violations, lang))}
${publishControls({ canPublish: can(p, "directory:publish"), effectiveAt: v.effectiveAt, lang })}
</form>`;
    return sendPage(req, reply, dt(lang, "ed.profile"), body, status);
  }
  app.get("/directory/profile", ROUTE, async (req, reply) => renderProfile(req, reply, undefined, []));
  app.post("/directory/profile", WRITE, async (req, reply) => {
    const f = formOf(req);
    try {
      const r = await saveEntity(deps, writeContext(req), { kind: "profile", entity: profileFromForm(f, req.principal!.orgId) as never, publish: f.action === "publish", effectiveAt: parseLocalDateTime(f.effectiveAt) });
      return reply.redirect(`/directory/profile?saved=${stateOf(r)}`, 303);
    } catch (e) {
      return renderProfile(req, reply, f, violationsOf(e), 422);
    }
  });
}
