// Reads for moderation: an item as the moderator sees it (text, author, thread
// place, platform state), its latest analysis and its decision events.
import type { Finding } from "../analysis/index.ts";
import type { Queryable } from "../platform/db/pool.ts";
import type { DecisionEvent } from "./domain/state.ts";

export interface ModItem {
  id: string;
  channelId: string;
  channelName: string;
  platform: string;
  unitId: string | null;
  platformItemId: string;
  kind: string;
  postPlatformId: string | null;
  parentPlatformId: string | null;
  text: string | null;
  versionId: string | null;
  authorPlatformId: string | null;
  authorName: string | null;
  url: string | null;
  firstCapturedAt: Date;
  /** As captured from the platform (reconciled): hidden / removed there. */
  platformHidden: boolean;
  platformRemoved: boolean;
}

export interface ModAnalysis {
  versionId: string;
  analysedAt: Date;
  action: string;
  labels: string[];
  findings: Finding[];
}

const ITEM_SQL = `select s.item_id as id, s.channel_id, c.name as channel_name, s.platform, c.unit_id, s.platform_item_id, s.kind,
  s.post_platform_id, s.parent_platform_id, s.text, s.text_version_id, s.author_platform_id, s.author_name, s.url,
  s.first_captured_at, s.hidden, s.removed
  from captured_item_state s join channels c on c.org_id = s.org_id and c.id = s.channel_id
 where s.org_id = $1 and s.item_id = any($2::uuid[])`;

interface ItemRow {
  id: string; channel_id: string; channel_name: string; platform: string; unit_id: string | null; platform_item_id: string; kind: string;
  post_platform_id: string | null; parent_platform_id: string | null; text: string | null; text_version_id: string | null;
  author_platform_id: string | null; author_name: string | null; url: string | null; first_captured_at: Date; hidden: boolean; removed: boolean;
}

function toItem(r: ItemRow): ModItem {
  return {
    id: r.id, channelId: r.channel_id, channelName: r.channel_name, platform: r.platform, unitId: r.unit_id, platformItemId: r.platform_item_id,
    kind: r.kind, postPlatformId: r.post_platform_id, parentPlatformId: r.parent_platform_id, text: r.text, versionId: r.text_version_id,
    authorPlatformId: r.author_platform_id, authorName: r.author_name, url: r.url, firstCapturedAt: r.first_captured_at,
    platformHidden: r.hidden, platformRemoved: r.removed,
  };
}

export async function loadItems(db: Queryable, orgId: string, ids: string[]): Promise<Map<string, ModItem>> {
  if (!ids.length) return new Map();
  const r = await db.query<ItemRow>(ITEM_SQL, [orgId, ids]);
  return new Map(r.rows.map((row) => [row.id, toItem(row)]));
}

export async function loadItem(db: Queryable, orgId: string, id: string): Promise<ModItem | null> {
  return (await loadItems(db, orgId, [id])).get(id) ?? null;
}

/** The latest analysis per item (of its latest analysed version). */
export async function loadLatestAnalyses(db: Queryable, orgId: string, ids: string[]): Promise<Map<string, ModAnalysis>> {
  if (!ids.length) return new Map();
  const r = await db.query<{ item_id: string; version_id: string; analysed_at: Date; action: string; labels: string[]; findings: Finding[] }>(
    `select distinct on (item_id) item_id, version_id, analysed_at, action, labels, findings
       from item_analyses where org_id = $1 and item_id = any($2::uuid[])
      order by item_id, analysed_at desc`,
    [orgId, ids],
  );
  return new Map(r.rows.map((x) => [x.item_id, { versionId: x.version_id, analysedAt: x.analysed_at, action: x.action, labels: x.labels, findings: x.findings }]));
}

export interface DecisionRow extends DecisionEvent {
  itemId: string;
  channelId: string;
  findingRuleId: string | null;
  criticism: boolean;
  authorPlatformId: string | null;
  params: Record<string, unknown>;
}

interface DRow {
  id: string; seq: string; item_id: string; channel_id: string; kind: DecisionEvent["kind"]; rule_id: string | null; finding_rule_id: string | null;
  legal_basis: "bbs-5" | "page-rule"; reason: string | null; actor_id: string | null; actor_label: string; ref_id: string | null;
  needs_confirmation: boolean; criticism: boolean; author_platform_id: string | null; params: Record<string, unknown>; at: Date;
}

export const DECISION_COLUMNS = "id, seq, item_id, channel_id, kind, rule_id, finding_rule_id, legal_basis, reason, actor_id, actor_label, ref_id, needs_confirmation, criticism, author_platform_id, params, at";

export function toDecision(r: DRow): DecisionRow {
  return {
    id: r.id, seq: Number(r.seq), itemId: r.item_id, channelId: r.channel_id, kind: r.kind, ruleId: r.rule_id ?? "", findingRuleId: r.finding_rule_id,
    legalBasis: r.legal_basis, reason: r.reason, actorId: r.actor_id, actorLabel: r.actor_label, refId: r.ref_id,
    needsConfirmation: r.needs_confirmation, criticism: r.criticism, authorPlatformId: r.author_platform_id, params: r.params, at: r.at,
  };
}

export async function loadDecisions(db: Queryable, orgId: string, ids: string[]): Promise<Map<string, DecisionRow[]>> {
  const out = new Map<string, DecisionRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const r = await db.query<DRow>(`select ${DECISION_COLUMNS} from moderation_decisions where org_id = $1 and item_id = any($2::uuid[]) order by seq`, [orgId, ids]);
  for (const row of r.rows) out.get(row.item_id)?.push(toDecision(row));
  return out;
}

export interface ModerationSettings {
  strikeThreshold: number;
  strikeWindowDays: number;
  appealDays: number;
  reviewLimitMinutes: number;
  /** The language of notices to residents (and so of their appeal outcomes). */
  noticeLang: "sv" | "en";
}

export async function loadSettings(db: Queryable, orgId: string): Promise<ModerationSettings> {
  const r = await db.query<{ strike_threshold: number; strike_window_days: number; appeal_days: number; review_limit_minutes: number; notice_lang: "sv" | "en" }>(
    "select strike_threshold, strike_window_days, appeal_days, review_limit_minutes, notice_lang from moderation_settings where org_id = $1", [orgId]);
  const s = r.rows[0];
  return { strikeThreshold: s?.strike_threshold ?? 3, strikeWindowDays: s?.strike_window_days ?? 90, appealDays: s?.appeal_days ?? 14, reviewLimitMinutes: s?.review_limit_minutes ?? 240, noticeLang: s?.notice_lang ?? "sv" };
}
