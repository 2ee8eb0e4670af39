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
  const all = await authorStandings(db, { orgId: o.orgId, authors: [{ channelId: o.channelId, authorPlatformId: o.authorPlatformId }], settings: o.settings, now: o.now });
  return all.get(authorKey(o.channelId, o.authorPlatformId))!;
}

export const authorKey = (channelId: string, authorPlatformId: string) => `${channelId}\u0000${authorPlatformId}`;

/** The standing of many authors in a fixed number of queries (bulk actions on floods). Keyed by authorKey. */
export async function authorStandings(
  db: Queryable,
  o: { orgId: string; authors: { channelId: string; authorPlatformId: string }[]; settings: ModerationSettings; now?: Date | undefined },
): Promise<Map<string, AuthorStanding>> {
  const threshold = o.settings.strikeThreshold;
  const since = new Date((o.now ?? new Date()).getTime() - o.settings.strikeWindowDays * 86_400_000);
  const channels = o.authors.map((a) => a.channelId);
  const authors = o.authors.map((a) => a.authorPlatformId);
  const items = await db.query<{ item_id: string; channel_id: string; author_platform_id: string }>(
    `select distinct d.item_id, d.channel_id, d.author_platform_id from moderation_decisions d
       join unnest($2::uuid[], $3::text[]) as a(channel_id, author) on d.channel_id = a.channel_id and d.author_platform_id = a.author
      where d.org_id = $1 and d.at >= $4`,
    [o.orgId, channels, authors, since],
  );
  const ids = items.rows.map((r) => r.item_id);
  const decisions = await loadDecisions(db, o.orgId, ids);
  const upheld = new Set((await db.query<{ item_id: string }>(
    `select a.item_id from moderation_appeals a join moderation_appeal_outcomes x on x.appeal_id = a.id
      where a.org_id = $1 and x.outcome = 'upheld' and a.item_id = any($2::uuid[])`, [o.orgId, ids])).rows.map((r) => r.item_id));
  const banned = new Set((await db.query<{ channel_id: string; author_platform_id: string }>(
    `select b.channel_id, b.author_platform_id from moderation_bans b join unnest($2::uuid[], $3::text[]) as a(channel_id, author) on b.channel_id = a.channel_id and b.author_platform_id = a.author
      where b.org_id = $1 and not exists (select 1 from moderation_ban_lifts l where l.org_id = b.org_id and l.ban_id = b.id)`,
    [o.orgId, channels, authors])).rows.map((r) => authorKey(r.channel_id, r.author_platform_id)));
  const out = new Map<string, AuthorStanding>();
  for (const a of o.authors) {
    const k = authorKey(a.channelId, a.authorPlatformId);
    out.set(k, { strikes: 0, strikeItems: [], warned: false, banned: banned.has(k), threshold, banProposed: false });
  }
  for (const r of items.rows) {
    const st = out.get(authorKey(r.channel_id, r.author_platform_id));
    const evs = decisions.get(r.item_id) ?? [];
    if (!st) continue;
    const s = deriveState(evs);
    if (s.visibility !== "visible" && s.lastReviewAt && s.lastReviewAt >= since && !upheld.has(r.item_id)) st.strikeItems.push(r.item_id);
    if (evs.some((e) => e.kind === "warn" && !s.undone.has(e.id) && e.at >= since)) st.warned = true;
  }
  for (const st of out.values()) {
    st.strikes = st.strikeItems.length;
    st.banProposed = !st.banned && st.strikes >= threshold;
  }
  return out;
}
