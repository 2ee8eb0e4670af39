-- Each archive stream's head (last seq and hash) kept in a row of its own, so
-- an append reads and writes one primary-key row whatever the stream's
-- length. The lookup of the head in archive_entries (0400: order by seq desc
-- limit 1) became slower as a stream grew when it ran inside a long writing
-- transaction: a bulk job of 20,000 decisions went from 0.5 ms to ~5 ms per
-- append (bulk-delete batches of 500 from 0.3 s to 6 s). The row lock on the
-- head serialises the writers of one stream as the advisory lock did.
--
-- The head is a cache: the chain is still only in archive_entries and
-- `vaxel records verify` checks every link there, so a head altered in SQL
-- makes the next entry link to the wrong hash, which verify reports.
create table archive_heads (
  org_id uuid not null references organisations(id),
  stream text not null,
  seq bigint not null check (seq > 0),
  hash text not null,
  primary key (org_id, stream)
);

insert into archive_heads (org_id, stream, seq, hash)
select distinct on (org_id, stream) org_id, stream, seq, hash
  from archive_entries order by org_id, stream, seq desc;

create or replace function append_archive_entry(p_org uuid, p_stream text, p_record_type text, p_record_id text, p_payload jsonb)
returns table (seq bigint, hash text) language plpgsql as $$
declare
  v_prev text;
  v_seq bigint;
  v_id uuid := gen_random_uuid();
  v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_hash text;
begin
  select h.seq, h.hash into v_seq, v_prev from archive_heads h
   where h.org_id = p_org and h.stream = p_stream for update;
  if not found then
    -- A new stream (or a head row lost): start from the entries, once.
    perform pg_advisory_xact_lock(hashtextextended('archive:' || p_org::text || ':' || p_stream, 0));
    select a.seq, a.hash into v_seq, v_prev from archive_entries a
     where a.org_id = p_org and a.stream = p_stream order by a.seq desc limit 1;
    if v_seq is not null then
      insert into archive_heads (org_id, stream, seq, hash) values (p_org, p_stream, v_seq, v_prev)
      on conflict (org_id, stream) do nothing;
      select h.seq, h.hash into v_seq, v_prev from archive_heads h
       where h.org_id = p_org and h.stream = p_stream for update;
    end if;
  end if;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, 'genesis');
  v_hash := archive_entry_hash(v_prev, p_org, p_stream, v_seq, v_id, v_at, p_record_type, p_record_id, p_payload);
  insert into archive_entries (org_id, stream, seq, id, at, record_type, record_id, payload, prev_hash, hash)
  values (p_org, p_stream, v_seq, v_id, v_at, p_record_type, p_record_id, p_payload, v_prev, v_hash);
  insert into archive_heads (org_id, stream, seq, hash) values (p_org, p_stream, v_seq, v_hash)
  on conflict (org_id, stream) do update set seq = excluded.seq, hash = excluded.hash;
  return query select v_seq, v_hash;
end $$;
