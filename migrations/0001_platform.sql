-- Platform: tenants (organisations), access control and the audit trail.
-- Tenancy: the organisation id is part of every table's key and every query,
-- so one installation can serve several municipalities (and records tables can
-- later be partitioned or distributed by tenant).

create extension if not exists pgcrypto;

create table organisations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  domains text[] not null default '{}',
  created_at timestamptz not null default now()
);

create table users (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  username text not null check (length(username) between 1 and 200),
  display_name text not null default '',
  email text,
  password_hash text,               -- argon2id; null for single-sign-on users
  oidc_issuer text,
  oidc_subject text,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id),
  unique (org_id, username),
  unique (org_id, oidc_issuer, oidc_subject)
);

-- Roles per unit: unit_id null means the whole organisation.
create table role_assignments (
  org_id uuid not null,
  user_id uuid not null,
  role text not null check (role in ('admin', 'editor', 'moderator', 'registrar', 'viewer')),
  unit_id uuid,
  created_at timestamptz not null default now(),
  foreign key (org_id, user_id) references users(org_id, id) on delete cascade
);
create unique index role_assignments_unique on role_assignments (org_id, user_id, role, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'));

-- Login sessions live in PostgreSQL so that any Växel process can serve any
-- request. Only a hash of the cookie value is stored.
create table sessions (
  org_id uuid not null,
  id_hash text not null,
  user_id uuid not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (org_id, id_hash),
  unique (id_hash),
  foreign key (org_id, user_id) references users(org_id, id) on delete cascade
);
create index sessions_expiry on sessions (expires_at);

-- API tokens for machine clients: hashed, scoped, expiring, revocable.
create table api_tokens (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  token_hash text not null unique,
  scopes text[] not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, user_id) references users(org_id, id) on delete cascade
);

-- The audit trail: append-only, chained by hash per organisation. It is a
-- public record, so the database itself refuses UPDATE, DELETE and TRUNCATE
-- (not only the application code).
create table audit_events (
  org_id uuid not null references organisations(id),
  seq bigint not null,
  id uuid not null default gen_random_uuid(),
  at timestamptz not null,
  actor_id uuid,                 -- null: the system
  actor_label text not null,     -- username or 'system', kept as it was at the time
  action text not null,
  target_type text not null,
  target_id text,
  before jsonb,
  after jsonb,
  request_id text,
  prev_hash text not null,
  hash text not null,
  primary key (org_id, seq),
  unique (id)
);
create index audit_events_at on audit_events (org_id, at desc);
create index audit_events_target on audit_events (org_id, target_type, target_id);

-- The canonical text that a link's hash covers. jsonb::text is deterministic
-- (keys sorted), and timestamps are rendered in UTC with microseconds.
create function audit_event_hash(
  p_prev text, p_org uuid, p_seq bigint, p_id uuid, p_at timestamptz, p_actor uuid, p_actor_label text,
  p_action text, p_target_type text, p_target_id text, p_before jsonb, p_after jsonb, p_request_id text
) returns text language sql immutable as $$
  select encode(sha256(convert_to(
    concat_ws(E'\x1f', p_prev, p_org::text, p_seq::text, p_id::text,
      to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      coalesce(p_actor::text, ''), p_actor_label, p_action, p_target_type, coalesce(p_target_id, ''),
      coalesce(p_before::text, 'null'), coalesce(p_after::text, 'null'), coalesce(p_request_id, '')),
    'UTF8')), 'hex')
$$;

create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function refuse_change();
revoke update, delete, truncate on audit_events from public;
