// Searches the records: Swedish full text (stemming, phrases, prefixes) over
// the text and author, filtered by channel, platform, period, author, category,
// decision and registration. Newest first by default; `relevance` ranks by
// ts_rank (costlier for common words, so it is opt-in).
import pg from "pg";
import type { Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { parseSearchQuery, tsquerySql } from "./search-query.ts";

export interface SearchRecordsInput {
  orgId: string;
  q?: string | undefined;
  channelId?: string | undefined;
  platform?: string | undefined;
  /** Inclusive start date (YYYY-MM-DD) or timestamp, Europe/Stockholm for dates. */
  from?: string | undefined;
  /** Inclusive end date (YYYY-MM-DD) or timestamp. */
  to?: string | undefined;
  /** Author name prefix (case-insensitive). */
  author?: string | undefined;
  category?: string | undefined;
  decision?: string | undefined;
  registered?: boolean | undefined;
  /** Only comments on this post (platform id). */
  postId?: string | undefined;
  /** Only comments on any of these posts (platform ids). */
  postIds?: string[] | undefined;
  kind?: string | undefined;
  sort?: "newest" | "oldest" | "relevance" | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface SearchHit {
  itemId: string;
  channelId: string;
  platform: string;
  kind: string;
  platformItemId: string;
  postPlatformId: string | null;
  authorName: string | null;
  text: string | null;
  /** Text around the matches; matched words between \u0002 and \u0003 (escape, then mark). */
  snippet: string | null;
  occurredAt: string;
  removed: boolean;
  hidden: boolean;
  categories: string[];
  decision: string | null;
  diaryNumber: string | null;
}

export interface SearchResult {
  hits: SearchHit[];
  hasMore: boolean;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const CATEGORY_RE = /^[\p{L}\p{N}_.-]{1,100}$/u;

/** Lexemes of author-name prefixes in record_search.facets are this long at most (migration 0473). */
const AUTHOR_PREFIX_MAX = 40;
// The author prefix as the one lexeme 'n.<prefix>' of record_search.facets,
// lower-cased by PostgreSQL as the indexed name is, and quoted for tsquery
// (a backslash escaped, a quote doubled).
const authorFacetSql = (n: string) =>
  `('''' || replace(replace('n.' || left(lower(${n}), ${AUTHOR_PREFIX_MAX}), '\\', '\\\\'), '''', '''''') || '''')::tsquery`;

/** Builds the WHERE clause and params shared by search, selection for requests and exports. */
export function searchWhere(i: SearchRecordsInput, params: unknown[]): { where: string; tsq: string | null } {
  params.push(i.orgId);
  const w = ["r.org_id = $1"];
  const tsq = i.q ? tsquerySql(parseSearchQuery(i.q), params) : null;
  if (tsq) w.push(`r.tsv @@ ${tsq}`);
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    w.push(sql(`$${params.length}`));
  };
  if (i.channelId) add((n) => `r.channel_id = ${n}::uuid`, i.channelId);
  if (i.platform) add((n) => `r.platform = ${n}`, i.platform);
  if (i.kind) add((n) => `r.kind = ${n}`, i.kind);
  if (i.postId) add((n) => `r.post_platform_id = ${n}`, i.postId);
  if (i.postIds) add((n) => `r.post_platform_id = any(${n}::text[])`, i.postIds);
  // Calendar dates are the city's days (Europe/Stockholm), inclusive.
  if (i.from) add((n) => DATE_RE.test(i.from!) ? `r.occurred_at >= (${n}::date)::timestamp at time zone 'Europe/Stockholm'` : `r.occurred_at >= ${n}::timestamptz`, i.from);
  if (i.to) add((n) => DATE_RE.test(i.to!) ? `r.occurred_at < (${n}::date + 1)::timestamp at time zone 'Europe/Stockholm'` : `r.occurred_at <= ${n}::timestamptz`, i.to);
  if (i.author) {
    add((n) => `lower(r.author_name) like ${n}`, `${i.author.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    // Finds the candidates through the GIN index; the LIKE above stays the exact test (for prefixes over 40 characters).
    add((n) => `r.facets @@ ${authorFacetSql(n)}`, i.author);
  }
  if (i.category) {
    if (CATEGORY_RE.test(i.category)) add((n) => `r.facets @@ ${n}::tsquery`, `'c.${i.category}'`);
    else add((n) => `r.categories @> array[${n}]::text[]`, i.category);
  }
  if (i.decision) add((n) => `r.decision = ${n}`, i.decision);
  if (i.registered === true) w.push("r.diary_number is not null");
  if (i.registered === false) w.push("r.diary_number is null");
  return { where: w.join(" and "), tsq };
}

export async function searchRecords(db: Queryable, i: SearchRecordsInput): Promise<SearchResult> {
  const params: unknown[] = [];
  const { where, tsq } = searchWhere(i, params);
  const limit = Math.min(Math.max(i.limit ?? 50, 1), 500);
  const offset = Math.max(i.offset ?? 0, 0);
  const order = i.sort === "relevance" && tsq ? `ts_rank(r.tsv, ${tsq}) desc, r.occurred_at desc`
    : i.sort === "oldest" ? "r.occurred_at asc, r.item_id" : "r.occurred_at desc, r.item_id";
  params.push(limit + 1, offset);
  const headline = tsq
    ? `ts_headline('swedish', coalesce(x.text, ''), ${tsq}, 'StartSel=${"\u0002"}, StopSel=${"\u0003"}, MaxWords=35, MinWords=12, MaxFragments=2')`
    : "null";
  const sql = `select x.*, ${headline} as snippet from (
       select r.item_id, r.channel_id, r.platform, r.kind, r.platform_item_id, r.post_platform_id, r.author_name, r.text,
              r.occurred_at, r.removed, r.hidden, r.categories, r.decision, r.diary_number
         from record_search r where ${where} order by ${order} limit $${params.length - 1} offset $${params.length}) x`;
  // Over a million rows the planner's cost estimates pass jit_above_cost, and
  // compiling the query (tens of milliseconds) would cost more than running
  // it: search is a short query, so JIT is off for it.
  const r = db instanceof pg.Pool
    ? await withTx(db, async (tx) => {
      await tx.query("set local jit = off");
      return tx.query<Record<string, unknown>>(sql, params);
    })
    : await db.query<Record<string, unknown>>(sql, params);
  const rows = r.rows.slice(0, limit);
  return {
    hasMore: r.rows.length > limit,
    hits: rows.map((x) => ({
      itemId: x.item_id as string, channelId: x.channel_id as string, platform: x.platform as string, kind: x.kind as string,
      platformItemId: x.platform_item_id as string, postPlatformId: x.post_platform_id as string | null,
      authorName: x.author_name as string | null, text: x.text as string | null, snippet: x.snippet as string | null,
      occurredAt: (x.occurred_at as Date).toISOString(), removed: x.removed as boolean, hidden: x.hidden as boolean,
      categories: x.categories as string[], decision: x.decision as string | null, diaryNumber: x.diary_number as string | null,
    })),
  };
}
