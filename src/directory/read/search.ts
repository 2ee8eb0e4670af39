// Directory search with Swedish stemming (PostgreSQL's `swedish` text search
// configuration, GIN index): "bygglovet" finds "Bygglov", "förskolor" finds
// "Förskola Norr". The index holds the published directory only; the sync
// rebuilds it whenever the live state changes.
import type { Queryable, Tx } from "../../platform/db/pool.ts";
import type { DirectorySnapshot } from "../domain/types.ts";
import { indexSnapshot } from "../domain/snapshot.ts";

export async function rebuildSearchIndex(tx: Tx, orgId: string, snapshot: DirectorySnapshot): Promise<void> {
  const index = indexSnapshot(snapshot);
  await tx.query("delete from dir_search where org_id = $1", [orgId]);
  const rows: [string, string, string, string, string | null][] = [];
  for (const u of snapshot.units) {
    const parent = u.parentId ? index.unitsById.get(u.parentId)?.name : undefined;
    const labels = (index.contactPointsByUnit.get(u.id) ?? []).map((c) => c.label ?? "").filter(Boolean);
    const services = (index.servicesByUnit.get(u.id) ?? []).map((s) => s.name);
    rows.push([u.id, "unit", u.name, [u.description, parent, ...labels, ...services].filter(Boolean).join(" "), u.id]);
  }
  for (const s of snapshot.services) {
    if (s.status !== "active") continue;
    rows.push([s.id, "service", s.name, [s.description, index.unitsById.get(s.ownerUnitId)?.name].filter(Boolean).join(" "), s.ownerUnitId]);
  }
  for (const a of snapshot.externalActors) rows.push([a.id, "external_actor", a.name, a.description ?? "", null]);
  if (rows.length === 0) return;
  await tx.query(
    `insert into dir_search (org_id, id, kind, title, body, unit_id)
     select $1, x.id, x.kind, x.title, x.body, x.unit_id
     from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[]) as x(id, kind, title, body, unit_id)`,
    [orgId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4])],
  );
}

export interface SearchHit {
  id: string;
  kind: "unit" | "service" | "external_actor";
  title: string;
  unitId: string | null;
  rank: number;
}

/**
 * Full-text search (stemmed), falling back to prefix matching on the words typed
 * so far ("bygg" → "Bygglov") when the stemmed query finds nothing.
 */
export async function searchDirectory(db: Queryable, orgId: string, q: string, limit = 20): Promise<SearchHit[]> {
  const query = q.trim().slice(0, 200);
  if (!query) return [];
  const run = (tsquery: string, arg: string) =>
    db.query<{ id: string; kind: SearchHit["kind"]; title: string; unit_id: string | null; rank: number }>(
      `select id, kind, title, unit_id, ts_rank(tsv, ${tsquery}) as rank from dir_search
       where org_id = $1 and tsv @@ ${tsquery} order by rank desc, title limit $3`,
      [orgId, arg, limit],
    );
  let r = await run("websearch_to_tsquery('swedish', $2)", query);
  if (r.rows.length === 0) {
    const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length > 0) r = await run("to_tsquery('simple', $2)", words.map((w) => `${w.toLowerCase()}:*`).join(" & "));
  }
  return r.rows.map((x) => ({ id: x.id, kind: x.kind, title: x.title, unitId: x.unit_id, rank: Number(x.rank) }));
}
