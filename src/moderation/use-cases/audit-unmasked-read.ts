// Moderators must see the comment to judge it, so moderation screens show
// personal data unmasked. Each such read leaves an audit event
// (`moderation.unmasked_read`, as records search does with
// `records.unmasked_read`): which items carrying personal-data findings were
// shown, to whom, and where (item page, police package, queue API, CLI).
// Reads of items without such findings are not audited (the queue would
// drown the trail); who may read at all is the routes' permission.
import { recordAuditEvent, type Actor } from "../../platform/audit/index.ts";
import { withTx, type Pool } from "../../platform/db/pool.ts";
import { loadLatestAnalyses } from "../store.ts";

export type UnmaskedVia = "item_page" | "item_render" | "police_report_page" | "police_package_json" | "police_package_pdf" | "queue_page" | "queue_api" | "cli_queue";

export interface ShownItem {
  id: string;
  /** The findings the caller already has; the latest analysis is read when missing. */
  findings?: readonly { category: string }[] | undefined;
}

/** Audits the read when any shown item carries a personal-data finding; returns those items' ids. */
export async function auditUnmaskedRead(pool: Pool, o: { orgId: string; actor: Actor; via: UnmaskedVia; items: ShownItem[]; requestId?: string | null; query?: string }): Promise<string[]> {
  const personal = new Set<string>();
  const unknown: string[] = [];
  for (const i of o.items) {
    if (i.findings === undefined) unknown.push(i.id);
    else if (i.findings.some((f) => f.category === "personal_data")) personal.add(i.id);
  }
  if (unknown.length) {
    const analyses = await loadLatestAnalyses(pool, o.orgId, [...new Set(unknown)]);
    for (const [id, a] of analyses) if (a.findings.some((f) => f.category === "personal_data")) personal.add(id);
  }
  const ids = [...personal];
  if (!ids.length) return ids;
  await withTx(pool, (tx) => recordAuditEvent(tx, {
    orgId: o.orgId, actor: o.actor, action: "moderation.unmasked_read",
    targetType: ids.length === 1 ? "captured_item" : "moderation_queue", targetId: ids.length === 1 ? ids[0]! : null,
    after: { items: ids, via: o.via, ...(o.query ? { query: o.query } : {}) }, requestId: o.requestId ?? null,
  }));
  return ids;
}
