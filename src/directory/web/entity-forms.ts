// The editor forms of each entity kind: which fields, how a stored entity
// fills them, and how a submitted form becomes an entity. The principles
// judge the result; the form only shapes it.
import { DEFAULT_REVIEW_INTERVAL_MONTHS, suggestBridgeDays, type ContactPoint, type DirectorySnapshot, type ExternalActor, type OrganisationProfile, type Service, type Unit } from "../domain/index.ts";
import type { EntityKind } from "../store/codecs.ts";
import type { Lang } from "../../web/i18n.ts";
import type { Field, Form } from "./forms.ts";
import { bi } from "./messages.ts";

export interface EntityForm {
  kind: Exclude<EntityKind, "profile">;
  /** URL segment under /directory. */
  path: string;
  title: Record<Lang, string>;
  fields(snapshot: DirectorySnapshot, values: Form, lang: Lang): Field[];
  fromEntity(e: unknown): Form;
  toEntity(f: Form): { entity: Record<string, unknown>; raw?: Record<string, unknown> };
}

const opt = (s: string | undefined) => (s && s.trim() !== "" ? s.trim() : undefined);
function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function unitOptions(snapshot: DirectorySnapshot, empty?: string): { value: string; label: string }[] {
  const list = [...snapshot.units].sort((a, b) => a.name.localeCompare(b.name, "sv")).map((u) => ({ value: u.id, label: u.name }));
  return empty !== undefined ? [{ value: "", label: empty }, ...list] : list;
}

const UNIT_KINDS = (l: Lang) => [
  { value: "forvaltning", label: bi(l, "Förvaltning", "Förvaltning (administration)") },
  { value: "verksamhet", label: bi(l, "Verksamhet", "Verksamhet (operation)") },
  { value: "enhet", label: bi(l, "Enhet", "Enhet (unit)") },
];

export const unitForm: EntityForm = {
  kind: "unit",
  path: "units",
  title: { sv: "Enhet", en: "Unit" },
  fields: (s, v, l) => [
    { name: "name", label: bi(l, "Namn", "Name"), value: v.name, required: true },
    { name: "kind", label: bi(l, "Typ", "Kind"), type: "select", value: v.kind ?? "enhet", options: UNIT_KINDS(l) },
    { name: "parentId", label: bi(l, "Överordnad enhet", "Parent unit"), type: "select", value: v.parentId, options: unitOptions(s, bi(l, "(ingen – högsta nivån)", "(none – top level)")) },
    { name: "description", label: bi(l, "Beskrivning", "Description"), type: "textarea", value: v.description },
  ],
  fromEntity: (e) => {
    const u = e as Unit;
    return { name: u.name, kind: u.kind, parentId: u.parentId ?? "", description: u.description };
  },
  toEntity: (f) => ({ entity: clean({ name: f.name ?? "", kind: f.kind ?? "enhet", parentId: opt(f.parentId) ?? null, description: opt(f.description) }) }),
};

const CP_KINDS = (l: Lang) => [
  { value: "email", label: bi(l, "E-post (funktionsbrevlåda)", "E-mail (functional mailbox)") },
  { value: "phone", label: bi(l, "Telefon (funktionsnummer)", "Phone (functional number)") },
  { value: "visiting_address", label: bi(l, "Besöksadress", "Visiting address") },
  { value: "postal_address", label: bi(l, "Postadress", "Postal address") },
  { value: "web", label: bi(l, "Webbsida", "Web page") },
  { value: "chat", label: bi(l, "Chatt", "Chat") },
  { value: "social", label: bi(l, "Socialt konto", "Social account") },
];
const PLATFORMS = ["facebook", "instagram", "linkedin", "youtube", "x", "mastodon", "tiktok", "other"].map((p) => ({ value: p, label: p }));

export const contactPointForm: EntityForm = {
  kind: "contact_point",
  path: "contact-points",
  title: { sv: "Kontaktväg", en: "Contact point" },
  fields: (s, v, l) => [
    { name: "unitId", label: bi(l, "Enhet", "Unit"), type: "select", value: v.unitId, options: unitOptions(s), required: true },
    { name: "kind", label: bi(l, "Typ", "Kind"), type: "select", value: v.kind ?? "email", options: CP_KINDS(l) },
    { name: "label", label: bi(l, "Etikett (en funktion, aldrig en persons namn eller titel)", "Label (a function, never a person's name or title)"), value: v.label, hint: bi(l, "T.ex. ”Bygglov – telefon” eller ”Växel”.", "E.g. “Bygglov – telefon” or “Växel”.") },
    { name: "address", label: bi(l, "E-postadress (för e-post)", "E-mail address (for e-mail)"), type: "email", value: v.address, hint: bi(l, "En funktionsbrevlåda på organisationens domän, t.ex. bygglov@…", "A functional mailbox on the organisation's domain, e.g. bygglov@…") },
    { name: "number", label: bi(l, "Telefonnummer (för telefon)", "Phone number (for phone)"), type: "tel", value: v.number, hint: bi(l, "T.ex. 0520-49 50 00. Sparas i E.164 och visas i svensk form.", "E.g. 0520-49 50 00. Stored as E.164, shown in the Swedish form.") },
    { name: "mobileReason", label: bi(l, "Skäl om numret är en mobil som används som funktionstelefon", "Reason, if the number is a mobile used as a functional phone"), value: v.mobileReason, paths: ["mobileConfirmed"] },
    { name: "street", label: bi(l, "Gatuadress (för adress)", "Street address (for addresses)"), value: v.street },
    { name: "postcode", label: bi(l, "Postnummer (NNN NN)", "Postcode (NNN NN)"), value: v.postcode },
    { name: "town", label: bi(l, "Ort", "Town"), value: v.town },
    { name: "careOf", label: bi(l, "c/o eller byggnad", "c/o or building"), value: v.careOf },
    { name: "url", label: bi(l, "Webbadress (för webb, chatt och sociala konton)", "Web address (for web, chat and social accounts)"), type: "url", value: v.url },
    { name: "platform", label: bi(l, "Plattform (för sociala konton)", "Platform (for social accounts)"), type: "select", value: v.platform ?? "other", options: PLATFORMS },
    { name: "primary", label: bi(l, "Visa först bland kontaktvägar av samma typ", "Show first among contact points of the same kind"), type: "checkbox", value: v.primary },
    { name: "reviewIntervalMonths", label: bi(l, "Granskningsintervall (månader)", "Review interval (months)"), type: "number", value: v.reviewIntervalMonths ?? String(DEFAULT_REVIEW_INTERVAL_MONTHS), paths: ["verification"] },
  ],
  fromEntity: (e) => {
    const c = e as ContactPoint;
    const f: Form = { unitId: c.unitId, kind: c.kind, label: c.label, primary: c.primary ? "on" : undefined, reviewIntervalMonths: String(c.verification.reviewIntervalMonths) };
    if (c.kind === "email") f.address = c.address;
    if (c.kind === "phone") Object.assign(f, { number: c.display ?? c.number, mobileReason: c.mobileConfirmed?.reason });
    if (c.kind === "visiting_address" || c.kind === "postal_address") Object.assign(f, { street: c.street, postcode: c.postcode, town: c.town, careOf: c.careOf });
    if (c.kind === "web" || c.kind === "chat" || c.kind === "social") f.url = c.url;
    if (c.kind === "social") f.platform = c.platform;
    return f;
  },
  toEntity: (f) => {
    const interval = Number(f.reviewIntervalMonths ?? DEFAULT_REVIEW_INTERVAL_MONTHS);
    const base = clean({ unitId: f.unitId ?? "", label: opt(f.label), primary: f.primary === "on" ? true : undefined, verification: { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: Number.isFinite(interval) ? interval : 0 } });
    switch (f.kind) {
      case "phone":
        return { entity: clean({ ...base, kind: "phone", number: f.number ?? "", mobileConfirmed: opt(f.mobileReason) ? { reason: opt(f.mobileReason) } : undefined }) };
      case "visiting_address":
      case "postal_address":
        return { entity: clean({ ...base, kind: f.kind, street: f.street ?? "", postcode: f.postcode ?? "", town: f.town ?? "", careOf: opt(f.careOf) }) };
      case "web":
      case "chat":
        return { entity: { ...base, kind: f.kind, url: f.url ?? "" } };
      case "social":
        return { entity: { ...base, kind: "social", url: f.url ?? "", platform: f.platform ?? "other" } };
      default:
        return { entity: { ...base, kind: "email", address: f.address ?? "" } };
    }
  },
};

export const serviceForm: EntityForm = {
  kind: "service",
  path: "services",
  title: { sv: "Tjänst", en: "Service" },
  fields: (s, v, l) => [
    { name: "name", label: bi(l, "Namn", "Name"), value: v.name, required: true, hint: bi(l, "T.ex. ”Bygglov”, ”Förskoleplats”, ”Felanmälan gata”.", "E.g. “Bygglov”, “Förskoleplats”, “Felanmälan gata”.") },
    { name: "description", label: bi(l, "Beskrivning", "Description"), type: "textarea", value: v.description },
    { name: "ownerUnitId", label: bi(l, "Ansvarig enhet", "Owner unit"), type: "select", value: v.ownerUnitId, options: unitOptions(s), required: true },
    {
      name: "firstLine",
      label: bi(l, "Vem ger bäst service i första hand?", "Who gives the best service first?"),
      type: "select",
      value: v.firstLine ?? "unit",
      options: [
        { value: "contact_center", label: bi(l, "Kontaktcenter", "Contact center") },
        { value: "unit", label: bi(l, "Enheten själv", "The unit itself") },
      ],
      paths: ["routing"],
    },
    { name: "routingUnitId", label: bi(l, "Enhet som svarar (om inte den ansvariga)", "Unit that answers (if not the owner)"), type: "select", value: v.routingUnitId, options: unitOptions(s, bi(l, "(den ansvariga enheten)", "(the owner unit)")) },
    { name: "fallbackUnitId", label: bi(l, "Reserv om enheten saknar kontaktväg", "Fallback if the unit has no contact"), type: "select", value: v.fallbackUnitId, options: unitOptions(s, bi(l, "(överordnad enhet, sedan kontaktcenter)", "(parent unit, then the contact center)")) },
    { name: "externalActorId", label: bi(l, "Extern aktör att hänvisa till (bara länk)", "External actor to refer to (link only)"), type: "select", value: v.externalActorId, options: [{ value: "", label: bi(l, "(ingen)", "(none)") }, ...s.externalActors.map((a) => ({ value: a.id, label: a.name }))] },
    { name: "webUrl", label: bi(l, "Webbsida om tjänsten", "Web page about the service"), type: "url", value: v.webUrl },
    {
      name: "status",
      label: bi(l, "Status", "Status"),
      type: "select",
      value: v.status ?? "active",
      options: [
        { value: "active", label: bi(l, "Aktiv", "Active") },
        { value: "inactive", label: bi(l, "Inaktiv", "Inactive") },
      ],
    },
  ],
  fromEntity: (e) => {
    const x = e as Service;
    return { name: x.name, description: x.description, ownerUnitId: x.ownerUnitId, firstLine: x.routing.firstLine, routingUnitId: x.routing.unitId ?? "", fallbackUnitId: x.routing.fallbackUnitIds[0] ?? "", externalActorId: x.externalActorIds?.[0] ?? "", webUrl: x.webUrl, status: x.status };
  },
  toEntity: (f) => ({
    entity: clean({
      name: f.name ?? "",
      description: opt(f.description),
      ownerUnitId: f.ownerUnitId ?? "",
      routing: clean({ firstLine: f.firstLine === "contact_center" ? "contact_center" : "unit", unitId: opt(f.routingUnitId), fallbackUnitIds: opt(f.fallbackUnitId) ? [opt(f.fallbackUnitId)] : [] }),
      status: f.status === "inactive" ? "inactive" : "active",
      externalActorIds: opt(f.externalActorId) ? [opt(f.externalActorId)] : undefined,
      webUrl: opt(f.webUrl),
    }),
  }),
};

/** Name and website: the form has no other field, by design. */
export const externalActorForm: EntityForm = {
  kind: "external_actor",
  path: "external-actors",
  title: { sv: "Extern aktör", en: "External actor" },
  fields: (_s, v, l) => [
    { name: "name", label: bi(l, "Namn", "Name"), value: v.name, required: true },
    { name: "websiteUrl", label: bi(l, "Webbplats", "Website"), type: "url", value: v.websiteUrl, required: true, hint: bi(l, "Vi hänvisar bara till deras egen webbplats: aldrig telefon, e-post eller adress.", "We only refer to their own website: never a phone, e-mail or address.") },
    { name: "description", label: bi(l, "Beskrivning", "Description"), type: "textarea", value: v.description },
  ],
  fromEntity: (e) => {
    const a = e as ExternalActor;
    return { name: a.name, websiteUrl: a.websiteUrl, description: a.description };
  },
  toEntity: (f) => {
    const entity = clean({ name: f.name ?? "", websiteUrl: f.websiteUrl ?? "", description: opt(f.description) });
    return { entity, raw: { ...entity } };
  },
};

export const ENTITY_FORMS: EntityForm[] = [unitForm, contactPointForm, serviceForm, externalActorForm];

export function profileFields(s: DirectorySnapshot, v: Form, l: Lang = "sv"): Field[] {
  return [
    { name: "name", label: bi(l, "Organisationens namn", "Organisation name"), value: v.name, required: true },
    { name: "domains", label: bi(l, "Egna domäner (en per rad)", "Own domains (one per line)"), type: "textarea", value: v.domains, hint: bi(l, "E-post utanför dessa domäner vägras (external-contact).", "E-mail outside these domains is refused (external-contact).") },
    { name: "numberSeries", label: bi(l, "Egna nummerserier som E.164-prefix (ett per rad)", "Own number series as E.164 prefixes (one per line)"), type: "textarea", value: v.numberSeries, hint: bi(l, "T.ex. +4652049 för 0520-49 xx xx.", "E.g. +4652049 for 0520-49 xx xx.") },
    { name: "contactCenterUnitId", label: bi(l, "Kontaktcenter (sista utvägen i varje reservkedja)", "Contact center (the last resort of every fallback chain)"), type: "select", value: v.contactCenterUnitId, options: unitOptions(s, bi(l, "(inget angivet)", "(none set)")) },
    { name: "websiteUrl", label: bi(l, "Webbplats", "Website"), type: "url", value: v.websiteUrl },
    { name: "county", label: bi(l, "Län", "County"), value: v.county },
    { name: "closedOnPublicHolidays", label: bi(l, "Stängt på allmänna helgdagar", "Closed on public holidays"), type: "checkbox", value: v.closedOnPublicHolidays, paths: ["calendar.closedOnPublicHolidays"] },
    { name: "closedEves", label: bi(l, "Stängda aftnar (en per rad: julafton, nyarsafton, midsommarafton, …)", "Closed eves (one per line: julafton, nyarsafton, midsommarafton, …)"), type: "textarea", value: v.closedEves, paths: ["calendar.closedEves"] },
    { name: "reducedHours", label: bi(l, "Tider dag före helgdag (t.ex. 08:00-12:00; tomt = vanliga tider)", "Hours on the day before a holiday (e.g. 08:00-12:00; empty = normal hours)"), value: v.reducedHours, paths: ["calendar.reducedHoursBeforeHolidays"] },
    {
      name: "bridgeDays",
      label: bi(l, "Klämdagar då vi har stängt (ÅÅÅÅ-MM-DD, en per rad)", "Bridge days we close (YYYY-MM-DD, one per line)"),
      type: "textarea",
      value: v.bridgeDays,
      paths: ["calendar.bridgeDays"],
      hint: `${bi(l, "Klämdagar enligt kalendern", "Bridge days in the calendar")}: ${suggestBridgeDays({ fromYear: new Date().getUTCFullYear(), toYear: new Date().getUTCFullYear() + 1 }).join(", ")}.`,
    },
  ];
}

const lines = (s: string | undefined) => (s ?? "").split(/[\n,]+/).map((x) => x.trim()).filter(Boolean);

export function profileFromForm(f: Form, orgId: string): OrganisationProfile {
  const reduced = opt(f.reducedHours);
  const intervals = reduced ? lines(reduced).map((r) => {
    const [from, to] = r.split(/[-–]/).map((x) => x.trim());
    return { from: from ?? "", to: to ?? "" };
  }) : null;
  return {
    id: orgId,
    name: f.name ?? "",
    domains: lines(f.domains).map((d) => d.toLowerCase()),
    numberSeries: lines(f.numberSeries).map((prefix) => ({ prefix: prefix.replace(/\s+/g, "") })),
    ...(opt(f.contactCenterUnitId) ? { contactCenterUnitId: opt(f.contactCenterUnitId) as string } : {}),
    ...(opt(f.websiteUrl) ? { websiteUrl: opt(f.websiteUrl) as string } : {}),
    ...(opt(f.county) ? { county: opt(f.county) as string } : {}),
    calendar: { closedOnPublicHolidays: f.closedOnPublicHolidays === "on", closedEves: lines(f.closedEves) as OrganisationProfile["calendar"]["closedEves"], reducedHoursBeforeHolidays: intervals, bridgeDays: lines(f.bridgeDays) },
    timeZone: "Europe/Stockholm",
  };
}

export function profileToForm(p: OrganisationProfile): Form {
  return {
    name: p.name,
    domains: p.domains.join("\n"),
    numberSeries: p.numberSeries.map((s) => s.prefix).join("\n"),
    contactCenterUnitId: p.contactCenterUnitId ?? "",
    websiteUrl: p.websiteUrl,
    county: p.county,
    closedOnPublicHolidays: p.calendar.closedOnPublicHolidays ? "on" : undefined,
    closedEves: p.calendar.closedEves.join("\n"),
    reducedHours: (p.calendar.reducedHoursBeforeHolidays ?? []).map((i) => `${i.from}-${i.to}`).join(", "),
    bridgeDays: p.calendar.bridgeDays.join("\n"),
  };
}
