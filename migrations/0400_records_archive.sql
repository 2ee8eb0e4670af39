-- Records archive: a generic append-only, hash-chained stream for every public
-- record that is not a captured platform item (moderation decisions, replies
-- the city wrote, block lists, registrations, the disposal log), and signed
-- checkpoints of every chain's head so that cutting off a chain's tail is
-- detected too (a hash chain alone cannot tell a truncated chain from a short
-- one). `vaxel records verify` checks all of it.

-- One chain per (organisation, stream). Modules append through
-- append_archive_entry() so the seq/prev_hash logic lives in one place.
create table archive_entries (
  org_id uuid not null references organisations(id),
  -- e.g. 'moderation.decisions', 'moderation.replies', 'moderation.blocklist',
  -- 'records.registrations', 'records.disposal'.
  stream text not null check (stream ~ '^[a-z][a-z0-9_.:-]{0,62}$'),
  seq bigint not null check (seq > 0),
  id uuid not null default gen_random_uuid(),
  at timestamptz not null,
  record_type text not null check (length(record_type) between 1 and 100),
  record_id text not null check (length(record_id) between 1 and 300),
  payload jsonb not null,
  prev_hash text not null,
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  primary key (org_id, stream, seq),
  unique (id)
);
create index archive_entries_record on archive_entries (org_id, record_type, record_id);

-- The canonical text a link covers (jsonb::text is deterministic: keys sorted).
create function archive_entry_hash(
  p_prev text, p_org uuid, p_stream text, p_seq bigint, p_id uuid, p_at timestamptz,
  p_record_type text, p_record_id text, p_payload jsonb
) returns text language sql immutable as $$
  select encode(sha256(convert_to(
    concat_ws(E'\x1f', p_prev, p_org::text, p_stream, p_seq::text, p_id::text,
      to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      p_record_type, p_record_id, p_payload::text),
    'UTF8')), 'hex')
$$;

-- Appends one entry to a stream inside the caller's transaction. One writer
-- per stream at a time (advisory lock until commit): the link needs its
-- predecessor.
create function append_archive_entry(p_org uuid, p_stream text, p_record_type text, p_record_id text, p_payload jsonb)
returns table (seq bigint, hash text) language plpgsql as $$
declare
  v_prev text;
  v_seq bigint;
  v_id uuid := gen_random_uuid();
  v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_hash text;
begin
  perform pg_advisory_xact_lock(hashtextextended('archive:' || p_org::text || ':' || p_stream, 0));
  select a.seq, a.hash into v_seq, v_prev from archive_entries a
   where a.org_id = p_org and a.stream = p_stream order by a.seq desc limit 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, 'genesis');
  v_hash := archive_entry_hash(v_prev, p_org, p_stream, v_seq, v_id, v_at, p_record_type, p_record_id, p_payload);
  insert into archive_entries (org_id, stream, seq, id, at, record_type, record_id, payload, prev_hash, hash)
  values (p_org, p_stream, v_seq, v_id, v_at, p_record_type, p_record_id, p_payload, v_prev, v_hash);
  return query select v_seq, v_hash;
end $$;

create trigger archive_entries_append_only before update or delete on archive_entries
  for each row execute function refuse_change();
create trigger archive_entries_no_truncate before truncate on archive_entries
  for each statement execute function refuse_change();
revoke update, delete, truncate on archive_entries from public;

-- Checkpoints: at intervals, the head (seq + hash) of every chain — each
-- channel's capture chain, the audit chain, each archive stream — is recorded
-- with an HMAC made with a key the database does not hold (derived from the
-- installation's encryption key). Someone who can write SQL can neither cut a
-- chain back below a checkpoint nor forge a new checkpoint to hide it.
-- The checkpoints form a chain of their own.
create table records_checkpoints (
  org_id uuid not null references organisations(id),
  seq bigint not null check (seq > 0),
  at timestamptz not null,
  chain text not null check (chain in ('capture', 'audit', 'archive')),
  -- channel id for capture, '' for audit, the stream name for archive
  chain_key text not null,
  head_seq bigint not null check (head_seq >= 0),
  head_hash text not null,
  signature text not null check (signature ~ '^[0-9a-f]{64}$'),
  prev_hash text not null,
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  primary key (org_id, seq)
);
create index records_checkpoints_chain on records_checkpoints (org_id, chain, chain_key, head_seq desc);

create function records_checkpoint_hash(
  p_prev text, p_org uuid, p_seq bigint, p_at timestamptz, p_chain text, p_chain_key text,
  p_head_seq bigint, p_head_hash text, p_signature text
) returns text language sql immutable as $$
  select encode(sha256(convert_to(
    concat_ws(E'\x1f', p_prev, p_org::text, p_seq::text,
      to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      p_chain, p_chain_key, p_head_seq::text, p_head_hash, p_signature),
    'UTF8')), 'hex')
$$;

create trigger records_checkpoints_append_only before update or delete on records_checkpoints
  for each row execute function refuse_change();
create trigger records_checkpoints_no_truncate before truncate on records_checkpoints
  for each statement execute function refuse_change();
revoke update, delete, truncate on records_checkpoints from public;
