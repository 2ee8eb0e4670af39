-- Disposal (gallring) under rules from the city's document management plan,
-- stopped by legal holds, logged in a log that is itself kept.
--
-- The capture tables refuse UPDATE and DELETE (0300). Disposal is the one
-- exception and this migration makes it the only path, enforced here: a row
-- may be deleted only when the same transaction first wrote its entry in
-- disposed_versions (the disposal log), and that log refuses any item under
-- an active legal hold. The log keeps each disposed link's seq and hashes, so
-- the capture chain still verifies across the gap (verify-records).

create table disposal_rules (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  -- Record type in the plan: captured item kinds.
  record_type text not null check (record_type in ('post', 'comment', 'reply', 'mention')),
  -- Dispose this long after the item was written.
  keep_months int not null check (keep_months between 1 and 1200),
  -- Reference in the document management plan (dokumenthanteringsplan), e.g. 'DHP 1.4.2'.
  plan_reference text not null check (length(plan_reference) between 1 and 100),
  description text not null check (length(description) between 1 and 1000),
  created_by text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (org_id, id)
);

create table legal_holds (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  reason text not null check (length(reason) between 1 and 1000),
  -- What it covers: every condition given must hold (null = any).
  channel_id uuid,
  post_platform_id text,
  from_at timestamptz,
  to_at timestamptz,
  item_ids uuid[],
  created_by text not null,
  created_at timestamptz not null default now(),
  released_by text,
  released_at timestamptz,
  primary key (org_id, id),
  check (channel_id is not null or post_platform_id is not null or from_at is not null or to_at is not null or item_ids is not null)
);

-- Is the item covered by an active legal hold?
create function item_on_hold(p_org uuid, p_item uuid) returns boolean language sql stable as $$
  select exists (
    select 1 from legal_holds h
      join captured_items i on i.org_id = h.org_id and i.id = p_item
     where h.org_id = p_org and h.released_at is null
       and (h.item_ids is null or p_item = any(h.item_ids))
       and (h.channel_id is null or h.channel_id = i.channel_id)
       and (h.post_platform_id is null or h.post_platform_id = i.post_platform_id or h.post_platform_id = i.platform_item_id)
       and (h.from_at is null or i.first_captured_at >= h.from_at
            or exists (select 1 from capture_versions v where v.org_id = i.org_id and v.item_id = i.id and v.platform_time >= h.from_at))
       and (h.to_at is null or exists (select 1 from capture_versions v where v.org_id = i.org_id and v.item_id = i.id
                                        and coalesce(v.platform_time, v.received_at) <= h.to_at)))
$$;

-- The disposal log per capture link: what the chain needs to verify across
-- the gap (seq, prev_hash, hash) and what was disposed under which rule.
create table disposed_versions (
  org_id uuid not null,
  channel_id uuid not null,
  seq bigint not null,
  version_id uuid not null,
  item_id uuid not null,
  prev_hash text not null,
  hash text not null,
  content_hash text not null,
  delivery_sha256 text,
  rule_id uuid not null,
  run_id uuid not null,
  disposed_by text not null,
  disposed_at timestamptz not null default now(),
  primary key (org_id, channel_id, seq),
  unique (version_id),
  foreign key (org_id, rule_id) references disposal_rules(org_id, id)
);
create index disposed_versions_item on disposed_versions (org_id, item_id);

create function disposal_check_hold() returns trigger language plpgsql as $$
begin
  if item_on_hold(new.org_id, new.item_id) then
    raise exception 'item % is under legal hold: disposal refused', new.item_id using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;
create trigger disposed_versions_hold before insert on disposed_versions for each row execute function disposal_check_hold();
create trigger disposed_versions_append_only before update or delete on disposed_versions for each row execute function refuse_change();
create trigger disposed_versions_no_truncate before truncate on disposed_versions for each statement execute function refuse_change();
revoke update, delete, truncate on disposed_versions from public;

-- Deletion from the capture tables only for what the disposal log holds.
create function refuse_change_unless_disposed() returns trigger language plpgsql as $$
begin
  -- Nested IFs: each branch reads columns only its own table has.
  if tg_op = 'DELETE' then
    if tg_table_name = 'capture_versions' then
      if exists (select 1 from disposed_versions d
                  where d.org_id = old.org_id and d.channel_id = old.channel_id and d.seq = old.seq and d.hash = old.hash) then
        return old;
      end if;
    elsif tg_table_name = 'item_analyses' then
      if exists (select 1 from disposed_versions d where d.org_id = old.org_id and d.version_id = old.version_id) then
        return old;
      end if;
    elsif tg_table_name = 'captured_items' then
      if exists (select 1 from disposed_versions d where d.org_id = old.org_id and d.item_id = old.id)
         and not exists (select 1 from capture_versions v where v.org_id = old.org_id and v.item_id = old.id) then
        return old;
      end if;
    elsif tg_table_name = 'capture_deliveries' then
      if exists (select 1 from disposed_versions d where d.org_id = old.org_id and d.delivery_sha256 = old.body_sha256)
         and not exists (select 1 from capture_versions v where v.org_id = old.org_id and v.delivery_sha256 = old.body_sha256) then
        return old;
      end if;
    end if;
  end if;
  raise exception '% is append-only: % refused (disposal only through the disposal log)', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;

drop trigger capture_versions_append_only on capture_versions;
create trigger capture_versions_append_only before update or delete on capture_versions
  for each row execute function refuse_change_unless_disposed();
drop trigger item_analyses_append_only on item_analyses;
create trigger item_analyses_append_only before update or delete on item_analyses
  for each row execute function refuse_change_unless_disposed();
drop trigger captured_items_append_only on captured_items;
create trigger captured_items_append_only before update or delete on captured_items
  for each row execute function refuse_change_unless_disposed();
drop trigger capture_deliveries_append_only on capture_deliveries;
create trigger capture_deliveries_append_only before update or delete on capture_deliveries
  for each row execute function refuse_change_unless_disposed();
