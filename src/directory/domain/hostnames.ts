// Host names and the organisation's own domains. tldts knows the public suffix list, so
// "kontakt.trollhattan.se" belongs to "trollhattan.se" while "trollhattan.se.evil.com" does
// not; WHATWG URL turns IDN hosts ("trollhättan.se") into their ASCII (punycode) form so
// both spellings compare equal.
import { getDomain, parse } from "tldts";

/** ASCII lower-case host name, or null when it is not a usable public host name. */
export function toAsciiHostname(host: string): string | null {
  if (host.length === 0 || host.length > 253 || /[\s/\\?#@:]/u.test(host)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
  const info = parse(ascii);
  if (info.isIp || !info.domain || info.isIcann !== true) return null;
  return ascii;
}

/** The registrable domain ("trollhattan.se" for "kontakt.trollhattan.se"). */
export function registrableDomain(host: string): string | null {
  const ascii = toAsciiHostname(host);
  return ascii ? getDomain(ascii) : null;
}

/** True when `host` is one of `domains` or a subdomain of one. */
export function isWithinDomains(host: string, domains: readonly string[]): boolean {
  const ascii = toAsciiHostname(host);
  if (!ascii) return false;
  const registrable = getDomain(ascii);
  return domains.some((d) => {
    const own = toAsciiHostname(d);
    return own !== null && (ascii === own || ascii.endsWith(`.${own}`) || registrable === own);
  });
}
