// Public pages, no login, Swedish: "Kontakta oss" per unit, the contact
// center ("Kontaktcenter – en väg in": open now / opens at, the next 14 days
// with holidays), services, and the directory search. schema.org JSON-LD in
// the head. `?at=` shows the opening hours as of another moment ("are you open
// on julafton?"); it never changes which data is shown.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import { AppError } from "../../platform/errors.ts";
import { html, raw, type SafeHtml } from "../../web/html.ts";
import { page } from "../../web/layout.ts";
import {
  indexSnapshot,
  isOpen,
  jsonLdScriptContent,
  nextDays,
  resolveOpeningHours,
  summarizeWeek,
  toJsonLd,
  type DirectorySnapshot,
  type OpeningHours,
  type Unit,
} from "../domain/index.ts";
import { dateLabel } from "../domain/opening-hours/evaluate.ts";
import { addDays, isoDateIn } from "../domain/opening-hours/zoned.ts";
import { CLOCK_CACHE, publicOrg } from "../api/http.ts";
import { etagOf } from "../read/cache.ts";
import { publicLimit } from "../api/public-routes.ts";
import { serviceView } from "../read/present.ts";
import { searchDirectory } from "../read/search.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { cardHtml, safeHref } from "./card-html.ts";
import { dt } from "./messages.ts";

function clock(req: FastifyRequest, rt: DirectoryRuntime): Date {
  const at = (req.query as { at?: string }).at;
  const d = at ? new Date(at) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : rt.deps.now();
}

function orgParam(slug: string): string {
  return `?org=${encodeURIComponent(slug)}`;
}

export function hoursOfUnit(unit: Unit, snapshot: DirectorySnapshot): OpeningHours | undefined {
  const points = indexSnapshot(snapshot).contactPointsByUnit.get(unit.id) ?? [];
  return unit.openingHours ?? points.find((p) => p.kind === "phone" && p.openingHours)?.openingHours ?? points.find((p) => p.openingHours)?.openingHours;
}

/** Open now / opens at, the regular week, and the next 14 days with holidays marked. */
export function hoursSection(hours: OpeningHours, snapshot: DirectorySnapshot, now: Date): SafeHtml {
  const resolved = resolveOpeningHours(hours, snapshot.org);
  const state = isOpen(resolved, now);
  const days = nextDays(resolved, now, 14);
  return html`<section aria-labelledby="vx-hours-h" class="vx-hours-section">
<h2 id="vx-hours-h">${dt("sv", "dir.hours")}</h2>
<p class="vx-open-state ${state.open ? "open" : "closed"}" data-open="${state.open ? "true" : "false"}"><strong>${state.text_sv}</strong></p>
<ul class="vx-week">${summarizeWeek(resolved, "sv").map((l) => html`<li>${l}</li>`)}</ul>
<table class="vx-days"><caption>${dt("sv", "dir.next14")}</caption>
<thead><tr><th scope="col">Dag</th><th scope="col">Öppet</th></tr></thead>
<tbody>${days.map(
    (d) => html`<tr${d.special ? html` class="special"` : ""} data-date="${d.date}"><th scope="row">${dateLabel(d.date, "sv")}</th><td>${d.closed ? "Stängt" : d.intervals.map((i) => `${i.from}–${i.to}`).join(", ")}${d.reason_sv ? html` <span class="vx-reason">(${d.reason_sv})</span>` : ""}</td></tr>`,
  )}</tbody></table>
</section>`;
}

function jsonLdHead(unitId: string, snapshot: DirectorySnapshot, now: Date, pageUrl: string): SafeHtml {
  const from = isoDateIn(now, snapshot.org.timeZone ?? "Europe/Stockholm");
  const ld = toJsonLd(unitId, snapshot, { from, to: addDays(from, 60), pageUrl });
  // jsonLdScriptContent escapes "<", so no value can close the element.
  return ld ? html`<script type="application/ld+json">${raw(jsonLdScriptContent(ld))}</script>` : html``;
}

function liveCard(unitId: string, slug: string, card: SafeHtml): SafeHtml {
  return html`<div data-vaxel-live data-fragment="/embed/directory/units/${unitId}/card.html${orgParam(slug)}" data-events="/api/v1/directory/events${orgParam(slug)}">${card}</div>
<script src="/assets/directory/live.js" defer></script>`;
}

export async function registerPublicPages(app: FastifyInstance, rt: DirectoryRuntime, cfg: Config): Promise<void> {
  const send = (req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, head?: SafeHtml) => {
    const doc = page({ lang: "sv", title, principal: req.principal, csrfToken: req.principal?.csrfToken, currentPath: req.url, body, ...(head ? { head } : {}) });
    // Signed-in visitors see their name in the header: never share their copy.
    if (req.principal) return reply.header("cache-control", "private, no-store").type("text/html; charset=utf-8").send(doc);
    const etag = etagOf(doc);
    reply.header("cache-control", CLOCK_CACHE).header("etag", etag);
    if (req.headers["if-none-match"] === etag) return reply.code(304).send();
    return reply.type("text/html; charset=utf-8").send(doc);
  };
  const entryFor = async (req: FastifyRequest) => {
    const org = await publicOrg(rt.deps.pool, cfg, (req.query as { org?: string }).org);
    return { org, entry: await rt.cache.get(org.id) };
  };

  app.get("/katalog/enheter/:id", { config: { public: true, html: true }, schema: { hide: true } }, async (req, reply) => {
    const { org, entry } = await entryFor(req);
    const snap = entry.snapshot;
    const unit = indexSnapshot(snap).unitsById.get((req.params as { id: string }).id);
    if (!unit) throw new AppError("not_found");
    const now = clock(req, rt);
    const hours = hoursOfUnit(unit, snap);
    const services = snap.services.filter((s) => s.ownerUnitId === unit.id && s.status === "active");
    const body = html`<p class="muted">${snap.org.name}</p>
<h1>${dt("sv", "dir.public.title")}: ${unit.name}</h1>
${unit.description ? html`<p>${unit.description}</p>` : ""}
${liveCard(unit.id, org.slug, cardHtml(unit, snap, { vcardUrl: `/api/v1/directory/units/${unit.id}/vcard${orgParam(org.slug)}` }))}
${hours ? hoursSection(hours, snap, now) : ""}
${services.length ? html`<section aria-labelledby="vx-svc-h"><h2 id="vx-svc-h">${dt("sv", "dir.services")}</h2><ul>${services.map((s) => html`<li><a href="/katalog/tjanster/${s.id}${orgParam(org.slug)}">${s.name}</a></li>`)}</ul></section>` : ""}
<p><a href="/katalog${orgParam(org.slug)}">${dt("sv", "dir.search")}</a></p>`;
    return send(req, reply, `${dt("sv", "dir.public.title")}: ${unit.name}`, body, jsonLdHead(unit.id, snap, now, `${cfg.publicUrl}/katalog/enheter/${unit.id}`));
  });

  app.get("/katalog/kontaktcenter", { config: { public: true, html: true }, schema: { hide: true } }, async (req, reply) => {
    const { org, entry } = await entryFor(req);
    const snap = entry.snapshot;
    const id = snap.org.contactCenterUnitId;
    const unit = id ? indexSnapshot(snap).unitsById.get(id) : undefined;
    if (!unit) throw new AppError("not_found", { public: { reason: "no contact center" } });
    const now = clock(req, rt);
    const hours = hoursOfUnit(unit, snap);
    const body = html`<p class="muted">${snap.org.name}</p>
<h1>${dt("sv", "dir.contactCenter")}</h1>
<p>${dt("sv", "dir.contactCenter.intro")}</p>
${hours ? hoursSection(hours, snap, now) : ""}
${liveCard(unit.id, org.slug, cardHtml(unit, snap, { vcardUrl: `/api/v1/directory/units/${unit.id}/vcard${orgParam(org.slug)}` }))}`;
    return send(req, reply, dt("sv", "dir.contactCenter"), body, jsonLdHead(unit.id, snap, now, `${cfg.publicUrl}/katalog/kontaktcenter`));
  });

  app.get("/katalog/tjanster/:id", { config: { public: true, html: true }, schema: { hide: true } }, async (req, reply) => {
    const { org, entry } = await entryFor(req);
    const snap = entry.snapshot;
    const s = indexSnapshot(snap).servicesById.get((req.params as { id: string }).id);
    if (!s) throw new AppError("not_found");
    const v = serviceView(s, snap);
    const contactUnit = v.contact ? indexSnapshot(snap).unitsById.get(v.contact.unitId) : undefined;
    const body = html`<p class="muted">${snap.org.name}</p>
<h1>${s.name}</h1>
${s.description ? html`<p>${s.description}</p>` : ""}
<section aria-labelledby="vx-contact-h"><h2 id="vx-contact-h">${dt("sv", "dir.service.contact")}</h2>
${contactUnit ? cardHtml(contactUnit, snap, { headingLevel: 3 }) : ""}
</section>
${v.externalActors.length ? html`<section aria-labelledby="vx-ext-h"><h2 id="vx-ext-h">${dt("sv", "dir.externalLinks")}</h2><p>${dt("sv", "dir.externalNote")}</p><ul>${v.externalActors.map((a) => html`<li><a href="${safeHref(a.websiteUrl)}" rel="noopener">${a.name}</a></li>`)}</ul></section>` : ""}
<p><a href="/katalog${orgParam(org.slug)}">${dt("sv", "dir.search")}</a></p>`;
    return send(req, reply, s.name, body);
  });

  app.get("/katalog", { config: { public: true, html: true, ...publicLimit(cfg) }, schema: { hide: true } }, async (req, reply) => {
    const { org, entry } = await entryFor(req);
    const snap = entry.snapshot;
    const q = String((req.query as { q?: string }).q ?? "").slice(0, 200);
    const index = indexSnapshot(snap);
    const link = (kind: string, id: string, unitId: string | null) => {
      if (kind === "unit") return `/katalog/enheter/${id}${orgParam(org.slug)}`;
      if (kind === "service") return `/katalog/tjanster/${id}${orgParam(org.slug)}`;
      const a = index.externalActorsById.get(id);
      return a ? safeHref(a.websiteUrl) : unitId ? `/katalog/enheter/${unitId}` : "#";
    };
    let results: SafeHtml | string = "";
    if (q.trim()) {
      const hits = await searchDirectory(rt.deps.pool, org.id, q);
      results = html`<section aria-labelledby="vx-res-h" aria-live="polite"><h2 id="vx-res-h">${dt("sv", "dir.search.results", { q })}</h2>
${hits.length ? html`<ul class="vx-results">${hits.map((h) => html`<li><a href="${link(h.kind, h.id, h.unitId)}">${h.title}</a> <span class="muted">(${h.kind === "unit" ? "enhet" : h.kind === "service" ? "tjänst" : "extern aktör"})</span></li>`)}</ul>` : html`<p>${dt("sv", "dir.search.none")}</p>`}</section>`;
    }
    const tree = (parentId: string | null): SafeHtml | string => {
      const children = (index.childrenByUnit.get(parentId) ?? []).slice().sort((a, b) => a.name.localeCompare(b.name, "sv"));
      return children.length ? html`<ul>${children.map((u) => html`<li><a href="/katalog/enheter/${u.id}${orgParam(org.slug)}">${u.name}</a>${tree(u.id)}</li>`)}</ul>` : "";
    };
    const body = html`<p class="muted">${snap.org.name}</p>
<h1>${dt("sv", "dir.search")}</h1>
<form method="get" action="/katalog" role="search" class="filters">
<input type="hidden" name="org" value="${org.slug}">
<div><label for="vx-q">${dt("sv", "dir.search.label")}</label><input id="vx-q" name="q" type="search" value="${q}" maxlength="200"></div>
<div><button type="submit">${dt("sv", "dir.search.submit")}</button></div>
</form>
${results}
${snap.org.contactCenterUnitId ? html`<p><a href="/katalog/kontaktcenter${orgParam(org.slug)}">${dt("sv", "dir.contactCenter")}</a></p>` : ""}
<section aria-labelledby="vx-units-h"><h2 id="vx-units-h">${dt("sv", "dir.units")}</h2>${tree(null)}</section>
<section aria-labelledby="vx-services-h"><h2 id="vx-services-h">${dt("sv", "dir.services")}</h2><ul>${snap.services
      .filter((s) => s.status === "active")
      .map((s) => html`<li><a href="/katalog/tjanster/${s.id}${orgParam(org.slug)}">${s.name}</a></li>`)}</ul></section>`;
    return send(req, reply, dt("sv", "dir.search"), body);
  });
}
