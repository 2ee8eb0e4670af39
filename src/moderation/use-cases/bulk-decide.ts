// One decision on a batch of items, set-based: the same rules as
// record-decision.ts (per-item lock, derived state, the criticism guard,
// platform effects from the change in visibility, strikes), but a fixed
// number of queries per batch instead of some fifteen per item, so a flood of
// 20,000 is minutes of work, not hours. Every item still gets its own
// append-only decision event; the audit trail gets one event per batch that
// lists every item and its decision (the decisions themselves are the
// per-item record). An item whose decision has effects that only the
// single-item path makes — a notice to the author (any rule but spam) or the
// warning before a ban — goes through record-decision.ts at its place in the
// order, so the outcome is the same as deciding the items one by one.
import { randomUUID } from "node:crypto";
import { enqueuePlatformActions } from "../../channels/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Tx } from "../../platform/db/pool.ts";
import { AppError, type ErrorCode } from "../../platform/errors.ts";
import { readCriticism } from "../domain/criticism.ts";
import { strongestFinding } from "../domain/rules.ts";
import { deriveState } from "../domain/state.ts";
import { loadDecisions, loadItems, loadLatestAnalyses, loadSettings, type DecisionRow } from "../store.ts";
import { authorKey, authorStandings } from "./author-strikes.ts";
import type { BulkKind } from "./bulk-job.ts";
import { recordDecision } from "./record-decision.ts";

export interface BulkDecisionInput {
  orgId: string;
  itemIds: string[];
  kind: BulkKind;
  ruleId: string;
  legalBasis: "bbs-5" | "page-rule";
  reason: string | null;
  actor: { id: string; label: string };
  bulkId: string;
  publicUrl: string;
}

export type BulkItemOutcome = { decisionId: string } | { code: ErrorCode };

type Planned = { itemId: string; channelId: string; decision: DecisionRow; actions: ("hide" | "unhide" | "delete")[]; visibility: string };

export async function recordBulkDecisions(tx: Tx, o: BulkDecisionInput): Promise<Map<string, BulkItemOutcome>> {
  const out = new Map<string, BulkItemOutcome>();
  let rest = [...new Set(o.itemIds)].sort();
  // The same per-item lock as a single decision, taken in one order (no deadlock between two runners).
  await tx.query("select pg_advisory_xact_lock(hashtextextended('moderation:' || id::text, 0)) from (select id from unnest($1::uuid[]) as id order by id) s", [rest]);
  const settings = await loadSettings(tx, o.orgId);
  while (rest.length) {
    const items = await loadItems(tx, o.orgId, rest);
    const events = await loadDecisions(tx, o.orgId, rest);
    const analyses = await loadLatestAnalyses(tx, o.orgId, rest);
    const authors = [...new Map([...items.values()].filter((i) => i.authorPlatformId).map((i) => [authorKey(i.channelId, i.authorPlatformId!), { channelId: i.channelId, authorPlatformId: i.authorPlatformId! }])).values()];
    const standings = await authorStandings(tx, { orgId: o.orgId, authors, settings });
    const planned: Planned[] = [];
    let single: string | null = null;
    for (const itemId of rest) {
      const item = items.get(itemId);
      if (!item) {
        out.set(itemId, { code: "not_found" });
        continue;
      }
      const evs = events.get(itemId) ?? [];
      const before = deriveState(evs);
      const criticism = item.text ? readCriticism(item.text).criticism : false;
      if (o.kind === "hide" || o.kind === "delete") {
        if (before.visibility === "deleted" || before.pending) {
          out.set(itemId, { code: "moderation_state_conflict" });
          continue;
        }
        // RF 1:9: criticism removed on a page rule needs its own reason and a second moderator: never in bulk.
        if (criticism && o.legalBasis === "page-rule") {
          out.set(itemId, { code: "moderation_criticism_reason_required" });
          continue;
        }
      }
      const top = strongestFinding(analyses.get(itemId)?.findings ?? []);
      const decision: DecisionRow = {
        id: randomUUID(), seq: 0, itemId, channelId: item.channelId, kind: o.kind, ruleId: o.ruleId, findingRuleId: top?.category === o.ruleId ? top.ruleId : null,
        legalBasis: o.legalBasis, reason: o.reason, actorId: o.actor.id, actorLabel: o.actor.label, refId: null, needsConfirmation: false, criticism,
        authorPlatformId: item.authorPlatformId, params: {}, at: new Date(),
      };
      const after = deriveState([...evs, decision]);
      const removedByPerson = (after.visibility !== "visible" && before.visibility !== after.visibility) || (before.autoHidden && !after.autoHidden && after.visibility === "hidden");
      if (removedByPerson && o.ruleId !== "spam") {
        single = itemId; // a notice to the author
        break;
      }
      if (removedByPerson && item.authorPlatformId) {
        const st = standings.get(authorKey(item.channelId, item.authorPlatformId))!;
        const strikes = st.strikes + (st.strikeItems.includes(itemId) ? 0 : 1);
        if (!st.warned && !st.banned && strikes === Math.max(1, settings.strikeThreshold - 1)) {
          single = itemId; // the warning before a ban
          break;
        }
        if (!st.strikeItems.includes(itemId)) st.strikeItems.push(itemId);
        st.strikes = st.strikeItems.length;
      }
      const actions: Planned["actions"] = [];
      if (after.visibility !== before.visibility) {
        if (after.visibility === "deleted") actions.push("delete");
        else if (after.visibility === "hidden") actions.push("hide");
        else if (before.visibility === "hidden") actions.push("unhide");
      }
      planned.push({ itemId, channelId: item.channelId, decision, actions, visibility: after.visibility });
    }
    await insertPlanned(tx, o, planned, items);
    for (const p of planned) out.set(p.itemId, { decisionId: p.decision.id });
    rest = rest.filter((id) => !out.has(id));
    if (single) {
      await tx.query("savepoint bulk_single");
      try {
        const d = await recordDecision(tx, {
          orgId: o.orgId, itemId: single, kind: o.kind, ruleId: o.ruleId, legalBasis: o.legalBasis, reason: o.reason ?? undefined,
          actor: o.actor, bulkId: o.bulkId, refuseGuarded: true, publicUrl: o.publicUrl, requestId: `bulk:${o.bulkId}`,
        });
        await tx.query("release savepoint bulk_single");
        out.set(single, { decisionId: d.decision.id });
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        await tx.query("rollback to savepoint bulk_single");
        out.set(single, { code: e.code });
      }
      rest = rest.filter((id) => id !== single);
    }
  }
  return out;
}

async function insertPlanned(tx: Tx, o: BulkDecisionInput, planned: Planned[], items: Map<string, { versionId: string | null }>): Promise<void> {
  if (!planned.length) return;
  await tx.query(
    `insert into moderation_decisions (org_id, id, item_id, channel_id, version_id, kind, rule_id, finding_rule_id, legal_basis, reason, actor_id, actor_label,
       needs_confirmation, criticism, author_platform_id, params, bulk_id)
     select $1, x.id, x.item_id, x.channel_id, x.version_id, $2, $3, x.finding_rule_id, $4, $5, $6, $7, false, x.criticism, x.author_platform_id, '{}', $8
       from jsonb_to_recordset($9::jsonb) as x(id uuid, item_id uuid, channel_id uuid, version_id uuid, finding_rule_id text, criticism boolean, author_platform_id text)`,
    [o.orgId, o.kind, o.ruleId, o.legalBasis, o.reason, o.actor.id, o.actor.label, o.bulkId, JSON.stringify(planned.map((p) => ({
      id: p.decision.id, item_id: p.itemId, channel_id: p.channelId, version_id: items.get(p.itemId)?.versionId ?? null, finding_rule_id: p.decision.findingRuleId,
      criticism: p.decision.criticism, author_platform_id: p.decision.authorPlatformId,
    })))],
  );
  await enqueuePlatformActions(tx, o.orgId, o.actor,
    planned.flatMap((p) => p.actions.map((a) => ({ channelId: p.channelId, itemId: p.itemId, action: a, idempotencyKey: `moderation:${p.decision.id}:${a}` }))));
  await recordAuditEvent(tx, {
    orgId: o.orgId, actor: o.actor, action: `moderation.${o.kind}`, targetType: "moderation_bulk_job", targetId: o.bulkId,
    after: { rule: o.ruleId, legalBasis: o.legalBasis, reason: o.reason, decisions: planned.map((p) => ({ item: p.itemId, decision: p.decision.id, visibility: p.visibility, platformActions: p.actions })) },
    requestId: `bulk:${o.bulkId}`,
  });
}
