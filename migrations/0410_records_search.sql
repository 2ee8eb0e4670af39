-- Records search: one row per captured item with its current text and the
-- metadata people search by (channel, period, author, category, decision,
-- registration). A derived index, not a record: it is rebuilt from the
-- append-only tables and may be updated freely. Swedish full-text search with
-- the `swedish` configuration (stemming: "simhallen" finds "simhall",
-- "simhallar"); the author's name too (with the same stemming as the query,
-- so "Öberg" finds "Öbergs").

create table record_search (
  org_id uuid not null,
  item_id uuid not null,
  channel_id uuid not null,
  platform text not null,
  kind text not null,
  platform_item_id text not null,
  post_platform_id text,
  author_name text,
  text text,
  -- When it was written (platform time of its first version, else received).
  occurred_at timestamptz not null,
  removed boolean not null default false,
  hidden boolean not null default false,
  -- Analyzer labels (page-rule categories) of its latest analysed version.
  categories text[] not null default '{}',
  -- Latest moderation decision on it (e.g. hide, delete, keep), if any.
  decision text,
  -- Diary number when registered (e.g. 'KS 2026/00123').
  diary_number text,
  indexed_at timestamptz not null default now(),
  tsv tsvector generated always as (
    setweight(to_tsvector('swedish', coalesce(text, '')), 'A') ||
    setweight(to_tsvector('swedish', coalesce(author_name, '')), 'B')
  ) stored,
  primary key (org_id, item_id)
);
-- Full text; fastupdate off keeps query time flat under steady inserts.
create index record_search_tsv on record_search using gin (tsv) with (fastupdate = off);
create index record_search_time on record_search (org_id, occurred_at desc);
create index record_search_channel_time on record_search (org_id, channel_id, occurred_at desc);
create index record_search_post on record_search (org_id, post_platform_id, occurred_at);
create index record_search_categories on record_search using gin (categories);
create index record_search_author on record_search (org_id, lower(author_name) text_pattern_ops);
create index record_search_decision on record_search (org_id, decision, occurred_at desc) where decision is not null;
create index record_search_registered on record_search (org_id, diary_number) where diary_number is not null;

-- How far the indexer got, per source: capture chain seq per channel, the
-- analysis time, the decision stream's seq.
create table record_search_cursor (
  org_id uuid not null,
  source text not null,
  key text not null,
  position bigint not null,
  primary key (org_id, source, key)
);
