-- Lifting a ban is a decision like any other (issue #6): the lift row names
-- the undo decision that made it, with its rule and legal basis, and the
-- platform is told through the outbox (`unban`, where the platform's API can
-- lift a ban: Facebook's page block list, Mastodon's admin unsuspend).
-- Lifts written before this migration keep null here: they had no decision.
alter table moderation_ban_lifts
  add column decision_id uuid references moderation_decisions(id),
  add column rule_id text check (rule_id is null or rule_id ~ '^[a-z_]+$'),
  add column legal_basis text check (legal_basis is null or legal_basis in ('bbs-5', 'page-rule'));

alter table platform_actions drop constraint platform_actions_action_check;
alter table platform_actions add constraint platform_actions_action_check
  check (action in ('hide', 'unhide', 'delete', 'reply', 'ban', 'unban'));
