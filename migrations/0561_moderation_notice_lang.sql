-- The language of the notices residents get (which rule, how to appeal) is
-- the organisation's choice, not the language the deciding moderator happens
-- to use in Växel's interface (issue #6). Swedish unless set otherwise.
alter table moderation_settings add column notice_lang text not null default 'sv' check (notice_lang in ('sv', 'en'));
