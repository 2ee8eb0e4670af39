// Items that must be registered and are not yet (OSL 5 kap.): secret content
// (personal data that moderation hid or removed), removed rule-breaking
// content, comments belonging to a registered matter (their post is
// registered), and anything a registrar flagged.
import type { Queryable } from "../../platform/db/pool.ts";
import type { RegistrationReason } from "./register-record.ts";

export interface RegistrationCandidate {
  itemId: string;
  platformItemId: string;
  channelId: string;
  authorName: string | null;
  text: string | null;
  occurredAt: string;
  categories: string[];
  reasons: RegistrationReason[];
  /** Diary number of the registered post this comment belongs to. */
  matter: string | null;
}

export async function findRegistrationCandidates(db: Queryable, o: { orgId: string; limit?: number }): Promise<RegistrationCandidate[]> {
  const r = await db.query(
    `select r.item_id, r.platform_item_id, r.channel_id, r.author_name, r.text, r.occurred_at, r.categories, m.diary_number as matter,
            array_remove(array[
              case when 'personal_data' = any(r.categories) and (r.hidden or r.removed or r.decision in ('hide', 'delete')) then 'secret' end,
              case when cardinality(r.categories) > 0 and (r.hidden or r.removed or r.decision in ('hide', 'delete')) then 'removed_rule_breaking' end,
              case when m.diary_number is not null then 'matter' end,
              case when exists (select 1 from registration_flags f where f.org_id = r.org_id and f.item_id = r.item_id) then 'registrar_flag' end
            ], null) as reasons
       from record_search r
       left join lateral (select p.diary_number from record_search p
                           where p.org_id = r.org_id and p.channel_id = r.channel_id and p.platform_item_id = r.post_platform_id
                             and p.diary_number is not null limit 1) m on true
      where r.org_id = $1 and r.diary_number is null
        and ((cardinality(r.categories) > 0 and (r.hidden or r.removed or r.decision in ('hide', 'delete')))
             or m.diary_number is not null
             or exists (select 1 from registration_flags f where f.org_id = r.org_id and f.item_id = r.item_id))
      order by r.occurred_at limit $2`,
    [o.orgId, Math.min(o.limit ?? 500, 5000)]);
  return r.rows.map((x) => ({
    itemId: x.item_id, platformItemId: x.platform_item_id, channelId: x.channel_id, authorName: x.author_name, text: x.text,
    occurredAt: new Date(x.occurred_at).toISOString(), categories: x.categories, reasons: x.reasons, matter: x.matter,
  }));
}
