-- Records search: "word + author" and "word + category" were slow at a million
-- items (p95 > 100 ms). Each filter had its own index, so PostgreSQL either
-- read every row of the author (btree on the name, then the text checked row
-- by row) or built a bitmap of every item containing a common word (hundreds
-- of thousands of TIDs) to AND it with the category's bitmap.
--
-- `facets` puts the category ids ('c.hate') and every prefix of the author's
-- lower-cased name up to 40 characters ('n.a', 'n.an', … 'n.anna andersson')
-- as lexemes next to the text's, and one GIN index covers both columns: a
-- query "budget & c.hate" or "simhall & 'n.anna anders'" is then one index
-- scan over exact lexemes, and GIN's fast scan skips through the common
-- word's posting list with the rarer one, so only matching rows are fetched.
-- (Word prefixes with :* were tried first: a prefix lexeme makes GIN collect
-- every row of every matching lexeme before it can intersect, which cost more
-- than the btree did.) The author filter keeps its exact test,
-- lower(author_name) like 'anna anders%', for prefixes longer than 40.
-- Swedish stemming, phrases and prefixes of the text search are unchanged.

-- Immutable: the same categories and name always give the same lexemes
-- (array_to_string, which a generated column may not call, is avoided).
create function record_search_facets(p_categories text[], p_author text) returns tsvector
language sql immutable parallel safe as $$
  select array_to_tsvector(array(
    select 'c.' || c from unnest(p_categories) c where c <> ''
    union
    select 'n.' || left(lower(p_author), n) from generate_series(1, least(length(lower(coalesce(p_author, ''))), 40)) n))
$$;

alter table record_search add column facets tsvector generated always as (record_search_facets(categories, author_name)) stored;

create index record_search_tsv_facets on record_search using gin (tsv, facets) with (fastupdate = off);
-- Served by the two-column index now. The btree on the author's name is
-- dropped too: with it the planner, which cannot estimate how many rows one
-- name has, read every row of the author and checked the text on each.
drop index if exists record_search_tsv;
drop index if exists record_search_categories;
drop index if exists record_search_author;

-- Statistics for the new column, so the planner knows how rare a name or a category is.
analyze record_search;
