// Demo directory: Trollhättans Stad's contact center as the seed page describes it
// ("Kontaktcenter – en väg in", Måndag–fredag 8:00–16:30, Gärdhemsvägen 9, 461 83
// Trollhättan) plus a small unit tree and three services. Used by tests and `serve --demo`.
import type { ContactPoint, DirectorySnapshot, OpeningHours, OrganisationProfile, Verification } from "./types.ts";

export const DEMO_IDS = {
  org: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0001",
  kommunstyrelsen: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0010",
  kontaktcenter: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0011",
  samhallsbyggnad: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0020",
  bygglov: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0021",
  gata: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0022",
  utbildning: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0030",
  forskolaNorr: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0031",
  serviceBygglov: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0101",
  serviceForskoleplats: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0102",
  serviceFelanmalan: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0103",
  actorLansstyrelsen: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a0201",
} as const;

/** Mon–Fri 08:00–16:30; eves closed; 08:00–12:00 on the weekday before a public holiday. */
export const CONTACT_CENTER_HOURS: OpeningHours = {
  weekly: {
    mo: [{ from: "08:00", to: "16:30" }],
    tu: [{ from: "08:00", to: "16:30" }],
    we: [{ from: "08:00", to: "16:30" }],
    th: [{ from: "08:00", to: "16:30" }],
    fr: [{ from: "08:00", to: "16:30" }],
  },
  exceptions: [],
};

export const DEMO_ORG: OrganisationProfile = {
  id: DEMO_IDS.org,
  name: "Trollhättans Stad",
  description: "Trollhättans Stad är kommunen Trollhättan: förvaltningar, verksamheter och enheter.",
  county: "Västra Götalands län",
  domains: ["trollhattan.se"],
  numberSeries: [{ prefix: "+4652049", description: "Växelns nummerserie 0520-49 xx xx" }],
  contactCenterUnitId: DEMO_IDS.kontaktcenter,
  websiteUrl: "https://www.trollhattan.se/",
  calendar: {
    closedOnPublicHolidays: true,
    closedEves: ["julafton", "nyarsafton", "midsommarafton"],
    reducedHoursBeforeHolidays: [{ from: "08:00", to: "12:00" }],
    bridgeDays: ["2026-05-15"],
  },
  timeZone: "Europe/Stockholm",
};

const verified: Verification = { verifiedAt: new Date("2026-09-01T08:00:00Z"), verifiedBy: "demo", reviewIntervalMonths: 12 };
const base = { orgId: DEMO_IDS.org, verification: verified };

const contactPoints: ContactPoint[] = [
  { ...base, id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1001", unitId: DEMO_IDS.kontaktcenter, kind: "phone", label: "Kontaktcenter", number: "0520-49 50 00", e164: "+46520495000", display: "0520-49 50 00", primary: true, openingHours: CONTACT_CENTER_HOURS },
  { ...base, id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1002", unitId: DEMO_IDS.kontaktcenter, kind: "email", label: "Kontaktcenter", address: "kontaktcenter@trollhattan.se", primary: true },
  { ...base, id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1003", unitId: DEMO_IDS.kontaktcenter, kind: "visiting_address", label: "Besök oss", street: "Gärdhemsvägen 9", postcode: "461 83", town: "Trollhättan", openingHours: CONTACT_CENTER_HOURS },
  { ...base, id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1004", unitId: DEMO_IDS.kontaktcenter, kind: "web", label: "Trollhättans Stads webbplats", url: "https://www.trollhattan.se/" },
  { ...base, id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1005", unitId: DEMO_IDS.kontaktcenter, kind: "social", label: "Trollhättans Stads Facebook", platform: "facebook", url: "https://www.facebook.com/trollhattansstad" },
  { ...base, id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1006", unitId: DEMO_IDS.bygglov, kind: "email", label: "Bygglov", address: "bygglov@trollhattan.se", primary: true },
];

export function demoSnapshot(): DirectorySnapshot {
  return {
    org: DEMO_ORG,
    units: [
      { id: DEMO_IDS.kommunstyrelsen, orgId: DEMO_IDS.org, parentId: null, kind: "forvaltning", name: "Kommunstyrelseförvaltningen" },
      { id: DEMO_IDS.kontaktcenter, orgId: DEMO_IDS.org, parentId: DEMO_IDS.kommunstyrelsen, kind: "enhet", name: "Kontaktcenter – en väg in", openingHours: CONTACT_CENTER_HOURS },
      { id: DEMO_IDS.samhallsbyggnad, orgId: DEMO_IDS.org, parentId: null, kind: "forvaltning", name: "Samhällsbyggnadsförvaltningen" },
      { id: DEMO_IDS.bygglov, orgId: DEMO_IDS.org, parentId: DEMO_IDS.samhallsbyggnad, kind: "verksamhet", name: "Bygglov" },
      { id: DEMO_IDS.gata, orgId: DEMO_IDS.org, parentId: DEMO_IDS.samhallsbyggnad, kind: "verksamhet", name: "Gata och park" },
      { id: DEMO_IDS.utbildning, orgId: DEMO_IDS.org, parentId: null, kind: "forvaltning", name: "Utbildningsförvaltningen" },
      { id: DEMO_IDS.forskolaNorr, orgId: DEMO_IDS.org, parentId: DEMO_IDS.utbildning, kind: "enhet", name: "Förskola Norr" },
    ],
    contactPoints: contactPoints.map((cp) => ({ ...cp })),
    services: [
      { id: DEMO_IDS.serviceBygglov, orgId: DEMO_IDS.org, name: "Bygglov", description: "Ansök om bygglov, marklov och rivningslov.", ownerUnitId: DEMO_IDS.bygglov, routing: { firstLine: "unit", fallbackUnitIds: [] }, status: "active", externalActorIds: [DEMO_IDS.actorLansstyrelsen] },
      { id: DEMO_IDS.serviceForskoleplats, orgId: DEMO_IDS.org, name: "Förskoleplats", description: "Ansök om plats i förskola.", ownerUnitId: DEMO_IDS.forskolaNorr, routing: { firstLine: "contact_center", fallbackUnitIds: [] }, status: "active" },
      { id: DEMO_IDS.serviceFelanmalan, orgId: DEMO_IDS.org, name: "Felanmälan gata", description: "Anmäl fel på gator, gång- och cykelvägar.", ownerUnitId: DEMO_IDS.gata, routing: { firstLine: "unit", fallbackUnitIds: [] }, status: "active" },
    ],
    externalActors: [
      { id: DEMO_IDS.actorLansstyrelsen, orgId: DEMO_IDS.org, name: "Länsstyrelsen Västra Götaland", websiteUrl: "https://www.lansstyrelsen.se/vastra-gotaland" },
    ],
  };
}
