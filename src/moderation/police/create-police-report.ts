// Creates a police report for an item: freezes the package (JSON + SHA-256)
// in the caller's transaction with the report_police decision, status
// "created". Status changes and the police's case number are later events.
import { recordAuditEvent, type Actor } from "../../platform/audit/index.ts";
import type { Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { buildPolicePackage } from "./build-package.ts";

export async function createPoliceReport(tx: Tx, o: { orgId: string; itemId: string; decisionId: string; ruleId: string; actor: Actor; requestId?: string | undefined }): Promise<{ id: string; sha256: string }> {
  const { pkg, sha256 } = await buildPolicePackage(tx, { orgId: o.orgId, itemId: o.itemId, ruleId: o.ruleId, createdBy: o.actor.label });
  const r = await tx.query<{ id: string }>(
    `insert into police_reports (org_id, item_id, decision_id, package, package_sha256, actor_id, actor_label) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [o.orgId, o.itemId, o.decisionId, JSON.stringify(pkg), sha256, o.actor.id, o.actor.label],
  );
  const id = r.rows[0]!.id;
  await tx.query("insert into police_report_events (org_id, report_id, status, actor_id, actor_label) values ($1, $2, 'created', $3, $4)", [o.orgId, id, o.actor.id, o.actor.label]);
  await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: "moderation.police_report.created", targetType: "police_report", targetId: id, after: { item: o.itemId, sha256 }, requestId: o.requestId ?? null });
  return { id, sha256 };
}

export const REPORT_STATUSES = ["created", "sent", "received", "closed"] as const;

export async function updatePoliceReport(tx: Tx, o: { orgId: string; reportId: string; status: string; caseNumber?: string | undefined; note?: string | undefined; actor: Actor; requestId?: string | undefined }): Promise<void> {
  if (!(REPORT_STATUSES as readonly string[]).includes(o.status)) throw new AppError("validation_failed", { public: { field: "status" } });
  const ex = await tx.query("select 1 from police_reports where org_id = $1 and id = $2", [o.orgId, o.reportId]);
  if (!ex.rowCount) throw new AppError("not_found");
  await tx.query("insert into police_report_events (org_id, report_id, status, case_number, note, actor_id, actor_label) values ($1, $2, $3, $4, $5, $6, $7)",
    [o.orgId, o.reportId, o.status, o.caseNumber?.trim() || null, o.note?.trim() || null, o.actor.id, o.actor.label]);
  await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: "moderation.police_report.status", targetType: "police_report", targetId: o.reportId, after: { status: o.status, caseNumber: o.caseNumber ?? null }, requestId: o.requestId ?? null });
}
