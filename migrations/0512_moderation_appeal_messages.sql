-- The outcome of an appeal, told to the resident who appealed (Swedish or
-- English, the language of the notice they appealed): sent as a reply through
-- the outbox where the platform allows it, otherwise listed for manual
-- sending (with the contact the resident gave, if any). A public record like
-- the notices: append-only.
create table moderation_appeal_messages (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  appeal_id uuid not null unique references moderation_appeals(id),
  item_id uuid not null,
  lang text not null check (lang in ('sv', 'en')),
  body text not null,
  delivery text not null check (delivery in ('reply', 'manual')),
  platform_action_id uuid,
  at timestamptz not null default now(),
  primary key (org_id, id),
  unique (id)
);
create trigger moderation_appeal_messages_append_only before update or delete on moderation_appeal_messages for each row execute function refuse_change();
create trigger moderation_appeal_messages_no_truncate before truncate on moderation_appeal_messages for each statement execute function refuse_change();
revoke update, delete, truncate on moderation_appeal_messages from public;
