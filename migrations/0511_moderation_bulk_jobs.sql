-- "Select all N matching this filter" for spam floods of any size. The job
-- freezes the matching items when it is created (the moderator decided on
-- those N, not on whatever arrives later) and is worked server-side in
-- batches. The records are the decision events themselves (one per item,
-- bulk_id = the job id, rule and legal basis, through the outbox); these two
-- tables are work state and progress, so item outcomes are updated in place.
create table moderation_bulk_jobs (
  org_id uuid not null references organisations(id),
  -- Chosen by the client when the page is drawn: a retried request finds the same job (idempotent).
  id uuid not null,
  filter jsonb not null,
  kind text not null check (kind in ('keep', 'hide', 'delete', 'escalate')),
  rule_id text not null check (rule_id ~ '^[a-z_]+$'),
  legal_basis text not null check (legal_basis in ('bbs-5', 'page-rule')),
  reason text check (reason is null or length(reason) <= 4000),
  actor_id uuid not null,
  actor_label text not null,
  total int not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (org_id, id),
  unique (id)
);
create table moderation_bulk_job_items (
  org_id uuid not null,
  job_id uuid not null references moderation_bulk_jobs(id),
  item_id uuid not null,
  -- pending → done (decision recorded) | skipped (refused: the criticism guard, a state conflict …)
  outcome text not null default 'pending' check (outcome in ('pending', 'done', 'skipped')),
  code text,
  decision_id uuid references moderation_decisions(id),
  primary key (job_id, item_id)
);
create index moderation_bulk_job_items_pending on moderation_bulk_job_items (job_id, item_id) where outcome = 'pending';
create index moderation_bulk_jobs_open on moderation_bulk_jobs (org_id) where finished_at is null;
