// Canonical form and content hash of a captured fragment. The chain link hash
// itself is computed in PostgreSQL (capture_version_hash), by the same function
// that verification uses.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export const CAPTURE_GENESIS = "genesis";

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** RFC 8785 canonical JSON: keys sorted, one number format, no whitespace. */
export function canonicalJson(v: unknown): string {
  return canonicalize(v ?? null) ?? "null";
}
