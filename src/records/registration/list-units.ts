// The organisation's units (förvaltningar, verksamheter, enheter) as the
// directory publishes them now, for the unit of a registration or a series.
import type { Queryable } from "../../platform/db/pool.ts";

export async function listUnits(db: Queryable, orgId: string): Promise<{ id: string; name: string }[]> {
  const r = await db.query<{ id: string; name: string }>(
    `select u.id, u.name from dir_live l
       join dir_unit_versions u on u.org_id = l.org_id and u.id = l.id and u.version = l.version
      where l.org_id = $1 and l.kind = 'unit' and not u.deleted
      order by u.name`, [orgId]);
  return r.rows;
}

/** Whether the unit is one of the organisation's (a registration may not name another's). */
export async function unitExists(db: Queryable, orgId: string, unitId: string): Promise<boolean> {
  const r = await db.query("select 1 from dir_entities where org_id = $1 and id = $2 and kind = 'unit'", [orgId, unitId]);
  return (r.rowCount ?? 0) > 0;
}
