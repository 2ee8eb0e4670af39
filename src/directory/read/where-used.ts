// "Where used": embeds report the page they are shown on (an explicit `host`
// parameter, else the Referer), so each contact point can list the pages that
// show it and an editor knows what a change will touch. Recorded off the
// request path, at most once per page and embed every few minutes per process.
import type { FastifyRequest } from "fastify";
import type { Queryable } from "../../platform/db/pool.ts";
import type { DirectoryRuntime } from "../runtime.ts";

export type EmbedKind = "html" | "iframe" | "component" | "json" | "vcard";

const WRITE_EVERY_MS = 5 * 60_000;
const recent = new Map<string, number>();

/** Only http(s) pages, without query string or fragment (they may carry personal data). */
export function hostPage(raw: string | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  try {
    const u = new URL(raw);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return `${u.origin}${u.pathname}`;
  } catch {
    return null;
  }
}

export function recordEmbedUse(rt: DirectoryRuntime, req: FastifyRequest, orgId: string, unitId: string, embed: EmbedKind): void {
  const explicit = (req.query as { host?: string } | undefined)?.host;
  const host = hostPage(explicit ?? req.headers.referer);
  if (!host) return;
  // Our own pages are not "where used".
  if (host.startsWith(`${req.protocol}://${req.host}/`)) return;
  const key = `${orgId}|${unitId}|${embed}|${host}`;
  const last = recent.get(key);
  if (last !== undefined && Date.now() - last < WRITE_EVERY_MS) return;
  if (recent.size > 50_000) recent.clear();
  recent.set(key, Date.now());
  rt.deps.pool
    .query(
      `insert into dir_embed_usage (org_id, unit_id, embed, host_url) values ($1, $2, $3, $4)
       on conflict (org_id, unit_id, embed, host_url) do update set last_seen = now(), hits = dir_embed_usage.hits + 1`,
      [orgId, unitId, embed, host],
    )
    .catch(() => undefined);
}

export interface EmbedUse {
  unitId: string;
  embed: EmbedKind;
  hostUrl: string;
  lastSeen: Date;
  hits: number;
}

export async function listEmbedUses(db: Queryable, orgId: string, unitId?: string): Promise<EmbedUse[]> {
  const r = await db.query<{ unit_id: string; embed: EmbedKind; host_url: string; last_seen: Date; hits: number }>(
    `select unit_id, embed, host_url, last_seen, hits from dir_embed_usage where org_id = $1 and ($2::uuid is null or unit_id = $2) order by last_seen desc limit 500`,
    [orgId, unitId ?? null],
  );
  return r.rows.map((x) => ({ unitId: x.unit_id, embed: x.embed, hostUrl: x.host_url, lastSeen: x.last_seen, hits: x.hits }));
}
