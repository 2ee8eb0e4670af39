// Webhook signatures: HMAC over the raw body bytes, compared in constant time.
// Meta (X-Hub-Signature-256: sha256=<hex>), Mastodon (X-Hub-Signature:
// sha256=<hex>) and LinkedIn (X-LI-Signature: <hex>) all sign this way.
import { createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256Hex(secret: string, body: Buffer | string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** `sha256=<hex>` (or bare hex with prefix ""), as a platform sends it. */
export function signBody(secret: string, body: Buffer | string, prefix = "sha256="): string {
  return `${prefix}${hmacSha256Hex(secret, body)}`;
}

const HEX64 = /^[0-9a-f]{64}$/i;

/**
 * Which of `secrets` signed `body` (index), or -1. Every candidate is checked
 * with timingSafeEqual; a malformed header fails without comparing.
 */
export function matchSignature(header: string | string[] | undefined, body: Buffer, secrets: readonly string[], prefix = "sha256="): number {
  if (typeof header !== "string" || !header.startsWith(prefix)) return -1;
  const hex = header.slice(prefix.length).trim();
  if (!HEX64.test(hex)) return -1;
  const sent = Buffer.from(hex, "hex");
  let found = -1;
  secrets.forEach((s, i) => {
    const expected = createHmac("sha256", s).update(body).digest();
    if (timingSafeEqual(expected, sent) && found === -1) found = i;
  });
  return found;
}
