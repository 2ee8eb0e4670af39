// Everything the item page shows beside the comment: the thread around it,
// the author's history on the channel, how similar comments under the same
// rule were decided (consistency, RF 1:9: alike cases alike), the platform
// actions and their reconciled outcome, notices and police reports.
import type { Queryable } from "../../platform/db/pool.ts";
import { deriveState, type ItemState } from "../domain/state.ts";
import { loadDecisions, loadItem, loadLatestAnalyses, loadSettings, type DecisionRow, type ModAnalysis, type ModItem } from "../store.ts";
import { authorStanding, type AuthorStanding } from "./author-strikes.ts";
import { suggestReply, type ReplySuggestion } from "./suggest-reply.ts";

export interface ThreadEntry { id: string; kind: string; authorName: string | null; text: string | null; at: Date; self: boolean; hidden: boolean; removed: boolean }

export interface ItemContext {
  item: ModItem;
  analysis: ModAnalysis | null;
  decisions: DecisionRow[];
  state: ItemState;
  thread: ThreadEntry[];
  history: { itemId: string; text: string | null; kind: string; ruleId: string; actorLabel: string; at: Date }[];
  standing: AuthorStanding;
  consistency: { ruleId: string; kind: string; n: number }[];
  platformActions: { id: string; action: string; state: string; attempts: number; lastErrorSv: string | null; lastErrorEn: string | null; createdAt: Date; doneAt: Date | null }[];
  notifications: { id: string; delivery: string; body: string; appealOpenUntil: Date; at: Date }[];
  policeReports: { id: string; at: Date; status: string; caseNumber: string | null }[];
  /** A drafted reply with the directory's contact card when the comment asks a question. */
  suggestion: ReplySuggestion | null;
}

export async function loadThread(db: Queryable, orgId: string, item: ModItem, limit = 30): Promise<ThreadEntry[]> {
  if (!item.postPlatformId) return [];
  const r = await db.query<{ item_id: string; kind: string; author_name: string | null; text: string | null; first_captured_at: Date; hidden: boolean; removed: boolean }>(
    `select item_id, kind, author_name, text, first_captured_at, hidden, removed from captured_item_state
      where org_id = $1 and channel_id = $2 and (platform_item_id = $3 or post_platform_id = $3)
      order by (kind = 'post') desc, first_captured_at limit $4`,
    [orgId, item.channelId, item.postPlatformId, limit],
  );
  return r.rows.map((x) => ({ id: x.item_id, kind: x.kind, authorName: x.author_name, text: x.text, at: x.first_captured_at, self: x.item_id === item.id, hidden: x.hidden, removed: x.removed }));
}

export async function loadItemContext(db: Queryable, orgId: string, itemId: string, o: { suggest?: boolean; lang?: "sv" | "en" } = {}): Promise<ItemContext | null> {
  const item = await loadItem(db, orgId, itemId);
  if (!item) return null;
  // Sequential: `db` may be one transaction's client, which runs one query at a time.
  const analyses = await loadLatestAnalyses(db, orgId, [itemId]);
  const decisions = await loadDecisions(db, orgId, [itemId]);
  const settings = await loadSettings(db, orgId);
  const thread = await loadThread(db, orgId, item);
  const analysis = analyses.get(itemId) ?? null;
  const evs = decisions.get(itemId) ?? [];
  const standing = await authorStanding(db, { orgId, channelId: item.channelId, authorPlatformId: item.authorPlatformId, settings });
  const history = item.authorPlatformId
    ? (await db.query<{ item_id: string; text: string | null; kind: string; rule_id: string; actor_label: string; at: Date }>(
      `select d.item_id, s.text, d.kind, coalesce(d.rule_id, '') as rule_id, d.actor_label, d.at from moderation_decisions d
         join captured_item_state s on s.org_id = d.org_id and s.item_id = d.item_id
        where d.org_id = $1 and d.channel_id = $2 and d.author_platform_id = $3 and d.item_id <> $4
        order by d.at desc limit 30`, [orgId, item.channelId, item.authorPlatformId, itemId])).rows.map((r) => ({ itemId: r.item_id, text: r.text, kind: r.kind, ruleId: r.rule_id, actorLabel: r.actor_label, at: r.at }))
    : [];
  const rules = [...new Set([...(analysis?.labels ?? []), ...evs.map((e) => e.ruleId)])].filter(Boolean);
  const consistency = rules.length
    ? (await db.query<{ rule_id: string; kind: string; n: number }>(
      `select rule_id, kind, count(distinct item_id)::int as n from moderation_decisions
        where org_id = $1 and rule_id = any($2::text[]) and actor_id is not null and item_id <> $3
          and kind in ('keep', 'hide', 'delete', 'unhide', 'report_police', 'confirm', 'decline') and at > now() - interval '90 days'
        group by rule_id, kind order by rule_id, n desc`, [orgId, rules, itemId])).rows.map((r) => ({ ruleId: r.rule_id, kind: r.kind, n: r.n }))
    : [];
  const pa = await db.query<{ id: string; action: string; state: string; attempts: number; last_error_sv: string | null; last_error_en: string | null; created_at: Date; done_at: Date | null }>(
    "select id, action, state, attempts, last_error_sv, last_error_en, created_at, done_at from platform_actions where org_id = $1 and item_id = $2 order by created_at", [orgId, itemId]);
  const notes = await db.query<{ id: string; delivery: string; body: string; appeal_open_until: Date; at: Date }>(
    "select id, delivery, body, appeal_open_until, at from moderation_notifications where org_id = $1 and item_id = $2 order by at", [orgId, itemId]);
  const reports = await db.query<{ id: string; at: Date; status: string; case_number: string | null }>(
    `select r.id, r.at, e.status, (select case_number from police_report_events x where x.report_id = r.id and case_number is not null order by seq desc limit 1) as case_number
       from police_reports r cross join lateral (select status from police_report_events e where e.report_id = r.id order by seq desc limit 1) e
      where r.org_id = $1 and r.item_id = $2 order by r.at`, [orgId, itemId]);
  return {
    item, analysis, decisions: evs, state: deriveState(evs), thread, history, standing, consistency,
    platformActions: pa.rows.map((r) => ({ id: r.id, action: r.action, state: r.state, attempts: r.attempts, lastErrorSv: r.last_error_sv, lastErrorEn: r.last_error_en, createdAt: r.created_at, doneAt: r.done_at })),
    notifications: notes.rows.map((r) => ({ id: r.id, delivery: r.delivery, body: r.body, appealOpenUntil: r.appeal_open_until, at: r.at })),
    policeReports: reports.rows.map((r) => ({ id: r.id, at: r.at, status: r.status, caseNumber: r.case_number })),
    suggestion: o.suggest && item.text ? await suggestReply(db, orgId, item.text, o.lang) : null,
  };
}
