-- The work list of automatic actions (page rules: hide at once, hide and
-- escalate). It was "every analysis asking for hide that no system decision
-- answers", recomputed on every run: a scan of all such analyses in history,
-- growing without end. Now a row per analysed version asking for it, written
-- in the transaction that stores the analysis (so crash-safe as before) and
-- removed in the transaction that acts on it (or when a person's pending
-- decision leaves it to people).
create table moderation_auto_pending (
  org_id uuid not null,
  version_id uuid not null,
  item_id uuid not null,
  analysed_at timestamptz not null,
  primary key (org_id, version_id),
  foreign key (org_id, item_id) references captured_items (org_id, id) on delete cascade
);
create index moderation_auto_pending_order on moderation_auto_pending (analysed_at);

create function moderation_auto_pending_mark() returns trigger language plpgsql as $$
begin
  insert into moderation_auto_pending (org_id, version_id, item_id, analysed_at)
  select distinct on (org_id, version_id) org_id, version_id, item_id, analysed_at
    from new_rows where action in ('hide', 'hide_escalate')
   order by org_id, version_id, analysed_at
  on conflict (org_id, version_id) do nothing;
  return null;
end $$;

create trigger item_analyses_auto_pending after insert on item_analyses
  referencing new table as new_rows for each statement execute function moderation_auto_pending_mark();

-- What earlier installations have not acted on yet.
insert into moderation_auto_pending (org_id, version_id, item_id, analysed_at)
select distinct on (a.org_id, a.version_id) a.org_id, a.version_id, a.item_id, a.analysed_at
  from item_analyses a
 where a.action in ('hide', 'hide_escalate')
   and exists (select 1 from captured_items i where i.org_id = a.org_id and i.id = a.item_id)
   and not exists (select 1 from moderation_decisions d where d.org_id = a.org_id and d.item_id = a.item_id and d.version_id = a.version_id and d.actor_id is null)
 order by a.org_id, a.version_id, a.analysed_at
on conflict do nothing;
