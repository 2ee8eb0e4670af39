-- Records capture: every post and comment from the city's accounts, and every
-- version of it (add, edit, removal, hide state), stored on arrival before any
-- action. Removing content from the platform counts as disposal (gallring)
-- unless a copy is kept (Arkivlagen), so these tables are append-only, enforced
-- here in PostgreSQL like audit_events.

-- The raw bodies as they arrived (webhook deliveries, API pages from polling,
-- backfill and export files), byte for byte: a webhook's signature can be
-- checked again later against its app secret. Keyed by the body's SHA-256, so
-- a redelivered body is stored once.
create table capture_deliveries (
  org_id uuid not null references organisations(id),
  body_sha256 text not null check (body_sha256 ~ '^[0-9a-f]{64}$'),
  platform text not null,
  source text not null check (source in ('webhook', 'poll', 'backfill', 'import', 'pre_action')),
  received_at timestamptz not null,
  signature text,
  body bytea not null,
  primary key (org_id, body_sha256)
);

-- One row per platform item (post, comment, reply, mention), created by the
-- first version that mentions it, whatever its kind (an edit may come first).
create table captured_items (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  channel_id uuid not null,
  platform text not null,
  platform_item_id text not null check (length(platform_item_id) between 1 and 300),
  kind text not null check (kind in ('post', 'comment', 'reply', 'mention')),
  post_platform_id text,
  parent_platform_id text,
  first_captured_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id),
  unique (org_id, channel_id, platform_item_id),
  foreign key (org_id, channel_id) references channels(org_id, id)
);

-- Every version of every item, in one hash chain per channel (seq 1, 2, …).
-- `raw` is the canonical JSON (keys sorted) of the platform's own fragment for
-- this version; `content_hash` = SHA-256 of it; `hash` links the row to the
-- previous one (capture_version_hash below). Idempotent on
-- (channel, platform item, version_key): a redelivery never adds a row.
create table capture_versions (
  org_id uuid not null,
  channel_id uuid not null,
  seq bigint not null check (seq > 0),
  id uuid not null default gen_random_uuid(),
  item_id uuid not null,
  platform_item_id text not null,
  version_key text not null,
  event text not null check (event in ('add', 'edit', 'remove', 'hide', 'unhide', 'snapshot')),
  source text not null check (source in ('webhook', 'poll', 'backfill', 'import', 'pre_action')),
  -- When the platform says the change happened (null when it does not say).
  platform_time timestamptz,
  -- When Växel received the delivery that carried it.
  received_at timestamptz not null,
  author_platform_id text,
  author_name text,
  -- null for a removal event (Facebook's `remove` carries no text).
  text text,
  -- Hide state as known with this version; null when the event does not tell.
  hidden boolean,
  url text,
  delivery_sha256 text,
  raw text not null,
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  prev_hash text not null,
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  primary key (org_id, channel_id, seq),
  unique (id),
  unique (org_id, channel_id, platform_item_id, version_key),
  foreign key (org_id, item_id) references captured_items(org_id, id),
  foreign key (org_id, delivery_sha256) references capture_deliveries(org_id, body_sha256)
);
create index capture_versions_item on capture_versions (org_id, item_id, seq);
create index capture_versions_received on capture_versions (org_id, received_at);

-- The canonical text a link's hash covers: fields joined by the unit separator,
-- timestamps in UTC with microseconds, null as the empty string except for
-- `hidden` (t / f / n). Computed in the application when inserting (several
-- links per transaction) and recomputed here by verification; a test keeps the
-- two identical.
create function capture_version_hash(
  p_prev text, p_org uuid, p_channel uuid, p_seq bigint, p_id uuid, p_item uuid, p_platform_item_id text,
  p_version_key text, p_event text, p_source text, p_platform_time timestamptz, p_received_at timestamptz,
  p_author_platform_id text, p_author_name text, p_text text, p_hidden boolean, p_url text,
  p_delivery_sha256 text, p_content_hash text
) returns text language sql immutable as $$
  select encode(sha256(convert_to(
    concat_ws(E'\x1f', p_prev, p_org::text, p_channel::text, p_seq::text, p_id::text, p_item::text, p_platform_item_id,
      p_version_key, p_event, p_source,
      coalesce(to_char(p_platform_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ''),
      to_char(p_received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      coalesce(p_author_platform_id, ''), coalesce(p_author_name, ''), coalesce(p_text, ''),
      case when p_hidden is null then 'n' when p_hidden then 't' else 'f' end,
      coalesce(p_url, ''), coalesce(p_delivery_sha256, ''), p_content_hash),
    'UTF8')), 'hex')
$$;

-- Current state of each item, derived from its versions: the latest event by
-- platform time (an edit that arrived before its add still wins), the latest
-- known text (a removal keeps the last text we captured) and hide state.
create view captured_item_state as
select i.org_id, i.id as item_id, i.channel_id, i.platform, i.platform_item_id, i.kind, i.post_platform_id,
       i.parent_platform_id, i.first_captured_at,
       last.event as last_event, last.platform_time as last_platform_time,
       (last.event = 'remove') as removed,
       coalesce(hid.hidden, false) as hidden,
       txt.text, txt.author_platform_id, txt.author_name, txt.url, txt.version_id as text_version_id,
       (select count(*) from capture_versions c where c.org_id = i.org_id and c.item_id = i.id) as versions
from captured_items i
cross join lateral (
  select v.event, v.platform_time from capture_versions v
  where v.org_id = i.org_id and v.item_id = i.id
  order by v.platform_time desc nulls last, v.seq desc limit 1) last
left join lateral (
  select v.text, v.author_platform_id, v.author_name, v.url, v.id as version_id from capture_versions v
  where v.org_id = i.org_id and v.item_id = i.id and v.text is not null
  order by v.platform_time desc nulls last, v.seq desc limit 1) txt on true
left join lateral (
  select v.hidden from capture_versions v
  where v.org_id = i.org_id and v.item_id = i.id and v.hidden is not null
  order by v.platform_time desc nulls last, v.seq desc limit 1) hid on true;

-- Findings of the analyzer per captured version and page-rules version, for
-- the moderation queue. Re-analysis under new rules adds rows; none change.
create table item_analyses (
  org_id uuid not null,
  version_id uuid not null references capture_versions(id),
  item_id uuid not null,
  channel_id uuid not null,
  page_rules_version text not null,
  analyzer_version text not null,
  analysed_at timestamptz not null default now(),
  labels text[] not null,
  action text not null check (action in ('none', 'review', 'hide', 'hide_escalate')),
  findings jsonb not null,
  primary key (org_id, version_id, page_rules_version)
);
create index item_analyses_item on item_analyses (org_id, item_id);
create index item_analyses_open on item_analyses (org_id, analysed_at) where action <> 'none';

-- Work list of captured versions waiting for the analyzer (a queue, not a
-- record: rows are deleted when their analysis commits).
create table capture_analysis_queue (
  org_id uuid not null,
  version_id uuid not null,
  enqueued_at timestamptz not null default now(),
  primary key (org_id, version_id)
);

create trigger capture_deliveries_append_only before update or delete on capture_deliveries
  for each row execute function refuse_change();
create trigger capture_deliveries_no_truncate before truncate on capture_deliveries
  for each statement execute function refuse_change();
create trigger captured_items_append_only before update or delete on captured_items
  for each row execute function refuse_change();
create trigger captured_items_no_truncate before truncate on captured_items
  for each statement execute function refuse_change();
create trigger capture_versions_append_only before update or delete on capture_versions
  for each row execute function refuse_change();
create trigger capture_versions_no_truncate before truncate on capture_versions
  for each statement execute function refuse_change();
create trigger item_analyses_append_only before update or delete on item_analyses
  for each row execute function refuse_change();
create trigger item_analyses_no_truncate before truncate on item_analyses
  for each statement execute function refuse_change();
revoke update, delete, truncate on capture_deliveries, captured_items, capture_versions, item_analyses from public;
