-- The search indexer picks up analyses by time (refresh-search-index.ts):
-- without this index each refresh would scan every analysis ever made.
create index if not exists item_analyses_analysed_at on item_analyses (org_id, analysed_at);
