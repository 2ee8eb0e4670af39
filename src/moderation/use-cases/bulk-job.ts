// "Select all N matching this filter": one decision on every item of a flood,
// however large, worked server-side in batches. Each item still gets its own
// append-only decision event (rule, legal basis, bulk id = the job id) through
// record-decision.ts, so the outbox, the audit trail and the strikes see
// nothing different from a single decision. The criticism guard (RF 1:9)
// still applies per item: a guarded item is refused, left in the queue for
// individual handling and listed on the job, never removed by a blanket reason.
// Batches are decided set-based (bulk-decide.ts).
// Idempotent: the client names the job; a retried request or a restarted
// process continues the same frozen list, and an item is decided at most once.
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { isRuleId, legalBasisAllowed } from "../domain/rules.ts";
import type { QueueView } from "../domain/state.ts";
import { filterCondition, type QueueFilter } from "./list-queue.ts";
import { recordBulkDecisions } from "./bulk-decide.ts";
import { refreshQueue } from "./refresh-queue.ts";

export const BULK_KINDS = ["keep", "hide", "delete", "escalate"] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

export interface BulkJobInput {
  orgId: string;
  jobId: string;
  filter: Omit<QueueFilter, "limit" | "after"> & { view: QueueView };
  kind: BulkKind;
  ruleId: string;
  legalBasis: "bbs-5" | "page-rule";
  reason?: string | undefined;
  actor: { id: string; label: string };
  requestId?: string | undefined;
}

export interface BulkJobStatus {
  id: string; kind: BulkKind; ruleId: string; legalBasis: string; total: number; done: number; skipped: number; pending: number;
  finished: boolean; createdAt: Date; finishedAt: Date | null; actor: string; skippedItems: { itemId: string; code: string }[];
}

/** Creates the job with the items matching the filter now (or finds the job this id already names). */
export async function createBulkJob(pool: Pool, input: BulkJobInput): Promise<{ id: string; total: number; created: boolean }> {
  if (!(BULK_KINDS as readonly string[]).includes(input.kind)) throw new AppError("validation_failed", { public: { field: "kind" } });
  if (!isRuleId(input.ruleId)) throw new AppError("moderation_rule_required");
  if (!legalBasisAllowed(input.ruleId, input.legalBasis)) throw new AppError("moderation_basis_invalid", { public: { rule: input.ruleId, legalBasis: input.legalBasis } });
  await refreshQueue(pool, input.orgId);
  return withTx(pool, async (tx) => {
    const ins = await tx.query(
      `insert into moderation_bulk_jobs (org_id, id, filter, kind, rule_id, legal_basis, reason, actor_id, actor_label, total)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0) on conflict (id) do nothing`,
      [input.orgId, input.jobId, JSON.stringify(input.filter), input.kind, input.ruleId, input.legalBasis, input.reason?.trim() || null, input.actor.id, input.actor.label]);
    if (!ins.rowCount) {
      const old = await tx.query<{ total: number }>("select total from moderation_bulk_jobs where org_id = $1 and id = $2", [input.orgId, input.jobId]);
      if (!old.rows[0]) throw new AppError("conflict");
      return { id: input.jobId, total: old.rows[0].total, created: false };
    }
    const params: unknown[] = [input.orgId];
    const cond = filterCondition(input.filter, params);
    const items = await tx.query(
      `insert into moderation_bulk_job_items (org_id, job_id, item_id)
       select q.org_id, $${params.push(input.jobId)}, q.item_id from moderation_queue q join channels c on c.org_id = q.org_id and c.id = q.channel_id
        where q.org_id = $1 and q.view = $${params.push(input.filter.view)} and ${cond}`, params);
    const total = items.rowCount ?? 0;
    await tx.query("update moderation_bulk_jobs set total = $3 where org_id = $1 and id = $2", [input.orgId, input.jobId, total]);
    await recordAuditEvent(tx, {
      orgId: input.orgId, actor: input.actor, action: "moderation.bulk.started", targetType: "moderation_bulk_job", targetId: input.jobId,
      after: { filter: input.filter, kind: input.kind, rule: input.ruleId, legalBasis: input.legalBasis, reason: input.reason ?? null, total }, requestId: input.requestId ?? null,
    });
    return { id: input.jobId, total, created: true };
  });
}

/**
 * Works the job's pending items in batches (one transaction each, so progress
 * is visible and a crash loses at most one uncommitted batch). Several
 * processes may run the same job: rows are claimed with SKIP LOCKED.
 */
export async function runBulkJob(pool: Pool, jobId: string, o: { publicUrl: string; batch?: number; stopped?: () => boolean; onBatch?: (orgId: string, itemIds: string[]) => void }): Promise<void> {
  const job = (await pool.query<{ org_id: string; kind: BulkKind; rule_id: string; legal_basis: "bbs-5" | "page-rule"; reason: string | null; actor_id: string; actor_label: string }>(
    "select org_id, kind, rule_id, legal_basis, reason, actor_id, actor_label from moderation_bulk_jobs where id = $1", [jobId])).rows[0];
  if (!job) throw new AppError("not_found");
  const actor = { id: job.actor_id, label: job.actor_label };
  while (!o.stopped?.()) {
    const ids = await withTx(pool, async (tx) => {
      const pending = (await tx.query<{ item_id: string }>(
        `select item_id from moderation_bulk_job_items where job_id = $1 and outcome = 'pending' order by item_id limit $2 for update skip locked`,
        [jobId, o.batch ?? 500])).rows.map((r) => r.item_id);
      const res = await recordBulkDecisions(tx, {
        orgId: job.org_id, itemIds: pending, kind: job.kind, ruleId: job.rule_id, legalBasis: job.legal_basis, reason: job.reason, actor, bulkId: jobId, publicUrl: o.publicUrl,
      });
      const outcome = pending.map((id) => { const r = res.get(id); return r && "decisionId" in r ? "done" : "skipped"; });
      const codes = pending.map((id) => { const r = res.get(id); return r && "code" in r ? r.code : r ? null : "not_found"; });
      const decisions = pending.map((id) => { const r = res.get(id); return r && "decisionId" in r ? r.decisionId : null; });
      if (pending.length) {
        await tx.query(
          `update moderation_bulk_job_items j set outcome = x.outcome, code = x.code, decision_id = x.decision_id
             from unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[]) as x(item_id, outcome, code, decision_id)
            where j.job_id = $1 and j.item_id = x.item_id`, [jobId, pending, outcome, codes, decisions]);
      }
      return pending;
    });
    if (!ids.length) break;
    o.onBatch?.(job.org_id, ids);
  }
  await finishBulkJob(pool, jobId);
}

/** Marks the job finished once nothing is pending (once: a second runner finds it done). */
async function finishBulkJob(pool: Pool, jobId: string): Promise<void> {
  await withTx(pool, async (tx) => {
    const r = await tx.query<{ org_id: string; actor_id: string; actor_label: string }>(
      `update moderation_bulk_jobs j set finished_at = now() where j.id = $1 and j.finished_at is null
          and not exists (select 1 from moderation_bulk_job_items i where i.job_id = j.id and i.outcome = 'pending')
        returning org_id, actor_id, actor_label`, [jobId]);
    const j = r.rows[0];
    if (!j) return;
    const counts = (await tx.query<{ outcome: string; n: number }>("select outcome, count(*)::int as n from moderation_bulk_job_items where job_id = $1 group by outcome", [jobId])).rows;
    await recordAuditEvent(tx, {
      orgId: j.org_id, actor: { id: j.actor_id, label: j.actor_label }, action: "moderation.bulk.finished", targetType: "moderation_bulk_job", targetId: jobId,
      after: Object.fromEntries(counts.map((c) => [c.outcome, c.n])), requestId: `bulk:${jobId}`,
    });
  });
}

export async function bulkJobStatus(db: Queryable, orgId: string, jobId: string): Promise<BulkJobStatus | null> {
  const j = (await db.query<{ id: string; kind: BulkKind; rule_id: string; legal_basis: string; total: number; created_at: Date; finished_at: Date | null; actor_label: string }>(
    "select id, kind, rule_id, legal_basis, total, created_at, finished_at, actor_label from moderation_bulk_jobs where org_id = $1 and id = $2", [orgId, jobId])).rows[0];
  if (!j) return null;
  const counts = new Map((await db.query<{ outcome: string; n: number }>(
    "select outcome, count(*)::int as n from moderation_bulk_job_items where job_id = $1 group by outcome", [jobId])).rows.map((r) => [r.outcome, r.n]));
  const skippedItems = (await db.query<{ item_id: string; code: string }>(
    "select item_id, code from moderation_bulk_job_items where job_id = $1 and outcome = 'skipped' order by item_id limit 1000", [jobId])).rows.map((r) => ({ itemId: r.item_id, code: r.code }));
  return {
    id: j.id, kind: j.kind, ruleId: j.rule_id, legalBasis: j.legal_basis, total: j.total, done: counts.get("done") ?? 0, skipped: counts.get("skipped") ?? 0,
    pending: counts.get("pending") ?? 0, finished: j.finished_at !== null, createdAt: j.created_at, finishedAt: j.finished_at, actor: j.actor_label, skippedItems,
  };
}

/** Jobs left unfinished (a restart): the runtime resumes them. */
export async function unfinishedBulkJobs(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>("select id from moderation_bulk_jobs where finished_at is null order by created_at")).rows.map((r) => r.id);
}
