-- The outbox: actions Växel takes back on the platforms (hide, unhide, delete,
-- reply, ban) as jobs in PostgreSQL. A job references a captured item, so the
-- foreign key itself guarantees that nothing is acted on before its capture is
-- committed (capture before removal: removal counts as disposal).

create table platform_actions (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  channel_id uuid not null,
  item_id uuid not null,
  action text not null check (action in ('hide', 'unhide', 'delete', 'reply', 'ban')),
  params jsonb not null default '{}',
  -- Chosen by the caller (e.g. the moderation decision id): enqueueing the same
  -- key twice yields the same job, so a retried request never acts twice.
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  actor_id uuid,
  actor_label text not null,
  state text not null default 'pending' check (state in ('pending', 'running', 'done', 'dead')),
  attempts int not null default 0,
  max_attempts int not null default 12,
  next_attempt_at timestamptz not null default now(),
  -- A running job whose lease expired (the worker died) is taken again; the
  -- outcome of its last call is then unknown, so the executor reconciles first.
  lease_until timestamptz,
  last_http_status int,
  last_error_code text,
  last_error_sv text,
  last_error_en text,
  last_error_detail text,
  result jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  done_at timestamptz,
  primary key (org_id, id),
  unique (id),
  unique (org_id, idempotency_key),
  foreign key (org_id, channel_id) references channels(org_id, id),
  foreign key (org_id, item_id) references captured_items(org_id, id)
);
create index platform_actions_due on platform_actions (next_attempt_at) where state in ('pending', 'running');
create index platform_actions_item on platform_actions (org_id, item_id, created_at);
create index platform_actions_dead on platform_actions (org_id, updated_at desc) where state = 'dead';

-- Every attempt and its outcome, kept (append-only): what was tried on the
-- platform, when, and what it answered.
create table platform_action_attempts (
  org_id uuid not null,
  action_id uuid not null,
  attempt int not null,
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  outcome text not null check (outcome in ('done', 'retry', 'dead')),
  http_status int,
  error_code text,
  detail text,
  primary key (org_id, action_id, attempt),
  foreign key (org_id, action_id) references platform_actions(org_id, id)
);
create trigger platform_action_attempts_append_only before update or delete on platform_action_attempts
  for each row execute function refuse_change();
revoke update, delete, truncate on platform_action_attempts from public;
