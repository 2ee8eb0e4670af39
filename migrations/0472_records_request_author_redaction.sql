-- Records requests: a redaction may cover the author's name or handle, not
-- only a span of the text. Private individuals' names are proposed for
-- redaction (OSL 21:7) like personnummer; the city's own accounts are not.
-- For field 'author' the span is over the disclosed version's author name.
alter table records_request_redactions
  add column field text not null default 'text' check (field in ('text', 'author'));
