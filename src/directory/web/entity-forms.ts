// The editor forms of each entity kind: which fields, how a stored entity
// fills them, and how a submitted form becomes an entity. The principles
// judge the result; the form only shapes it.
import { DEFAULT_REVIEW_INTERVAL_MONTHS, suggestBridgeDays, type ContactPoint, type DirectorySnapshot, type ExternalActor, type OrganisationProfile, type Service, type Unit } from "../domain/index.ts";
import type { EntityKind } from "../store/codecs.ts";
import type { Field, Form } from "./forms.ts";

export interface EntityForm {
  kind: Exclude<EntityKind, "profile">;
  /** URL segment under /directory. */
  path: string;
  title: string;
  fields(snapshot: DirectorySnapshot, values: Form): Field[];
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

const UNIT_KINDS = [
  { value: "forvaltning", label: "Förvaltning" },
  { value: "verksamhet", label: "Verksamhet" },
  { value: "enhet", label: "Enhet" },
];

export const unitForm: EntityForm = {
  kind: "unit",
  path: "units",
  title: "Enhet",
  fields: (s, v) => [
    { name: "name", label: "Namn", value: v.name, required: true },
    { name: "kind", label: "Typ", type: "select", value: v.kind ?? "enhet", options: UNIT_KINDS },
    { name: "parentId", label: "Överordnad enhet", type: "select", value: v.parentId, options: unitOptions(s, "(ingen – högsta nivån)") },
    { name: "description", label: "Beskrivning", type: "textarea", value: v.description },
  ],
  fromEntity: (e) => {
    const u = e as Unit;
    return { name: u.name, kind: u.kind, parentId: u.parentId ?? "", description: u.description };
  },
  toEntity: (f) => ({ entity: clean({ name: f.name ?? "", kind: f.kind ?? "enhet", parentId: opt(f.parentId) ?? null, description: opt(f.description) }) }),
};

const CP_KINDS = [
  { value: "email", label: "E-post (funktionsbrevlåda)" },
  { value: "phone", label: "Telefon (funktionsnummer)" },
  { value: "visiting_address", label: "Besöksadress" },
  { value: "postal_address", label: "Postadress" },
  { value: "web", label: "Webbsida" },
  { value: "chat", label: "Chatt" },
  { value: "social", label: "Socialt konto" },
];
const PLATFORMS = ["facebook", "instagram", "linkedin", "youtube", "x", "mastodon", "tiktok", "other"].map((p) => ({ value: p, label: p }));

export const contactPointForm: EntityForm = {
  kind: "contact_point",
  path: "contact-points",
  title: "Kontaktväg",
  fields: (s, v) => [
    { name: "unitId", label: "Enhet", type: "select", value: v.unitId, options: unitOptions(s), required: true },
    { name: "kind", label: "Typ", type: "select", value: v.kind ?? "email", options: CP_KINDS },
    { name: "label", label: "Etikett (en funktion, aldrig en persons namn eller titel)", value: v.label, hint: "T.ex. ”Bygglov – telefon” eller ”Växel”." },
    { name: "address", label: "E-postadress (för e-post)", type: "email", value: v.address, hint: "En funktionsbrevlåda på organisationens domän, t.ex. bygglov@…" },
    { name: "number", label: "Telefonnummer (för telefon)", type: "tel", value: v.number, hint: "T.ex. 0520-49 50 00. Sparas i E.164 och visas i svensk form." },
    { name: "mobileReason", label: "Skäl om numret är en mobil som används som funktionstelefon", value: v.mobileReason, paths: ["mobileConfirmed"] },
    { name: "street", label: "Gatuadress (för adress)", value: v.street },
    { name: "postcode", label: "Postnummer (NNN NN)", value: v.postcode },
    { name: "town", label: "Ort", value: v.town },
    { name: "careOf", label: "c/o eller byggnad", value: v.careOf },
    { name: "url", label: "Webbadress (för webb, chatt och sociala konton)", type: "url", value: v.url },
    { name: "platform", label: "Plattform (för sociala konton)", type: "select", value: v.platform ?? "other", options: PLATFORMS },
    { name: "primary", label: "Visa först bland kontaktvägar av samma typ", type: "checkbox", value: v.primary },
    { name: "reviewIntervalMonths", label: "Granskningsintervall (månader)", type: "number", value: v.reviewIntervalMonths ?? String(DEFAULT_REVIEW_INTERVAL_MONTHS), paths: ["verification"] },
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
  title: "Tjänst",
  fields: (s, v) => [
    { name: "name", label: "Namn", value: v.name, required: true, hint: "T.ex. ”Bygglov”, ”Förskoleplats”, ”Felanmälan gata”." },
    { name: "description", label: "Beskrivning", type: "textarea", value: v.description },
    { name: "ownerUnitId", label: "Ansvarig enhet", type: "select", value: v.ownerUnitId, options: unitOptions(s), required: true },
    {
      name: "firstLine",
      label: "Vem ger bäst service i första hand?",
      type: "select",
      value: v.firstLine ?? "unit",
      options: [
        { value: "contact_center", label: "Kontaktcenter" },
        { value: "unit", label: "Enheten själv" },
      ],
      paths: ["routing"],
    },
    { name: "routingUnitId", label: "Enhet som svarar (om inte den ansvariga)", type: "select", value: v.routingUnitId, options: unitOptions(s, "(den ansvariga enheten)") },
    { name: "fallbackUnitId", label: "Reserv om enheten saknar kontaktväg", type: "select", value: v.fallbackUnitId, options: unitOptions(s, "(överordnad enhet, sedan kontaktcenter)") },
    { name: "externalActorId", label: "Extern aktör att hänvisa till (bara länk)", type: "select", value: v.externalActorId, options: [{ value: "", label: "(ingen)" }, ...s.externalActors.map((a) => ({ value: a.id, label: a.name }))] },
    { name: "webUrl", label: "Webbsida om tjänsten", type: "url", value: v.webUrl },
    {
      name: "status",
      label: "Status",
      type: "select",
      value: v.status ?? "active",
      options: [
        { value: "active", label: "Aktiv" },
        { value: "inactive", label: "Inaktiv" },
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
  title: "Extern aktör",
  fields: (_s, v) => [
    { name: "name", label: "Namn", value: v.name, required: true },
    { name: "websiteUrl", label: "Webbplats", type: "url", value: v.websiteUrl, required: true, hint: "Vi hänvisar bara till deras egen webbplats: aldrig telefon, e-post eller adress." },
    { name: "description", label: "Beskrivning", type: "textarea", value: v.description },
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

export function profileFields(s: DirectorySnapshot, v: Form): Field[] {
  return [
    { name: "name", label: "Organisationens namn", value: v.name, required: true },
    { name: "domains", label: "Egna domäner (en per rad)", type: "textarea", value: v.domains, hint: "E-post utanför dessa domäner vägras (external-contact)." },
    { name: "numberSeries", label: "Egna nummerserier som E.164-prefix (ett per rad)", type: "textarea", value: v.numberSeries, hint: "T.ex. +4652049 för 0520-49 xx xx." },
    { name: "contactCenterUnitId", label: "Kontaktcenter (sista utvägen i varje reservkedja)", type: "select", value: v.contactCenterUnitId, options: unitOptions(s, "(inget angivet)") },
    { name: "websiteUrl", label: "Webbplats", type: "url", value: v.websiteUrl },
    { name: "county", label: "Län", value: v.county },
    { name: "closedOnPublicHolidays", label: "Stängt på allmänna helgdagar", type: "checkbox", value: v.closedOnPublicHolidays, paths: ["calendar.closedOnPublicHolidays"] },
    { name: "closedEves", label: "Stängda aftnar (en per rad: julafton, nyarsafton, midsommarafton, …)", type: "textarea", value: v.closedEves, paths: ["calendar.closedEves"] },
    { name: "reducedHours", label: "Tider dag före helgdag (t.ex. 08:00-12:00; tomt = vanliga tider)", value: v.reducedHours, paths: ["calendar.reducedHoursBeforeHolidays"] },
    {
      name: "bridgeDays",
      label: "Klämdagar då vi har stängt (ÅÅÅÅ-MM-DD, en per rad)",
      type: "textarea",
      value: v.bridgeDays,
      paths: ["calendar.bridgeDays"],
      hint: `Klämdagar enligt kalendern: ${suggestBridgeDays({ fromYear: new Date().getUTCFullYear(), toYear: new Date().getUTCFullYear() + 1 }).join(", ")}.`,
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
