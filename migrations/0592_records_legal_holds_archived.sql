-- Legal holds and their releases (append-only since 0475) are copied on
-- insert into archive streams, the generic archive_mirrors mechanism of 0590:
-- `vaxel records verify` then compares every hold and release with its
-- archived copy. Rows that exist already are archived here in the order they
-- were made.

insert into archive_mirrors (table_name, stream, key_column) values
  ('legal_holds', 'records.legal-holds', 'id'),
  ('legal_hold_releases', 'records.legal-hold-releases', 'hold_id');

create trigger legal_holds_archive after insert on legal_holds
  for each row execute function archive_row('records.legal-holds', 'id');
create trigger legal_hold_releases_archive after insert on legal_hold_releases
  for each row execute function archive_row('records.legal-hold-releases', 'hold_id');

do $$
declare
  r record;
begin
  set local timezone = 'UTC';
  for r in select org_id, id::text as k, to_jsonb(t) as v from legal_holds t order by created_at, id loop
    perform append_archive_entry(r.org_id, 'records.legal-holds', 'legal_holds', r.k, r.v);
  end loop;
  for r in select org_id, hold_id::text as k, to_jsonb(t) as v from legal_hold_releases t order by released_at, hold_id loop
    perform append_archive_entry(r.org_id, 'records.legal-hold-releases', 'legal_hold_releases', r.k, r.v);
  end loop;
end $$;
