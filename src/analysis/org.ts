// The organisation's official identity, normalised once for fast comparison.
// Contact details that match it are the city's own and never a finding;
// details that claim to be the city's but do not match it are `misleading`.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { parse as parseDomain } from "tldts";
import type { OrgProfile } from "./types.ts";

export interface OrgIdentity {
  /** Registrable domains, lowercased (`trollhattan.se`). */
  domains: ReadonlySet<string>;
  /** Labels of the registrable domains without the suffix (`trollhattan`), for look-alike checks. */
  labels: readonly string[];
  /** E.164 phone numbers. */
  phones: ReadonlySet<string>;
  /** Lowercased e-mail addresses. */
  emails: ReadonlySet<string>;
  /** Lowercased, diacritic-folded name words of 4+ letters (`trollhattan`), for "posing" checks. */
  nameWords: readonly string[];
}

/** Fold å/ä/ö and other diacritics for comparing names with ASCII domain labels. */
export function asciiFold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function toE164(raw: string): string | null {
  const p = parsePhoneNumberFromString(raw, "SE");
  return p && p.isPossible() ? p.number : null;
}

export function buildOrgIdentity(org: OrgProfile | undefined): OrgIdentity {
  const domains = new Set<string>();
  const labels: string[] = [];
  for (const d of org?.domains ?? []) {
    const p = parseDomain(d.includes("://") ? d : `https://${d.trim()}`);
    const dom = (p.domain ?? d).toLowerCase();
    domains.add(dom);
    if (p.domainWithoutSuffix) labels.push(asciiFold(p.domainWithoutSuffix));
  }
  const phones = new Set<string>();
  for (const ph of org?.phones ?? []) {
    const e = toE164(ph);
    if (e) phones.add(e);
  }
  const emails = new Set((org?.emails ?? []).map((e) => e.trim().toLowerCase()));
  for (const e of emails) {
    const dom = e.slice(e.indexOf("@") + 1);
    if (dom) domains.add((parseDomain(`https://${dom}`).domain ?? dom).toLowerCase());
  }
  const nameWords = asciiFold(org?.name ?? "")
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 4 && !["stad", "kommun", "region", "staden", "kommunen"].includes(w))
    .map((w) => (w.endsWith("s") ? w.slice(0, -1) : w));
  return { domains, labels: [...new Set(labels)], phones, emails, nameWords };
}

/** Is this registrable domain (or a subdomain's registrable domain) the organisation's own? */
export function isOrgDomain(org: OrgIdentity, domain: string): boolean {
  return org.domains.has(domain.toLowerCase());
}
