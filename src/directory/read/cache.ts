// The public read side: one in-process copy of each organisation's published
// directory, with every rendered response memoised (body, ETag) until the
// directory changes. It is dropped when this process publishes, when any
// process publishes (NOTIFY, see runtime.ts), and when the next scheduled
// version's effective_at passes. A safety TTL bounds the damage of a lost
// notification.
import { createHash } from "node:crypto";
import type { Pool } from "../../platform/db/pool.ts";
import type { DirectorySnapshot } from "../domain/index.ts";
import { loadSnapshot } from "../store/versions.ts";

const SAFETY_TTL_MS = 5 * 60_000;

export interface Rendered {
  body: Buffer;
  etag: string;
  type: string;
}

export interface CacheEntry {
  orgId: string;
  snapshot: DirectorySnapshot;
  /** For Last-Modified: the last published change or review (second precision in HTTP). */
  lastModified: Date;
  /** The same as an HTTP date, formatted once. */
  lastModifiedHttp: string;
  /** The entry is stale from this instant (next scheduled change or the safety TTL). */
  validUntil: number;
  memo: Map<string, Rendered>;
}

export function etagOf(body: Buffer | string): string {
  return `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
}

export class PublishedCache {
  readonly #pool: Pool;
  readonly #now: () => Date;
  readonly #entries = new Map<string, CacheEntry>();
  readonly #loading = new Map<string, Promise<CacheEntry>>();
  readonly #generation = new Map<string, number>();

  constructor(pool: Pool, now: () => Date) {
    this.#pool = pool;
    this.#now = now;
  }

  /** The published directory of `orgId` now (loads it at most once per change). */
  async get(orgId: string): Promise<CacheEntry> {
    const hit = this.#entries.get(orgId);
    if (hit && Date.now() < hit.validUntil) return hit;
    const pending = this.#loading.get(orgId);
    if (pending) return pending;
    const gen = this.#generation.get(orgId) ?? 0;
    const p = this.#load(orgId).then(
      (entry) => {
        this.#loading.delete(orgId);
        // A publish that committed while we were loading makes this copy stale already.
        if ((this.#generation.get(orgId) ?? 0) === gen) this.#entries.set(orgId, entry);
        return entry;
      },
      (e: unknown) => {
        this.#loading.delete(orgId);
        throw e;
      },
    );
    this.#loading.set(orgId, p);
    return p;
  }

  invalidate(orgId: string): void {
    this.#generation.set(orgId, (this.#generation.get(orgId) ?? 0) + 1);
    this.#entries.delete(orgId);
    this.#loading.delete(orgId);
  }

  invalidateAll(): void {
    for (const id of [...this.#entries.keys(), ...this.#loading.keys()]) this.invalidate(id);
  }

  /** A rendered response, built once per published state. */
  memo(entry: CacheEntry, key: string, type: string, build: () => string | Buffer): Rendered {
    const hit = entry.memo.get(key);
    if (hit) return hit;
    const raw = build();
    const body = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
    const r = { body, etag: etagOf(body), type };
    // Bounded: ids in URLs come from the public; unknown ids are not memoised by callers.
    if (entry.memo.size < 10_000) entry.memo.set(key, r);
    return r;
  }

  async #load(orgId: string): Promise<CacheEntry> {
    const snapshot = await loadSnapshot(this.#pool, orgId, { mode: "live" });
    const r = await this.#pool.query<{ last: Date | null; next: Date | null }>(
      `select greatest((select max(at) from dir_changes where org_id = $1),
                       (select max(verified_at) from dir_verifications where org_id = $1),
                       (select created_at from organisations where id = $1)) as last,
              (select min(effective_at) from dir_all_versions where org_id = $1 and state = 'published' and effective_at > now()) as next`,
      [orgId],
    );
    const row = r.rows[0];
    const now = this.#now().getTime();
    const next = row?.next ? row.next.getTime() : Infinity;
    return {
      orgId,
      snapshot,
      lastModified: row?.last ?? new Date(now),
      lastModifiedHttp: (row?.last ?? new Date(now)).toUTCString(),
      validUntil: Math.min(Date.now() + SAFETY_TTL_MS, next === Infinity ? Infinity : Date.now() + Math.max(0, next - now)),
      memo: new Map(),
    };
  }
}
