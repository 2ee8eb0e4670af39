// "Is this really the city's?" for other modules (moderation's contact checks,
// reply suggestions): a phone number, e-mail address or link seen in a comment
// is compared with the published directory. Pure: the caller passes the snapshot
// (e.g. from DirectoryRuntime.cache).
import { isOwnNumber, isWithinDomains, parseEmail, parsePhone, type DirectorySnapshot } from "../domain/index.ts";

export type ContactVerdict =
  /** Published in the directory: safe to repeat. */
  | "published"
  /** On the organisation's own domains or number series, but not a published contact point. */
  | "own-unpublished"
  /** Not the organisation's: posing as the city's would be misleading. */
  | "foreign"
  /** Not a phone number, e-mail address or web address. */
  | "unknown";

export interface ContactCheck {
  verdict: ContactVerdict;
  kind: "phone" | "email" | "url" | null;
  /** The directory's own contact point, when published. */
  contactPointId?: string;
}

export function checkContactValue(value: string, snapshot: DirectorySnapshot): ContactCheck {
  const v = value.trim();
  const email = v.includes("@") ? parseEmail(v) : null;
  if (email) {
    const cp = snapshot.contactPoints.find((c) => c.kind === "email" && c.address.toLowerCase() === email.normalized);
    if (cp) return { verdict: "published", kind: "email", contactPointId: cp.id };
    return { verdict: isWithinDomains(email.domain, snapshot.org.domains) ? "own-unpublished" : "foreign", kind: "email" };
  }
  if (/^https?:\/\//iu.test(v)) {
    try {
      const u = new URL(v);
      const cp = snapshot.contactPoints.find((c) => (c.kind === "web" || c.kind === "chat" || c.kind === "social") && c.url.replace(/\/+$/u, "") === u.href.replace(/\/+$/u, ""));
      if (cp) return { verdict: "published", kind: "url", contactPointId: cp.id };
      return { verdict: isWithinDomains(u.hostname, snapshot.org.domains) ? "own-unpublished" : "foreign", kind: "url" };
    } catch {
      return { verdict: "unknown", kind: null };
    }
  }
  const phone = parsePhone(v);
  if (phone.ok) {
    const cp = snapshot.contactPoints.find((c) => c.kind === "phone" && (c.e164 ?? (parsePhone(c.number).ok ? (parsePhone(c.number) as { ok: true; phone: { e164: string } }).phone.e164 : "")) === phone.phone.e164);
    if (cp) return { verdict: "published", kind: "phone", contactPointId: cp.id };
    return { verdict: isOwnNumber(phone.phone.e164, snapshot.org) ? "own-unpublished" : "foreign", kind: "phone" };
  }
  return { verdict: "unknown", kind: null };
}
