// A registrar flags an item for registration (a comment that starts a matter,
// or anything else the registrar judges must be registered).
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { unitExists } from "./list-units.ts";

export async function flagItemForRegistration(deps: { pool: Pool }, i: { orgId: string; itemId: string; reason: string; actor: Actor }): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    const item = await tx.query("select 1 from captured_items where org_id = $1 and id = $2", [i.orgId, i.itemId]);
    if (!item.rowCount) throw new AppError("not_found", { public: { item: i.itemId } });
    await tx.query("insert into registration_flags (org_id, item_id, flagged_by, flagged_by_label, reason) values ($1, $2, $3, $4, $5)",
      [i.orgId, i.itemId, i.actor.id, i.actor.label, i.reason]);
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.flagged", targetType: "captured_item", targetId: i.itemId, after: { reason: i.reason } });
  });
}

export async function createDiarySeries(deps: { pool: Pool }, i: { orgId: string; code: string; name: string; unitId?: string | null; actor: Actor }): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    if (i.unitId && !(await unitExists(tx, i.orgId, i.unitId))) throw new AppError("validation_failed", { public: { field: "unitId" } });
    const r = await tx.query("insert into diary_series (org_id, code, name, unit_id) values ($1, $2, $3, $4) on conflict do nothing", [i.orgId, i.code, i.name, i.unitId ?? null]);
    if (!r.rowCount) throw new AppError("conflict", { public: { series: i.code, field: "code" } });
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.series_created", targetType: "diary_series", targetId: i.code, after: { code: i.code, name: i.name } });
  });
}
