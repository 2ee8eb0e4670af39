// The aggregators every write path calls (UI, API, import): one list of violations per
// entity, in a stable order. Malformed values are reported first; the principles run on
// values that are at least well-formed text, so a hostile value yields one clear violation.
import { checkOpeningHours } from "../opening-hours/validate.ts";
import { normalizePostcode } from "./invalid-address.ts";
import { parsePhone } from "../phone.ts";
import { ancestry, indexSnapshot } from "../snapshot.ts";
import {
  CONTACT_POINT_KINDS,
  type ContactPoint,
  type DirectorySnapshot,
  type OrganisationProfile,
  type Service,
  type Unit,
} from "../types.ts";
import { checkAddress } from "./invalid-address.ts";
import { checkEmail, parseEmail } from "./invalid-email.ts";
import { checkPhone } from "./invalid-phone.ts";
import { checkUrl } from "./invalid-url.ts";
import { checkExternalActorContact, checkOwnContactDetails } from "./external-contact.ts";
import { checkPersonalContact } from "./personal-contact.ts";
import { checkReachable } from "./no-reachable-contact.ts";
import { screenText } from "./text.ts";
import { violation, type Violation } from "./violation.ts";

const UNIT_KINDS = new Set(["forvaltning", "verksamhet", "enhet"]);
const SOCIAL_PLATFORMS = new Set(["facebook", "instagram", "linkedin", "youtube", "x", "mastodon", "tiktok", "other"]);

export interface ContactPointContext {
  org: Pick<OrganisationProfile, "domains" | "numberSeries">;
}

export function checkContactPoint(cp: ContactPoint, ctx: ContactPointContext): Violation[] {
  const out: Violation[] = [];
  if (!(CONTACT_POINT_KINDS as readonly unknown[]).includes(cp?.kind)) {
    return [violation("invalid-structure", "kind", "Okänd typ av kontaktväg.", "Unknown kind of contact point.")];
  }
  const label = screenText(cp.label, { ruleId: "invalid-text", path: "label", maxLength: 200, what_sv: "etiketten", what_en: "the label" });
  if (!label.ok) out.push(label.violation);

  let wellFormed = true;
  const add = (vs: Violation[]) => {
    if (vs.length > 0) wellFormed = false;
    out.push(...vs);
  };
  switch (cp.kind) {
    case "email":
      add(checkEmail(cp.address, "address"));
      break;
    case "phone":
      add(checkPhone(cp.number, "number"));
      if (cp.mobileConfirmed != null) {
        const reason = screenText(cp.mobileConfirmed.reason, { ruleId: "invalid-text", path: "mobileConfirmed.reason", maxLength: 500, required: true, what_sv: "skälet", what_en: "the reason" });
        if (!reason.ok) add([reason.violation]);
      }
      break;
    case "visiting_address":
    case "postal_address":
      add(checkAddress(cp));
      break;
    case "web":
    case "chat":
      add(checkUrl(cp.url, "url"));
      break;
    case "social":
      add(checkUrl(cp.url, "url"));
      if (!SOCIAL_PLATFORMS.has(cp.platform)) add([violation("invalid-structure", "platform", "Okänd plattform.", "Unknown platform.")]);
      break;
  }
  const interval = cp.verification?.reviewIntervalMonths;
  if (!Number.isInteger(interval) || (interval as number) < 1 || (interval as number) > 60) {
    out.push(violation("invalid-structure", "verification.reviewIntervalMonths", "Granskningsintervallet ska vara 1–60 månader.", "The review interval must be 1–60 months."));
  }
  if (cp.openingHours !== undefined) out.push(...checkOpeningHours(cp.openingHours));
  // The principles judge only values that parsed; otherwise the malformed-value violation says it all.
  if (label.ok && wellFormed) {
    out.push(...checkPersonalContact(cp));
    out.push(...checkOwnContactDetails(cp, ctx.org));
  }
  return out;
}

/** Fills the derived fields (E.164, display form, normalised postcode and address). Call after a clean check. */
export function normalizeContactPoint<T extends ContactPoint>(cp: T): T {
  switch (cp.kind) {
    case "phone": {
      const parsed = parsePhone(cp.number);
      return parsed.ok ? { ...cp, e164: parsed.phone.e164, display: parsed.phone.display } : cp;
    }
    case "email": {
      const parsed = parseEmail(cp.address.trim());
      return parsed ? { ...cp, address: parsed.normalized } : cp;
    }
    case "visiting_address":
    case "postal_address":
      return { ...cp, street: cp.street.trim(), town: cp.town.trim(), postcode: normalizePostcode(cp.postcode) ?? cp.postcode };
    default:
      return cp;
  }
}

export function checkUnit(unit: Unit, snapshot: DirectorySnapshot): Violation[] {
  const out: Violation[] = [];
  const name = screenText(unit.name, { ruleId: "invalid-text", path: "name", maxLength: 200, required: true, what_sv: "namnet", what_en: "the name" });
  if (!name.ok) out.push(name.violation);
  const description = screenText(unit.description, { ruleId: "invalid-text", path: "description", maxLength: 5000, multiline: true, what_sv: "beskrivningen", what_en: "the description" });
  if (!description.ok) out.push(description.violation);
  if (!UNIT_KINDS.has(unit.kind)) out.push(violation("invalid-structure", "kind", "Enhetstypen ska vara förvaltning, verksamhet eller enhet.", "The unit kind must be förvaltning, verksamhet or enhet."));
  // Check the tree as it would be after this write: the snapshot with this unit replaced.
  // (When the snapshot already holds this very object, as in an import, it is used as is:
  // rebuilding the index per unit would make a large import quadratic.)
  const after: DirectorySnapshot = snapshot.units.includes(unit) ? snapshot : { ...snapshot, units: [...snapshot.units.filter((u) => u.id !== unit.id), unit] };
  const index = indexSnapshot(after);
  if (unit.parentId !== null) {
    if (unit.parentId === unit.id || !index.unitsById.has(unit.parentId)) {
      out.push(violation("invalid-structure", "parentId", "Den överordnade enheten finns inte.", "The parent unit does not exist."));
    } else {
      const chain = ancestry(unit.id, index);
      const top = chain[chain.length - 1];
      if (top?.parentId !== null) out.push(violation("invalid-structure", "parentId", "Enheten kan inte ligga under sig själv.", "A unit cannot be placed under itself."));
    }
  }
  if (unit.openingHours !== undefined) out.push(...checkOpeningHours(unit.openingHours));
  out.push(...checkReachable(unit, after));
  return out;
}

export function checkService(service: Service, snapshot: DirectorySnapshot): Violation[] {
  const out: Violation[] = [];
  const name = screenText(service.name, { ruleId: "invalid-text", path: "name", maxLength: 200, required: true, what_sv: "namnet", what_en: "the name" });
  if (!name.ok) out.push(name.violation);
  const description = screenText(service.description, { ruleId: "invalid-text", path: "description", maxLength: 5000, multiline: true, what_sv: "beskrivningen", what_en: "the description" });
  if (!description.ok) out.push(description.violation);
  if (service.webUrl !== undefined) out.push(...checkUrl(service.webUrl, "webUrl", false));
  const index = indexSnapshot(snapshot);
  const unitExists = (id: unknown) => typeof id === "string" && index.unitsById.has(id);
  if (!unitExists(service.ownerUnitId)) out.push(violation("invalid-structure", "ownerUnitId", "Den ansvariga enheten finns inte.", "The owner unit does not exist."));
  const routing = service.routing;
  if (routing?.firstLine !== "contact_center" && routing?.firstLine !== "unit") {
    out.push(violation("invalid-structure", "routing.firstLine", "Ange om första linjen är kontaktcenter eller enheten.", "State whether the first line is the contact center or the unit."));
  }
  if (routing?.unitId !== undefined && !unitExists(routing.unitId)) out.push(violation("invalid-structure", "routing.unitId", "Enheten i hänvisningen finns inte.", "The routing unit does not exist."));
  (routing?.fallbackUnitIds ?? []).forEach((id, i) => {
    if (!unitExists(id)) out.push(violation("invalid-structure", `routing.fallbackUnitIds[${i}]`, "Reservenheten finns inte.", "The fallback unit does not exist."));
  });
  (service.externalActorIds ?? []).forEach((id, i) => {
    if (!index.externalActorsById.has(id)) out.push(violation("invalid-structure", `externalActorIds[${i}]`, "Den externa aktören finns inte.", "The external actor does not exist."));
  });
  if (service.openingHours !== undefined) out.push(...checkOpeningHours(service.openingHours));
  if (routing && unitExists(service.ownerUnitId)) out.push(...checkReachable(service, snapshot));
  return out;
}

/** Takes the record as received (API body, import row): fields it must not have are reported, not dropped. */
export function checkExternalActor(input: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  const name = screenText(input.name, { ruleId: "invalid-text", path: "name", maxLength: 200, required: true, what_sv: "namnet", what_en: "the name" });
  if (!name.ok) out.push(name.violation);
  const description = screenText(input.description, { ruleId: "invalid-text", path: "description", maxLength: 2000, multiline: true, what_sv: "beskrivningen", what_en: "the description" });
  if (!description.ok) out.push(description.violation);
  out.push(...checkUrl(input.websiteUrl, "websiteUrl"));
  out.push(...checkExternalActorContact(input));
  return out;
}
