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
  const drafts = (await listDrafts(rt.deps.pool, orgId)).filter((d) => d.id === id);
  const scheduled = (await listScheduled(rt.deps.pool, orgId)).filter((s) => s.id === id);
  return html`${drafts.map(
    (d) => html`<div class="actions"><span class="badge warn">${d.deleted ? "Borttagning väntar på publicering" : "Opublicerat utkast"}</span>
<form method="post" action="/directory/${path}/${id}/discard" class="inline">${csrfField(req)}<button type="submit" class="secondary">Kasta utkastet</button></form></div>`,
  )}${scheduled.map((s) => html`<p><span class="badge">Schemalagd ${s.effectiveAt.toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" })}</span></p>`)}`;
}

function extras(form: EntityForm, id: string, snap: DirectorySnapshot, req: FastifyRequest, whereUsed: string[]): SafeHtml | string {
  const index = indexSnapshot(snap);
  const csrf = csrfField(req);
  if (form.kind === "unit") {
    const unit = index.unitsById.get(id);
    if (!unit) return "";
    const points = index.contactPointsByUnit.get(id) ?? [];
    const r = resolveReachableContact(unit, snap);
    return html`<section aria-labelledby="cp-h"><h2 id="cp-h">Kontaktvägar</h2>
${points.length ? html`<ul>${points.map((p) => html`<li><a href="/directory/contact-points/${p.id}">${p.label ?? p.kind}: ${valueOf(p)}</a></li>`)}</ul>` : html`<p>Inga egna kontaktvägar.</p>`}
<p><a href="/directory/contact-points/new?unit=${id}">Lägg till kontaktväg</a></p>
<p>${r.contact ? html`Invånare hänvisas till: <strong>${r.contact.unitName}</strong> (${r.contact.role === "self" ? "enheten själv" : "reserv som systemet räknat fram"})` : html`<span class="error">Ingen nåbar kontaktväg: inte ens kontaktcenter har brevlåda eller telefon.</span>`}</p>
<p><a href="/directory/hours/units/${id}">Öppettider</a> · <a href="/katalog/enheter/${id}">Visa den publika sidan</a></p></section>`;
  }
  if (form.kind === "contact_point") {
    const cp = snap.contactPoints.find((c) => c.id === id);
    const state = cp ? reviewState(cp.verification, new Date()) : "never_verified";
    const stateText = { never_verified: "aldrig granskad", ok: "granskad", due_soon: "snart dags att granska", overdue: "försenad granskning" }[state];
    return html`<section aria-labelledby="rev-h"><h2 id="rev-h">Granskning</h2>
<p>Senast granskad: ${cp?.verification.verifiedAt ? cp.verification.verifiedAt.toISOString().slice(0, 10) : "aldrig"}${cp?.verification.verifiedBy ? ` av ${cp.verification.verifiedBy}` : ""} <span class="badge">${stateText}</span></p>
<form method="post" action="/directory/contact-points/${id}/verify">${csrf}<button type="submit" class="secondary">Markera som granskad</button></form>
<p><a href="/directory/hours/contact-points/${id}">Öppettider för kontaktvägen</a></p></section>
<section aria-labelledby="used-h"><h2 id="used-h">Var visas kontaktvägen?</h2>
${whereUsed.length ? html`<ul>${whereUsed.map((u) => html`<li>${u}</li>`)}</ul>` : html`<p>Inga inbäddningar rapporterade ännu. Kortet finns också i API:t, HSDS-exporten och på den publika sidan.</p>`}</section>`;
  }
  if (form.kind === "service") {
    const s = index.servicesById.get(id);
    if (!s) return "";
    const r = resolveReachableContact(s, snap);
    return html`<section aria-labelledby="route-h"><h2 id="route-h">Hänvisning</h2>
<p>${r.contact ? html`Invånare hänvisas till <strong>${r.contact.unitName}</strong>: ${[r.contact.phone ? valueOf(r.contact.phone) : "", r.contact.email?.address ?? ""].filter(Boolean).join(", ")}` : html`<span class="error">Ingen nåbar kontaktväg.</span>`}</p>
<p><a href="/directory/hours/services/${id}">Öppettider för tjänsten</a> · <a href="/katalog/tjanster/${id}">Visa den publika sidan</a></p></section>`;
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
    const title = o.id ? `${form.title}: ${o.values.name ?? o.values.label ?? o.values.address ?? ""}` : `Ny ${form.title.toLowerCase()}`;
    const body = html`<p><a href="/directory">← Kontaktkatalog</a></p>
<h1>${title}</h1>
${o.id ? await statusBadges(rt, req, form.path, o.id) : ""}
${savedNotice(req)}
${violationList(o.violations)}
<form method="post" action="${action}" novalidate>
${csrfField(req)}
${form.fields(snap, o.values).map((f) => renderField(f, o.violations))}
${publishControls({ canPublish: can(p, "directory:publish"), effectiveAt: o.values.effectiveAt })}
</form>
${o.id ? html`<p><a href="/directory/history/${form.path}/${o.id}">Historik och återställning</a></p>
<form method="post" action="/directory/${form.path}/${o.id}/delete">${csrfField(req)}<button type="submit" class="secondary">Ta bort (som utkast)</button></form>
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
    const body = html`<p><a href="/directory">← Kontaktkatalog</a></p>
<h1>Organisationsprofil</h1>
${savedNotice(req)}
${violationList(violations)}
<form method="post" action="/directory/profile" novalidate>${csrfField(req)}
${profileFields(snap, v).map((f) => renderField(f, violations))}
${publishControls({ canPublish: can(p, "directory:publish"), effectiveAt: v.effectiveAt })}
</form>`;
    return sendPage(req, reply, "Organisationsprofil", body, status);
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
