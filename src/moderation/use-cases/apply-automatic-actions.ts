// Automatic actions from the page rules (e.g. a personnummer → hide at once):
// the system actor (actor null) hides, and escalates for threats and other
// crimes; the item then waits in the queue for a person to confirm. Crash-safe
// by construction: the work list is "analyses asking for hide that no decision
// has answered yet", read from the records, not from memory.
import type { Finding } from "../../analysis/index.ts";
import { SYSTEM_ACTOR } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
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
    `select a.org_id, a.item_id, a.version_id, a.action, a.findings, v.text
       from item_analyses a join capture_versions v on v.id = a.version_id
      where a.action in ('hide', 'hide_escalate')
        and not exists (select 1 from moderation_decisions d where d.org_id = a.org_id and d.item_id = a.item_id and d.version_id = a.version_id and d.actor_id is null)
      order by a.analysed_at limit $1`,
    [o.limit ?? 500],
  );
  const out: AutoOutcome[] = [];
  for (const r of todo.rows) {
    const hideFindings = r.findings.filter((f) => f.action === "hide" || f.action === "hide_escalate");
    const strongest = strongestFinding(hideFindings);
    if (!strongest) continue;
    // RF 1:9: the system never hides criticism on a page-rule ground by itself;
    // such a comment stays visible and goes to a person (needs review).
    const criticism = r.text ? readCriticism(r.text).criticism : false;
    const hide = strongest.legalBasis === "bbs-5" || !criticism || HIDE_REGARDLESS.has(strongest.category);
    const escalate = r.action === "hide_escalate";
    try {
      await withTx(pool, async (tx) => {
      // Re-check under the item lock: another process may have done it.
      await tx.query("select pg_advisory_xact_lock(hashtextextended('moderation:' || $1::text, 0))", [r.item_id]);
      const done = await tx.query("select 1 from moderation_decisions where org_id = $1 and item_id = $2 and version_id = $3 and actor_id is null", [r.org_id, r.item_id, r.version_id]);
      if (done.rowCount) return;
      const base = { orgId: r.org_id, itemId: r.item_id, ruleId: strongest.category, legalBasis: strongest.legalBasis, actor: SYSTEM_ACTOR, publicUrl: o.publicUrl };
      if (hide) {
        await recordDecision(tx, { ...base, kind: "hide", reason: `Automatisk åtgärd enligt sidreglerna (${strongest.ruleId})` });
      }
      if (escalate || !hide) {
        await recordDecision(tx, { ...base, kind: "escalate", reason: hide ? `Misstänkt brott (${strongest.ruleId}): pröva polisanmälan` : "Kritik mot kommunen: dolde inte automatiskt (RF 1:9)" });
      }
      out.push({ itemId: r.item_id, hidden: hide, escalated: escalate || !hide });
      });
    } catch {
      // A state conflict (a person's pending decision) leaves the item to people.
    }
  }
  return out;
}
