// The registrar's secrecy review (sekretessprövning): confirm or reject each
// proposed redaction, add one the analyzer missed, then confirm the request.
// Confirmation freezes the decision in the archive stream 'records.requests':
// which version of which item was disclosed, and what was withheld on which
// ground (the log that is kept).
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool, Tx } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { appendArchiveEntry, ARCHIVE_STREAMS } from "../archive/append-archive-entry.ts";
import { loadRecordsRequest } from "./load-request.ts";

async function lockOpen(tx: Tx, orgId: string, requestId: string): Promise<void> {
  const r = await tx.query<{ status: string }>("select status from records_requests where org_id = $1 and id = $2 for update", [orgId, requestId]);
  if (!r.rows[0]) throw new AppError("not_found");
  if (r.rows[0].status !== "open") throw new AppError("records_request_closed");
}

export async function decideRedaction(deps: { pool: Pool }, i: { orgId: string; requestId: string; redactionId: string; decision: "confirmed" | "rejected"; actor: Actor }): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    await lockOpen(tx, i.orgId, i.requestId);
    const r = await tx.query(
      "update records_request_redactions set state = $4, decided_by = $5, decided_at = now() where org_id = $1 and request_id = $2 and id = $3",
      [i.orgId, i.requestId, i.redactionId, i.decision, i.actor.label]);
    if (!r.rowCount) throw new AppError("not_found");
  });
}

/** A redaction the analyzer did not propose: a span of the text, or (field 'author') the author's name. */
export async function addRedaction(deps: { pool: Pool }, i: { orgId: string; requestId: string; itemId: string; field?: "text" | "author"; start: number; end: number; kindSv: string; ground: string; actor: Actor }): Promise<{ id: string }> {
  const [r] = await addRedactions(deps, { ...i, spans: [{ start: i.start, end: i.end }] });
  return r!;
}

/**
 * Several spans of one item withheld on one ground, all or none (a name that
 * occurs three times is withheld three times or not at all).
 */
export async function addRedactions(deps: { pool: Pool }, i: { orgId: string; requestId: string; itemId: string; field?: "text" | "author"; spans: readonly { start: number; end: number }[]; kindSv: string; ground: string; actor: Actor }): Promise<{ id: string }[]> {
  const field = i.field ?? "text";
  return withTx(deps.pool, async (tx) => {
    await lockOpen(tx, i.orgId, i.requestId);
    const item = await tx.query<{ text: string | null; author_name: string | null }>(
      `select v.text, v.author_name from records_request_items ri join capture_versions v on v.id = ri.version_id
        where ri.org_id = $1 and ri.request_id = $2 and ri.item_id = $3`, [i.orgId, i.requestId, i.itemId]);
    const row = item.rows[0];
    const text = field === "author" ? row?.author_name : row?.text;
    if (text == null) throw new AppError("not_found");
    const ids: { id: string }[] = [];
    for (const s of i.spans) {
      if (s.end > text.length || s.start >= s.end) throw new AppError("validation_failed", { public: { field: "span" } });
      const r = await tx.query<{ id: string }>(
        `insert into records_request_redactions (org_id, request_id, item_id, field, span_start, span_end, kind_sv, ground, source, state, decided_by, decided_at)
         values ($1, $2, $3, $9, $4, $5, $6, $7, 'registrar', 'confirmed', $8, now()) returning id`,
        [i.orgId, i.requestId, i.itemId, s.start, s.end, i.kindSv, i.ground, i.actor.label, field]);
      ids.push(r.rows[0]!);
    }
    return ids;
  });
}

/** Confirms the request: proposals not rejected are confirmed; the decision is archived. */
export async function confirmRecordsRequest(deps: { pool: Pool }, i: { orgId: string; requestId: string; actor: Actor }): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    await lockOpen(tx, i.orgId, i.requestId);
    await tx.query(
      `update records_request_redactions set state = 'confirmed', decided_by = $3, decided_at = now()
        where org_id = $1 and request_id = $2 and state = 'proposed'`, [i.orgId, i.requestId, i.actor.label]);
    await tx.query("update records_requests set status = 'confirmed', confirmed_by = $3, confirmed_at = now() where org_id = $1 and id = $2",
      [i.orgId, i.requestId, i.actor.label]);
    const req = await loadRecordsRequest(tx, { orgId: i.orgId, requestId: i.requestId });
    const decision = {
      requestId: req.id, description: req.description, receivedAt: req.receivedAt, confirmedBy: i.actor.label,
      items: req.items.map((it) => ({
        itemId: it.itemId, versionId: it.versionId, platformItemId: it.platformItemId,
        withheld: it.redactions.filter((r) => r.state === "confirmed").map((r) => ({ field: r.field, start: r.start, end: r.end, kind: r.kindSv, ground: r.ground, source: r.source })),
      })),
    };
    await appendArchiveEntry(tx, { orgId: i.orgId, stream: ARCHIVE_STREAMS.requests, recordType: "records_request_decision", recordId: req.id, payload: decision });
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.request_confirmed", targetType: "records_request", targetId: req.id,
      after: { items: decision.items.length, withheld: decision.items.reduce((n, x) => n + x.withheld.length, 0) } });
  });
}
