// Automatic actions from the page rules (e.g. a personnummer → hide at once):
// the system actor (actor null) hides, and escalates for threats and other
// crimes; the item then waits in the queue for a person to confirm. Crash-safe
// by construction: the work list (moderation_auto_pending, migration 0520) is
// written with the analysis and cleared in the transaction that acts on it,
// so its cost follows what is waiting, not the history.
import type { Finding } from "../../analysis/index.ts";
import { SYSTEM_ACTOR } from "../../platform/audit/index.ts";
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { readCriticism } from "../domain/criticism.ts";
import { strongestFinding } from "../domain/rules.ts";
import { recordDecision } from "./record-decision.ts";

export interface AutoOutcome {
  itemId: string;
  hidden: boolean;
  escalated: boolean;
}

/** Categories whose harm is in the display itself: hidden at once even when the comment also criticises the city. */
const HIDE_REGARDLESS = new Set(["personal_data"]);

export async function applyAutomaticActions(pool: Pool, o: { publicUrl: string; limit?: number }): Promise<AutoOutcome[]> {
  const todo = await pool.query<{ org_id: string; item_id: string; version_id: string; action: string; findings: Finding[]; text: string | null }>(
    `select p.org_id, p.item_id, p.version_id, a.action, a.findings, v.text
       from moderation_auto_pending p
       join capture_versions v on v.id = p.version_id
       cross join lateral (select a.action, a.findings from item_analyses a
                            where a.org_id = p.org_id and a.version_id = p.version_id and a.action in ('hide', 'hide_escalate')
                            order by a.analysed_at desc limit 1) a
      order by p.analysed_at limit $1`,
    [o.limit ?? 500],
  );
  const settle = (r: { org_id: string; version_id: string }, db: Queryable = pool) =>
    db.query("delete from moderation_auto_pending where org_id = $1 and version_id = $2", [r.org_id, r.version_id]);
  const out: AutoOutcome[] = [];
  for (const r of todo.rows) {
    const hideFindings = r.findings.filter((f) => f.action === "hide" || f.action === "hide_escalate");
    const strongest = strongestFinding(hideFindings);
    if (!strongest) {
      await settle(r);
      continue;
    }
    // RF 1:9: the system never hides criticism on a page-rule ground by itself;
    // such a comment stays visible and goes to a person (needs review).
    const criticism = r.text ? readCriticism(r.text).criticism : false;
    const hide = strongest.legalBasis === "bbs-5" || !criticism || HIDE_REGARDLESS.has(strongest.category);
    const escalate = r.action === "hide_escalate";
    try {
      await withTx(pool, async (tx) => {
      // Re-check under the item lock: another process may have done it.
      await tx.query("select pg_advisory_xact_lock(hashtextextended('moderation:' || $1::text, 0))", [r.item_id]);
      // Claimed by this transaction (another process that got here first has deleted it).
      if (!(await settle(r, tx)).rowCount) return;
      const base = { orgId: r.org_id, itemId: r.item_id, ruleId: strongest.category, legalBasis: strongest.legalBasis, actor: SYSTEM_ACTOR, publicUrl: o.publicUrl };
      if (hide) {
        await recordDecision(tx, { ...base, kind: "hide", reason: `Automatisk åtgärd enligt sidreglerna (${strongest.ruleId})` });
      }
      if (escalate || !hide) {
        await recordDecision(tx, { ...base, kind: "escalate", reason: hide ? `Misstänkt brott (${strongest.ruleId}): pröva polisanmälan` : "Kritik mot kommunen: dolde inte automatiskt (RF 1:9)" });
      }
      out.push({ itemId: r.item_id, hidden: hide, escalated: escalate || !hide });
      });
    } catch (e) {
      // A state conflict (a person's pending decision) leaves the item to people;
      // anything else (the database going away) is tried again on the next run.
      if (e instanceof AppError && e.status < 500) await settle(r).catch(() => undefined);
    }
  }
  return out;
}
