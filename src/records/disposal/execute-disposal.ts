// Executes a disposal rule: for each disposable item, first the disposal log
// (disposed_versions: the links' seq and hashes, refused by PostgreSQL for an
// item under legal hold), then the deletion the log permits (analyses,
// versions, the item), and the run in the archive stream 'records.disposal'
// — the disposal log that is kept. A delivery body (one webhook may carry
// several items) goes only with the last version that refers to it: while an
// item outside the run, or one under legal hold, still refers to it, it stays.
import { randomUUID } from "node:crypto";
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { appendArchiveEntry, ARCHIVE_STREAMS } from "../archive/append-archive-entry.ts";
import { planDisposal } from "./plan-disposal.ts";

export interface DisposalRunResult {
  runId: string;
  disposed: number;
  versions: number;
  held: number;
  /** SHA-256 of the delivery bodies removed because no version refers to them any more. */
  deliveriesRemoved: string[];
}

export async function executeDisposal(deps: { pool: Pool }, o: { orgId: string; ruleId: string; actor: Actor; now?: Date }): Promise<DisposalRunResult> {
  return withTx(deps.pool, async (tx) => {
    const plan = await planDisposal(tx, o);
    const runId = randomUUID();
    const items = plan.disposable.map((c) => c.itemId);
    let versions = 0;
    let deliveriesRemoved: string[] = [];
    const logged: unknown[] = [];
    if (items.length) {
      // The analyzer may be analysing one of these versions right now: it holds
      // the version's queue row and its insert of the analysis would commit
      // between our delete of the analyses and of the versions. So first the
      // queue rows (waiting for a worker that holds one to finish), then the
      // versions locked, so that no analysis of them can be added any more.
      await tx.query("delete from capture_analysis_queue q using capture_versions v where q.org_id = $1 and v.id = q.version_id and v.item_id = any($2::uuid[])", [o.orgId, items]);
      await tx.query("select 1 from capture_versions where org_id = $1 and item_id = any($2::uuid[]) order by channel_id, seq for update", [o.orgId, items]);
      const v = await tx.query<{ seq: number; channel_id: string; item_id: string; hash: string }>(
        `insert into disposed_versions (org_id, channel_id, seq, version_id, item_id, prev_hash, hash, content_hash, delivery_sha256, rule_id, run_id, disposed_by)
         select org_id, channel_id, seq, id, item_id, prev_hash, hash, content_hash, delivery_sha256, $3, $4, $5
           from capture_versions where org_id = $1 and item_id = any($2::uuid[])
         returning seq, channel_id, item_id, hash`,
        [o.orgId, items, o.ruleId, runId, o.actor.label]);
      versions = v.rowCount ?? 0;
      const deliveries = await tx.query<{ sha: string }>(
        "select distinct delivery_sha256 as sha from capture_versions where org_id = $1 and item_id = any($2::uuid[]) and delivery_sha256 is not null", [o.orgId, items]);
      await tx.query("delete from item_analyses where org_id = $1 and item_id = any($2::uuid[])", [o.orgId, items]);
      await tx.query("delete from capture_versions where org_id = $1 and item_id = any($2::uuid[])", [o.orgId, items]);
      await tx.query("delete from captured_items where org_id = $1 and id = any($2::uuid[])", [o.orgId, items]);
      const gone = await tx.query<{ sha: string }>(
        `delete from capture_deliveries d where d.org_id = $1 and d.body_sha256 = any($2::text[])
           and not exists (select 1 from capture_versions v where v.org_id = d.org_id and v.delivery_sha256 = d.body_sha256)
         returning d.body_sha256 as sha`,
        [o.orgId, deliveries.rows.map((r) => r.sha)]);
      deliveriesRemoved = gone.rows.map((r) => r.sha).sort();
      await tx.query("delete from record_search where org_id = $1 and item_id = any($2::uuid[])", [o.orgId, items]);
      const byItem = new Map<string, { seq: number; hash: string }[]>();
      for (const r of v.rows) byItem.set(r.item_id, [...(byItem.get(r.item_id) ?? []), { seq: Number(r.seq), hash: r.hash }]);
      for (const c of plan.disposable) logged.push({ itemId: c.itemId, channelId: c.channelId, platformItemId: c.platformItemId, kind: c.kind, occurredAt: c.occurredAt, links: byItem.get(c.itemId) ?? [] });
    }
    await appendArchiveEntry(tx, {
      orgId: o.orgId, stream: ARCHIVE_STREAMS.disposal, recordType: "disposal_run", recordId: runId,
      payload: { runId, ruleId: o.ruleId, planReference: plan.planReference, cutoff: plan.cutoff, executedBy: o.actor.label, items: logged, heldBack: plan.held.map((h) => h.itemId), deliveriesRemoved },
    });
    await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: "records.disposal_executed", targetType: "disposal_rule", targetId: o.ruleId,
      after: { runId, disposed: items.length, versions, held: plan.held.length, deliveriesRemoved: deliveriesRemoved.length } });
    return { runId, disposed: items.length, versions, held: plan.held.length, deliveriesRemoved };
  });
}
