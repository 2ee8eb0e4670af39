-- Directory (serviceguide): one source of contact information that every
-- channel reads. The tenant (org_id) leads every key.
--
-- Editorial model: each entity has versions. A version is a draft (at most one
-- per entity, the working copy) or published with an `effective_at`: the live
-- version is the latest published one whose effective_at has passed, so "new
-- number from 1 January" is a published version dated 1 January that goes
-- live by itself. A deletion is a tombstone version (deleted = true) that is
-- published like any other change. Restore writes a new version copying an
-- old one; nothing is ever overwritten except a draft.

create table dir_entities (
  org_id uuid not null references organisations(id),
  id uuid not null,
  kind text not null check (kind in ('profile', 'unit', 'contact_point', 'service', 'external_actor')),
  created_at timestamptz not null default now(),
  primary key (org_id, id)
);

-- Columns every version table shares (kept identical by hand: the union view
-- below and the repository rely on them).
--   state        draft | published
--   deleted      tombstone (content copied from the version it deletes)
--   effective_at when a published version goes live; null for drafts

create table dir_profile_versions (
  org_id uuid not null,
  id uuid not null,
  version int not null check (version > 0),
  state text not null check (state in ('draft', 'published')),
  deleted boolean not null default false,
  effective_at timestamptz,
  created_at timestamptz not null default now(),
  created_by text not null,
  published_at timestamptz,
  published_by text,
  name text not null,
  description text,
  county text,
  domains text[] not null default '{}',
  number_series jsonb not null default '[]',
  contact_center_unit_id uuid,
  website_url text,
  calendar jsonb not null,
  time_zone text not null default 'Europe/Stockholm',
  primary key (org_id, id, version),
  foreign key (org_id, id) references dir_entities(org_id, id),
  check ((state = 'published') = (effective_at is not null))
);

create table dir_unit_versions (
  org_id uuid not null,
  id uuid not null,
  version int not null check (version > 0),
  state text not null check (state in ('draft', 'published')),
  deleted boolean not null default false,
  effective_at timestamptz,
  created_at timestamptz not null default now(),
  created_by text not null,
  published_at timestamptz,
  published_by text,
  parent_id uuid,
  unit_kind text not null check (unit_kind in ('forvaltning', 'verksamhet', 'enhet')),
  name text not null,
  description text,
  owner_role text,
  opening_hours jsonb,
  primary key (org_id, id, version),
  foreign key (org_id, id) references dir_entities(org_id, id),
  check ((state = 'published') = (effective_at is not null))
);

-- A contact point is functional (never a person's): the principles refuse
-- personal mailboxes, names and unconfirmed mobiles before a row is written.
create table dir_contact_point_versions (
  org_id uuid not null,
  id uuid not null,
  version int not null check (version > 0),
  state text not null check (state in ('draft', 'published')),
  deleted boolean not null default false,
  effective_at timestamptz,
  created_at timestamptz not null default now(),
  created_by text not null,
  published_at timestamptz,
  published_by text,
  unit_id uuid not null,
  cp_kind text not null check (cp_kind in ('email', 'phone', 'visiting_address', 'postal_address', 'web', 'chat', 'social')),
  label text,
  is_primary boolean not null default false,
  email_address text,
  phone_number text,
  phone_e164 text,
  phone_display text,
  mobile_confirmation jsonb,
  street text,
  postcode text,
  town text,
  care_of text,
  url text,
  platform text,
  opening_hours jsonb,
  review_interval_months int not null default 12 check (review_interval_months between 1 and 60),
  primary key (org_id, id, version),
  foreign key (org_id, id) references dir_entities(org_id, id),
  check ((state = 'published') = (effective_at is not null)),
  check (cp_kind <> 'email' or email_address is not null),
  check (cp_kind <> 'phone' or phone_number is not null),
  check (cp_kind not in ('visiting_address', 'postal_address') or (street is not null and postcode is not null and town is not null)),
  check (cp_kind not in ('web', 'chat', 'social') or url is not null)
);

create table dir_service_versions (
  org_id uuid not null,
  id uuid not null,
  version int not null check (version > 0),
  state text not null check (state in ('draft', 'published')),
  deleted boolean not null default false,
  effective_at timestamptz,
  created_at timestamptz not null default now(),
  created_by text not null,
  published_at timestamptz,
  published_by text,
  name text not null,
  description text,
  owner_unit_id uuid not null,
  first_line text not null check (first_line in ('contact_center', 'unit')),
  routing_unit_id uuid,
  fallback_unit_ids uuid[] not null default '{}',
  service_status text not null default 'active' check (service_status in ('active', 'inactive')),
  external_actor_ids uuid[] not null default '{}',
  web_url text,
  opening_hours jsonb,
  primary key (org_id, id, version),
  foreign key (org_id, id) references dir_entities(org_id, id),
  check ((state = 'published') = (effective_at is not null))
);

-- External actors (other authorities, companies, contractors): name and
-- website ONLY. There is deliberately no column for a phone, an e-mail or an
-- address: "we only refer to their own websites".
create table dir_external_actor_versions (
  org_id uuid not null,
  id uuid not null,
  version int not null check (version > 0),
  state text not null check (state in ('draft', 'published')),
  deleted boolean not null default false,
  effective_at timestamptz,
  created_at timestamptz not null default now(),
  created_by text not null,
  published_at timestamptz,
  published_by text,
  name text not null,
  website_url text not null,
  description text,
  primary key (org_id, id, version),
  foreign key (org_id, id) references dir_entities(org_id, id),
  check ((state = 'published') = (effective_at is not null))
);

-- At most one draft per entity; fast "live version" lookups.
create unique index dir_profile_one_draft on dir_profile_versions (org_id, id) where state = 'draft';
create unique index dir_unit_one_draft on dir_unit_versions (org_id, id) where state = 'draft';
create unique index dir_cp_one_draft on dir_contact_point_versions (org_id, id) where state = 'draft';
create unique index dir_service_one_draft on dir_service_versions (org_id, id) where state = 'draft';
create unique index dir_actor_one_draft on dir_external_actor_versions (org_id, id) where state = 'draft';
create index dir_profile_live on dir_profile_versions (org_id, id, effective_at desc, version desc) where state = 'published';
create index dir_unit_live on dir_unit_versions (org_id, id, effective_at desc, version desc) where state = 'published';
create index dir_cp_live on dir_contact_point_versions (org_id, id, effective_at desc, version desc) where state = 'published';
create index dir_service_live on dir_service_versions (org_id, id, effective_at desc, version desc) where state = 'published';
create index dir_actor_live on dir_external_actor_versions (org_id, id, effective_at desc, version desc) where state = 'published';

-- Every version of every kind, for the live-state sync and "what is scheduled".
create view dir_all_versions as
  select org_id, id, 'profile'::text as kind, version, state, deleted, effective_at from dir_profile_versions
  union all select org_id, id, 'unit', version, state, deleted, effective_at from dir_unit_versions
  union all select org_id, id, 'contact_point', version, state, deleted, effective_at from dir_contact_point_versions
  union all select org_id, id, 'service', version, state, deleted, effective_at from dir_service_versions
  union all select org_id, id, 'external_actor', version, state, deleted, effective_at from dir_external_actor_versions;

-- Review ("senast granskad"): separate from the versions on purpose, since a
-- review may change nothing and must not create a new version.
create table dir_verifications (
  org_id uuid not null,
  contact_point_id uuid not null,
  verified_at timestamptz not null,
  verified_by text not null,
  primary key (org_id, contact_point_id),
  foreign key (org_id, contact_point_id) references dir_entities(org_id, id)
);

-- The live pointer as last synced: the change feed is the difference between
-- this and the derived live state, so a scheduled version that goes live by
-- itself appears in the feed (and webhooks) when the sync notices it.
create table dir_live (
  org_id uuid not null,
  id uuid not null,
  kind text not null,
  version int not null,
  primary key (org_id, id)
);

create table dir_feed_state (
  org_id uuid primary key references organisations(id),
  last_seq bigint not null default 0,
  synced_at timestamptz,
  -- The next scheduled effective_at: the sync runs again then.
  next_effective_at timestamptz
);
create index dir_feed_state_due on dir_feed_state (next_effective_at) where next_effective_at is not null;

-- The change feed: a monotonic sequence per organisation; deletions stay as
-- tombstones (op = 'delete') so consumers can remove what they copied.
create table dir_changes (
  org_id uuid not null,
  seq bigint not null,
  id uuid not null,
  kind text not null,
  op text not null check (op in ('upsert', 'delete')),
  version int not null,
  at timestamptz not null default now(),
  primary key (org_id, seq)
);

-- Search over the published directory with Swedish stemming.
create table dir_search (
  org_id uuid not null,
  id uuid not null,
  kind text not null check (kind in ('unit', 'service', 'external_actor')),
  title text not null,
  body text not null default '',
  unit_id uuid,
  tsv tsvector generated always as (
    setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', body), 'B')
  ) stored,
  primary key (org_id, id)
);
create index dir_search_tsv on dir_search using gin (tsv);

-- Outgoing webhooks: the secret is encrypted at rest (platform/secrets.ts).
create table dir_webhooks (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  url text not null,
  secret_enc text not null,
  description text not null default '',
  created_at timestamptz not null default now(),
  disabled_at timestamptz,
  primary key (org_id, id)
);

-- The delivery log and job queue in one: workers claim due rows with
-- FOR UPDATE SKIP LOCKED, so several processes never send one delivery twice
-- at once.
create table dir_webhook_deliveries (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  webhook_id uuid not null,
  body text not null,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_status int,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  primary key (org_id, id),
  foreign key (org_id, webhook_id) references dir_webhooks(org_id, id) on delete cascade
);
create index dir_webhook_deliveries_due on dir_webhook_deliveries (next_attempt_at) where state = 'pending';

-- "Where used": host pages that embed a unit's card (from Referer or an
-- explicit parameter); each contact point lists the pages its unit is shown on.
create table dir_embed_usage (
  org_id uuid not null,
  unit_id uuid not null,
  embed text not null check (embed in ('html', 'iframe', 'component', 'json', 'vcard')),
  host_url text not null check (length(host_url) <= 2000),
  first_seen timestamptz not null default now(),
  last_seen timestamptz not null default now(),
  hits bigint not null default 1,
  primary key (org_id, unit_id, embed, host_url)
);

-- Review reminders sent, so several processes and repeated runs remind once per period.
create table dir_reminders (
  org_id uuid not null,
  contact_point_id uuid not null,
  due_date date not null,
  sent_at timestamptz not null default now(),
  recipients text[] not null,
  primary key (org_id, contact_point_id, due_date)
);
