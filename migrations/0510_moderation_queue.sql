-- The open queue as a projection (a cache of derived state, not a record):
-- one row per item whose decision events and latest analysis need a person.
-- Keeps listing cheap and pageable (keyset) at any volume; the events stay
-- the truth (domain/state.ts derives the view, use-cases/refresh-queue.ts
-- writes it).
create table moderation_queue (
  org_id uuid not null,
  item_id uuid not null,
  channel_id uuid not null,
  view text not null check (view in ('needs_review', 'auto_hidden', 'escalated', 'pending_confirmation', 'questions')),
  severity double precision not null,
  -- The sort key: severity descending, then oldest first. Stored negated so one
  -- ascending index and one row comparison serve keyset paging.
  rank double precision not null,
  captured_at timestamptz not null,
  -- Analysis labels and the rules cited by decisions (the category filter).
  categories text[] not null default '{}',
  criticism boolean not null default false,
  last_review_at timestamptz,
  refreshed_at timestamptz not null default now(),
  primary key (org_id, item_id)
);
create index moderation_queue_page on moderation_queue (org_id, view, rank, captured_at, item_id);

-- Items whose projection row must be recomputed. Filled by triggers on new
-- analyses and new decisions, whichever process (server, CLI, demo simulate)
-- wrote them; drained by any process. `mark` changes on every re-mark so a
-- drain never clears a mark newer than what it computed from.
create sequence moderation_queue_dirty_mark;
create table moderation_queue_dirty (
  org_id uuid not null,
  item_id uuid not null,
  mark bigint not null default nextval('moderation_queue_dirty_mark'),
  primary key (org_id, item_id)
);

-- Statement level: a flood of 20,000 analyses in one statement is one trigger
-- call and one notification per organisation (payload: the org id only).
create function moderation_queue_mark() returns trigger language plpgsql as $$
declare o uuid;
begin
  insert into moderation_queue_dirty (org_id, item_id)
  select distinct org_id, item_id from new_rows
  on conflict (org_id, item_id) do update set mark = nextval('moderation_queue_dirty_mark');
  for o in select distinct org_id from new_rows loop
    perform pg_notify('vaxel_moderation_dirty', o::text);
  end loop;
  return null;
end $$;

create trigger item_analyses_queue_mark after insert on item_analyses
  referencing new table as new_rows for each statement execute function moderation_queue_mark();
create trigger moderation_decisions_queue_mark after insert on moderation_decisions
  referencing new table as new_rows for each statement execute function moderation_queue_mark();

-- Existing installations: every item that may be open is computed on the
-- first listing (no data is changed, only the cache is seeded).
insert into moderation_queue_dirty (org_id, item_id)
select distinct org_id, item_id from item_analyses
union
select distinct org_id, item_id from moderation_decisions
on conflict do nothing;
