// Read-only views of the published directory for other modules (channels):
// what is the organisation's own (every official phone, e-mail and domain, so
// the analyzer can tell the city's contact details from look-alikes), and the
// contact details to show for a channel's owning unit. Pure: the caller passes
// the snapshot (e.g. from DirectoryRuntime.cache).
import { registrableDomain, resolveReachableContact, type DirectorySnapshot } from "../domain/index.ts";
import { phoneOf } from "./present.ts";

export interface OfficialContacts {
  name: string;
  /** Registrable domains: the profile's domains and its website's. */
  domains: string[];
  /** E.164 numbers of every published phone contact point. */
  phones: string[];
  /** Lowercased addresses of every published e-mail contact point. */
  emails: string[];
}

export function officialContacts(s: DirectorySnapshot): OfficialContacts {
  const domains = new Set(s.org.domains.map((d) => d.toLowerCase()));
  const site = s.org.websiteUrl && URL.canParse(s.org.websiteUrl) ? registrableDomain(new URL(s.org.websiteUrl).hostname) : null;
  if (site) domains.add(site);
  const phones = new Set<string>();
  const emails = new Set<string>();
  for (const cp of s.contactPoints) {
    if (cp.kind === "phone") phones.add(phoneOf(cp).e164);
    else if (cp.kind === "email") emails.add(cp.address.trim().toLowerCase());
  }
  return { name: s.org.name, domains: [...domains].sort(), phones: [...phones].sort(), emails: [...emails].sort() };
}

export interface UnitContact {
  unitName: string;
  /** Functional mailbox and phone: the unit's own, else where the directory routes its contacts. */
  email?: string;
  phone?: string;
  /** The unit's web page (its primary web contact point). */
  url?: string;
}

/** Contact details of a unit as the public should see them; undefined for an unknown unit. */
export function unitContact(s: DirectorySnapshot, unitId: string): UnitContact | undefined {
  const unit = s.units.find((u) => u.id === unitId);
  if (!unit) return undefined;
  const reach = resolveReachableContact(unit, s).contact;
  const web = s.contactPoints
    .filter((c) => c.unitId === unitId && c.kind === "web")
    .sort((a, b) => Number(b.primary ?? false) - Number(a.primary ?? false))[0];
  return {
    unitName: unit.name,
    ...(reach?.email ? { email: reach.email.address } : {}),
    ...(reach?.phone ? { phone: phoneOf(reach.phone).display } : {}),
    ...(web?.kind === "web" ? { url: web.url } : {}),
  };
}
