-- Legal holds become append-only records. Placing a hold inserts a row in
-- legal_holds; releasing it inserts a row in legal_hold_releases; neither
-- table accepts UPDATE, DELETE or TRUNCATE, so the history of what was held,
-- why, by whom and until when is kept as the Archives Act asks of any record.
-- (Before this, a release set legal_holds.released_at: an update that erased
-- nothing but could have been any other update too.) Both tables are copied
-- into archive streams on insert by 0592, so `vaxel records verify` finds a
-- hold altered past the triggers.

create table legal_hold_releases (
  org_id uuid not null,
  hold_id uuid not null,
  -- Why the hold ends (the matter was decided, the appeal withdrawn); optional.
  reason text check (length(reason) between 1 and 1000),
  released_by text not null,
  released_at timestamptz not null default now(),
  -- A hold is released once.
  primary key (org_id, hold_id),
  foreign key (org_id, hold_id) references legal_holds(org_id, id)
);

-- Releases made the old way, in the order they were made.
insert into legal_hold_releases (org_id, hold_id, released_by, released_at)
select org_id, id, released_by, released_at from legal_holds where released_at is not null order by released_at;

-- Whether an item is under an active hold: a hold with no release.
create or replace function item_on_hold(p_org uuid, p_item uuid) returns boolean language sql stable as $$
  select exists (
    select 1 from legal_holds h
      join captured_items i on i.org_id = h.org_id and i.id = p_item
     where h.org_id = p_org
       and not exists (select 1 from legal_hold_releases r where r.org_id = h.org_id and r.hold_id = h.id)
       and (h.item_ids is null or p_item = any(h.item_ids))
       and (h.channel_id is null or h.channel_id = i.channel_id)
       and (h.post_platform_id is null or h.post_platform_id = i.post_platform_id or h.post_platform_id = i.platform_item_id)
       and (h.from_at is null or i.first_captured_at >= h.from_at
            or exists (select 1 from capture_versions v where v.org_id = i.org_id and v.item_id = i.id and v.platform_time >= h.from_at))
       and (h.to_at is null or exists (select 1 from capture_versions v where v.org_id = i.org_id and v.item_id = i.id
                                        and coalesce(v.platform_time, v.received_at) <= h.to_at)))
$$;

alter table legal_holds drop column released_by, drop column released_at;

create trigger legal_holds_append_only before update or delete on legal_holds for each row execute function refuse_change();
create trigger legal_holds_no_truncate before truncate on legal_holds for each statement execute function refuse_change();
create trigger legal_hold_releases_append_only before update or delete on legal_hold_releases for each row execute function refuse_change();
create trigger legal_hold_releases_no_truncate before truncate on legal_hold_releases for each statement execute function refuse_change();
revoke update, delete, truncate on legal_holds, legal_hold_releases from public;
