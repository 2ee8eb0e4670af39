-- Published page rules (sidregler) per version. A channel is bound to one
-- version (channels.page_rules_version); the analyzer judges its comments under
-- that version's rules and item_analyses records the version. A version is
-- never changed once published: new rules are a new version.
create table page_rules_versions (
  org_id uuid not null references organisations(id),
  version text not null check (length(version) between 1 and 100),
  -- Partial page rules as published, merged over the analyzer's defaults
  -- (resolvePageRules in src/analysis) when they are used.
  rules jsonb not null,
  published_at timestamptz not null default now(),
  primary key (org_id, version)
);
create trigger page_rules_versions_append_only before update or delete on page_rules_versions
  for each row execute function refuse_change();
create trigger page_rules_versions_no_truncate before truncate on page_rules_versions
  for each statement execute function refuse_change();
