-- Moderation: decisions as append-only events (Coral CommentModerationAction,
-- Ozone emitEvent). The current state of an item is derived from its events;
-- undo is a new event. The events, the block list, notifications, appeals and
-- police reports are public records (OSL 5 kap., DOMAIN.md), so every table
-- here refuses UPDATE, DELETE and TRUNCATE in PostgreSQL itself. The only
-- mutable table is the organisation's moderation settings.

create table moderation_settings (
  org_id uuid primary key references organisations(id),
  -- Strikes: this many effective removals within the window → ban proposal.
  strike_threshold int not null default 3 check (strike_threshold between 1 and 100),
  strike_window_days int not null default 90 check (strike_window_days between 1 and 3650),
  -- Days an appeal stays open after the notification.
  appeal_days int not null default 14 check (appeal_days between 1 and 365),
  -- BBS-lagen §4: the longest acceptable time from capture to first human review.
  review_limit_minutes int not null default 240 check (review_limit_minutes between 1 and 100000),
  updated_at timestamptz not null default now()
);

create table moderation_decisions (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  -- Total order of events within the organisation (derivation and paging).
  seq bigint generated always as identity,
  item_id uuid not null,
  channel_id uuid not null,
  -- The captured version the moderator saw (the text the decision is about).
  version_id uuid references capture_versions(id),
  kind text not null check (kind in ('keep', 'hide', 'unhide', 'delete', 'reply', 'escalate', 'report_police',
                                     'warn', 'ban', 'confirm', 'decline', 'undo')),
  -- A page-rule category id (DOMAIN.md: the 13 rules) and the analyzer's rule id when it cited one.
  rule_id text not null check (rule_id ~ '^[a-z_]+$'),
  finding_rule_id text,
  legal_basis text not null check (legal_basis in ('bbs-5', 'page-rule')),
  reason text check (reason is null or length(reason) <= 4000),
  -- null = the system (automatic action from the page rules).
  actor_id uuid,
  actor_label text not null,
  -- The decision this event refers to: confirm/decline a pending one, undo one.
  ref_id uuid,
  -- RF 1:9 criticism guard: this removal waits for a second moderator.
  needs_confirmation boolean not null default false,
  -- Whether the comment reads as criticism of the city (cue classifier), as judged at decision time.
  criticism boolean not null default false,
  author_platform_id text,
  params jsonb not null default '{}',
  bulk_id uuid,
  at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id),
  foreign key (org_id, item_id) references captured_items(org_id, id),
  foreign key (org_id, channel_id) references channels(org_id, id)
);
create index moderation_decisions_item on moderation_decisions (org_id, item_id, seq);
create index moderation_decisions_author on moderation_decisions (org_id, channel_id, author_platform_id, at);
create index moderation_decisions_at on moderation_decisions (org_id, at);

-- The block list (a public record): one row per ban; lifting a ban is a new row
-- in moderation_ban_lifts. Never destroyed.
create table moderation_bans (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  channel_id uuid not null,
  author_platform_id text not null,
  author_name text,
  decision_id uuid not null references moderation_decisions(id),
  rule_id text not null,
  legal_basis text not null,
  reason text,
  strikes int not null,
  warned boolean not null,
  actor_id uuid,
  actor_label text not null,
  at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id),
  foreign key (org_id, channel_id) references channels(org_id, id)
);
create table moderation_ban_lifts (
  org_id uuid not null,
  ban_id uuid not null references moderation_bans(id),
  reason text not null,
  actor_id uuid,
  actor_label text not null,
  at timestamptz not null default now(),
  primary key (org_id, ban_id)
);

-- Notifications to the author: which rule, how to appeal. Sent as a reply
-- through the outbox where the platform allows it, else listed for manual sending.
create table moderation_notifications (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  decision_id uuid not null references moderation_decisions(id),
  item_id uuid not null,
  lang text not null check (lang in ('sv', 'en')),
  body text not null,
  delivery text not null check (delivery in ('reply', 'manual')),
  -- Unguessable token in the public appeal link.
  appeal_token text not null unique check (length(appeal_token) >= 20),
  appeal_open_until timestamptz not null,
  platform_action_id uuid,
  at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id)
);

create table moderation_appeals (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  notification_id uuid not null references moderation_notifications(id),
  decision_id uuid not null references moderation_decisions(id),
  item_id uuid not null,
  body text not null check (length(body) between 1 and 4000),
  contact text check (contact is null or length(contact) <= 300),
  at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id)
);
create table moderation_appeal_outcomes (
  org_id uuid not null,
  appeal_id uuid not null references moderation_appeals(id),
  outcome text not null check (outcome in ('upheld', 'rejected')),
  reason text not null,
  -- The restoring decision when upheld.
  decision_id uuid references moderation_decisions(id),
  actor_id uuid not null,
  actor_label text not null,
  at timestamptz not null default now(),
  primary key (org_id, appeal_id)
);

-- Police reports: the package is frozen when created (JSON + its SHA-256);
-- the status and the police's case number are events.
create table police_reports (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  item_id uuid not null,
  decision_id uuid not null references moderation_decisions(id),
  package jsonb not null,
  package_sha256 text not null check (package_sha256 ~ '^[0-9a-f]{64}$'),
  actor_id uuid,
  actor_label text not null,
  at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id)
);
create table police_report_events (
  org_id uuid not null,
  report_id uuid not null references police_reports(id),
  seq bigint generated always as identity,
  status text not null check (status in ('created', 'sent', 'received', 'closed')),
  case_number text check (case_number is null or length(case_number) <= 100),
  note text,
  actor_id uuid,
  actor_label text not null,
  at timestamptz not null default now(),
  primary key (org_id, report_id, seq)
);

create trigger moderation_decisions_append_only before update or delete on moderation_decisions for each row execute function refuse_change();
create trigger moderation_decisions_no_truncate before truncate on moderation_decisions for each statement execute function refuse_change();
create trigger moderation_bans_append_only before update or delete on moderation_bans for each row execute function refuse_change();
create trigger moderation_bans_no_truncate before truncate on moderation_bans for each statement execute function refuse_change();
create trigger moderation_ban_lifts_append_only before update or delete on moderation_ban_lifts for each row execute function refuse_change();
create trigger moderation_ban_lifts_no_truncate before truncate on moderation_ban_lifts for each statement execute function refuse_change();
create trigger moderation_notifications_append_only before update or delete on moderation_notifications for each row execute function refuse_change();
create trigger moderation_notifications_no_truncate before truncate on moderation_notifications for each statement execute function refuse_change();
create trigger moderation_appeals_append_only before update or delete on moderation_appeals for each row execute function refuse_change();
create trigger moderation_appeals_no_truncate before truncate on moderation_appeals for each statement execute function refuse_change();
create trigger moderation_appeal_outcomes_append_only before update or delete on moderation_appeal_outcomes for each row execute function refuse_change();
create trigger moderation_appeal_outcomes_no_truncate before truncate on moderation_appeal_outcomes for each statement execute function refuse_change();
create trigger police_reports_append_only before update or delete on police_reports for each row execute function refuse_change();
create trigger police_reports_no_truncate before truncate on police_reports for each statement execute function refuse_change();
create trigger police_report_events_append_only before update or delete on police_report_events for each row execute function refuse_change();
create trigger police_report_events_no_truncate before truncate on police_report_events for each statement execute function refuse_change();
revoke update, delete, truncate on moderation_decisions, moderation_bans, moderation_ban_lifts, moderation_notifications,
  moderation_appeals, moderation_appeal_outcomes, police_reports, police_report_events from public;
