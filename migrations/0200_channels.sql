-- Channels: the city's accounts on the social platforms, their encrypted
-- credentials, runtime state for polling and quotas, and the outbox of actions
-- Växel takes back on the platforms.

create table channels (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  platform text not null check (platform in ('facebook', 'instagram', 'youtube', 'linkedin', 'mastodon')),
  -- The account's id on the platform: Facebook Page id, Instagram professional
  -- account id, YouTube channel id, LinkedIn organisation URN, Mastodon account id.
  external_id text not null check (length(external_id) between 1 and 300),
  name text not null check (length(name) between 1 and 200),
  url text,
  -- Owning unit in the directory; null until the directory links it.
  unit_id uuid,
  -- Version of the published page rules that apply on this account.
  page_rules_version text not null default 'default-1',
  -- Platform API base URL; null means the platform's own (set for emulators and tests).
  api_base_url text,
  -- AES-256-GCM ciphertext of a JSON object with the platform credentials
  -- (app secret, verify token, access token, …). Never returned by the API.
  credentials text not null,
  credentials_rotated_at timestamptz not null default now(),
  -- Profile contact details as published on the account, taken from the directory.
  contact jsonb not null default '{}',
  listed boolean not null default true,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id),
  -- A platform account belongs to one organisation: webhooks are routed by it.
  unique (platform, external_id)
);
create index channels_unit on channels (org_id, unit_id);

-- Mutable runtime state per channel (not a record): polling cursors, the
-- YouTube quota budget, and a pause after the platform answered 429.
create table channel_state (
  org_id uuid not null,
  channel_id uuid not null,
  cursor jsonb not null default '{}',
  quota_day date,
  quota_used int not null default 0,
  throttled_until timestamptz,
  last_poll_at timestamptz,
  last_error text,
  primary key (org_id, channel_id),
  foreign key (org_id, channel_id) references channels(org_id, id)
);
