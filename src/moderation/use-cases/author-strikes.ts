// Strikes per author and channel: each item of theirs that a person removed
// (hidden or deleted, not undone or restored on appeal) within the window
// counts once. Derived from the decision events, never stored apart, so an
// upheld appeal takes its strike away by itself.
import type { Queryable } from "../../platform/db/pool.ts";
import { deriveState } from "../domain/state.ts";
import { loadDecisions, type ModerationSettings } from "../store.ts";

export interface AuthorStanding {
  strikes: number;
  strikeItems: string[];
  warned: boolean;
  banned: boolean;
  threshold: number;
  /** strikes ≥ threshold and not banned: a ban is proposed. */
  banProposed: boolean;
}

export async function authorStanding(
  db: Queryable,
  o: { orgId: string; channelId: string; authorPlatformId: string | null; settings: ModerationSettings; now?: Date },
): Promise<AuthorStanding> {
  const threshold = o.settings.strikeThreshold;
  if (!o.authorPlatformId) return { strikes: 0, strikeItems: [], warned: false, banned: false, threshold, banProposed: false };
  const since = new Date((o.now ?? new Date()).getTime() - o.settings.strikeWindowDays * 86_400_000);
  const items = await db.query<{ item_id: string }>(
    `select distinct item_id from moderation_decisions where org_id = $1 and channel_id = $2 and author_platform_id = $3 and at >= $4`,
    [o.orgId, o.channelId, o.authorPlatformId, since],
  );
  const decisions = await loadDecisions(db, o.orgId, items.rows.map((r) => r.item_id));
  const upheld = new Set((await db.query<{ item_id: string }>(
    `select a.item_id from moderation_appeals a join moderation_appeal_outcomes x on x.appeal_id = a.id
      where a.org_id = $1 and x.outcome = 'upheld' and a.item_id = any($2::uuid[])`, [o.orgId, items.rows.map((r) => r.item_id)])).rows.map((r) => r.item_id));
  const strikeItems: string[] = [];
  let warned = false;
  for (const [itemId, evs] of decisions) {
    const s = deriveState(evs);
    if (s.visibility !== "visible" && s.lastReviewAt && s.lastReviewAt >= since && !upheld.has(itemId)) strikeItems.push(itemId);
    if (evs.some((e) => e.kind === "warn" && !s.undone.has(e.id) && e.at >= since)) warned = true;
  }
  const ban = await db.query(
    `select 1 from moderation_bans b where b.org_id = $1 and b.channel_id = $2 and b.author_platform_id = $3
        and not exists (select 1 from moderation_ban_lifts l where l.org_id = b.org_id and l.ban_id = b.id)`,
    [o.orgId, o.channelId, o.authorPlatformId],
  );
  const banned = (ban.rowCount ?? 0) > 0;
  return { strikes: strikeItems.length, strikeItems, warned, banned, threshold, banProposed: !banned && strikeItems.length >= threshold };
}
