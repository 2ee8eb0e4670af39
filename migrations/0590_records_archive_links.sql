-- Links the moderation records (decisions and the replies the city wrote,
-- the block list and its lifts, notifications, appeals, police reports) into
-- the archive chain (0400): every row inserted into those append-only tables
-- is copied, in the same transaction, as an entry of its stream. The chain
-- protects the copy; `vaxel records verify` compares every table row with its
-- copy, so a row altered, deleted or slipped in past the triggers (superuser,
-- session_replication_role = replica) is found. Numbered after 0500 because
-- the tables must exist; the mechanism is generic: a table is covered by one
-- row in archive_mirrors and one trigger.

create table archive_mirrors (
  table_name text primary key,
  stream text not null unique,
  key_column text not null
);

-- jsonb renders timestamps in the session's time zone: fix it to UTC so the
-- copy and the comparison always agree.
create function archive_row() returns trigger language plpgsql set timezone = 'UTC' as $$
declare
  v jsonb := to_jsonb(new);
begin
  perform append_archive_entry(new.org_id, tg_argv[0], tg_table_name, v ->> tg_argv[1], v);
  return null;
end $$;

-- The first disagreement between a mirrored table and its stream:
-- 'row_deleted' (an entry without its row), 'row_altered' (the row differs
-- from its copy), 'row_unarchived' (a row without an entry).
create function archive_mirror_diff(p_org uuid, p_table text, p_stream text, p_key text)
returns table (problem text, seq bigint, record_id text, stored jsonb, archived jsonb)
language plpgsql stable set timezone = 'UTC' as $$
begin
  return query execute format(
    $q$select case when t.%2$I is null then 'row_deleted' else 'row_altered' end, a.seq, a.record_id, to_jsonb(t), a.payload
         from archive_entries a left join %1$I t on t.org_id = a.org_id and t.%2$I::text = a.record_id
        where a.org_id = $1 and a.stream = $2 and (t.%2$I is null or to_jsonb(t) <> a.payload)
        order by a.seq limit 1$q$, p_table, p_key) using p_org, p_stream;
  if found then return; end if;
  return query execute format(
    $q$select 'row_unarchived'::text, null::bigint, t.%2$I::text, to_jsonb(t), null::jsonb from %1$I t
        where t.org_id = $1 and not exists (select 1 from archive_entries a
                where a.org_id = t.org_id and a.stream = $2 and a.record_id = t.%2$I::text)
        limit 1$q$, p_table, p_key) using p_org, p_stream;
end $$;

insert into archive_mirrors (table_name, stream, key_column) values
  ('moderation_decisions', 'moderation.decisions', 'id'),
  ('moderation_bans', 'moderation.blocklist', 'id'),
  ('moderation_ban_lifts', 'moderation.blocklist-lifts', 'ban_id'),
  ('moderation_notifications', 'moderation.notifications', 'id'),
  ('moderation_appeals', 'moderation.appeals', 'id'),
  ('moderation_appeal_outcomes', 'moderation.appeal-outcomes', 'appeal_id'),
  ('police_reports', 'moderation.police-reports', 'id'),
  ('police_report_events', 'moderation.police-report-events', 'seq');

-- Triggers, and a backfill of rows that exist already (in insertion order as
-- far as it is known), for each mirrored table that has its key column.
do $$
declare
  m record;
  r record;
  order_col text;
begin
  for m in select * from archive_mirrors loop
    if not exists (select 1 from information_schema.columns where table_name = m.table_name and column_name = m.key_column) then
      delete from archive_mirrors where table_name = m.table_name;
      continue;
    end if;
    execute format('create trigger %I after insert on %I for each row execute function archive_row(%L, %L)',
                   m.table_name || '_archive', m.table_name, m.stream, m.key_column);
    order_col := case when exists (select 1 from information_schema.columns where table_name = m.table_name and column_name = 'at') then 'at' else m.key_column end;
    set local timezone = 'UTC';
    for r in execute format('select org_id, %I::text as k, to_jsonb(t) as v from %I t order by %I', m.key_column, m.table_name, order_col) loop
      perform append_archive_entry(r.org_id, m.stream, m.table_name, r.k, r.v);
    end loop;
  end loop;
end $$;
