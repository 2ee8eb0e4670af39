// Content hash and chain link hash of a captured version. The link hash must
// equal the SQL function capture_version_hash (migrations/0300), so that
// verification can run in the database; capture-hash.test.ts keeps them equal.
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

/** UTC with microseconds, as PostgreSQL's to_char(… 'US') renders it. Input has millisecond precision. */
export function pgMicros(d: Date): string {
  return `${d.toISOString().slice(0, 23)}000Z`;
}

export interface LinkFields {
  prevHash: string;
  orgId: string;
  channelId: string;
  seq: number;
  id: string;
  itemId: string;
  platformItemId: string;
  versionKey: string;
  event: string;
  source: string;
  platformTime: Date | null;
  receivedAt: Date;
  authorPlatformId: string | null;
  authorName: string | null;
  text: string | null;
  hidden: boolean | null;
  url: string | null;
  deliverySha256: string | null;
  contentHash: string;
}

export function linkHash(f: LinkFields): string {
  const parts = [
    f.prevHash,
    f.orgId,
    f.channelId,
    String(f.seq),
    f.id,
    f.itemId,
    f.platformItemId,
    f.versionKey,
    f.event,
    f.source,
    f.platformTime ? pgMicros(f.platformTime) : "",
    pgMicros(f.receivedAt),
    f.authorPlatformId ?? "",
    f.authorName ?? "",
    f.text ?? "",
    f.hidden === null ? "n" : f.hidden ? "t" : "f",
    f.url ?? "",
    f.deliverySha256 ?? "",
    f.contentHash,
  ];
  return sha256Hex(parts.join("\x1f"));
}
