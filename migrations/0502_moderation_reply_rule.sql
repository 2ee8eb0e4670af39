-- A reply to a question answers a resident; it applies no page rule. Every
-- other decision still names one (the check below). Metadata change only:
-- no row is altered.
alter table moderation_decisions alter column rule_id drop not null;
alter table moderation_decisions add constraint moderation_decisions_rule_required check (rule_id is not null or kind = 'reply');
