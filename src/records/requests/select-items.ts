// Selects items for a request with the search filters (e.g. "all comments on
// the swimming-hall post in May": postQuery "simhallen", kind comment, May),
// fixes the version disclosed, and proposes redactions from the analyzer's
// personal-data findings (personnummer, health data, private contact
// details) and private individuals' names (redaction/private-author.ts), each
// with its OSL ground, for the registrar to confirm.
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { findPersonalData } from "../redaction/personal-data.ts";
import { cityAccountIds, isPrivateAuthor, PRIVATE_AUTHOR } from "../redaction/private-author.ts";
import { refreshSearchIndex } from "../search/refresh-search-index.ts";
import { searchRecords, type SearchRecordsInput } from "../search/search-records.ts";

export interface SelectItemsInput {
  orgId: string;
  requestId: string;
  selection: Omit<SearchRecordsInput, "orgId" | "limit" | "offset" | "sort">;
  /** Comments on the posts whose text matches this query. */
  postQuery?: string | undefined;
  actor: Actor;
}

const MAX_ITEMS = 5000;

export async function selectRequestItems(deps: { pool: Pool }, i: SelectItemsInput): Promise<{ added: number; proposals: number }> {
  await refreshSearchIndex(deps.pool, { orgId: i.orgId });
  let postIds: string[] | undefined;
  if (i.postQuery) {
    const posts = await searchRecords(deps.pool, { orgId: i.orgId, q: i.postQuery, kind: "post", limit: 500 });
    postIds = posts.hits.map((h) => h.platformItemId);
    if (postIds.length === 0) return { added: 0, proposals: 0 };
  }
  const hits = await searchRecords(deps.pool, { ...i.selection, orgId: i.orgId, postIds, sort: "oldest", limit: 500 });
  const all = [...hits.hits];
  for (let offset = 500; hits.hasMore && all.length < MAX_ITEMS; offset += 500) {
    const more = await searchRecords(deps.pool, { ...i.selection, orgId: i.orgId, postIds, sort: "oldest", limit: 500, offset });
    all.push(...more.hits);
    if (!more.hasMore) break;
  }
  return withTx(deps.pool, async (tx) => {
    const req = await tx.query<{ status: string }>("select status from records_requests where org_id = $1 and id = $2 for update", [i.orgId, i.requestId]);
    if (!req.rows[0]) throw new AppError("not_found");
    if (req.rows[0].status !== "open") throw new AppError("records_request_closed");
    let added = 0;
    let proposals = 0;
    const city = await cityAccountIds(tx, i.orgId);
    for (const h of all) {
      const v = await tx.query<{ text_version_id: string | null; text: string | null; kind: string; author_platform_id: string | null; author_name: string | null }>(
        "select text_version_id, text, kind, author_platform_id, author_name from captured_item_state where org_id = $1 and item_id = $2", [i.orgId, h.itemId]);
      const row = v.rows[0];
      if (!row) continue;
      const ins = await tx.query(
        "insert into records_request_items (org_id, request_id, item_id, version_id) values ($1, $2, $3, $4) on conflict do nothing",
        [i.orgId, i.requestId, h.itemId, row.text_version_id]);
      if (!ins.rowCount) continue;
      added++;
      for (const s of findPersonalData(row.text ?? "")) {
        await tx.query(
          `insert into records_request_redactions (org_id, request_id, item_id, span_start, span_end, kind_sv, ground, source, rule_id)
           values ($1, $2, $3, $4, $5, $6, $7, 'analyzer', $8)`,
          [i.orgId, i.requestId, h.itemId, s.start, s.end, s.kindSv, s.ground, s.ruleId]);
        proposals++;
      }
      if (row.author_name && isPrivateAuthor({ kind: row.kind, authorPlatformId: row.author_platform_id, authorName: row.author_name }, city)) {
        await tx.query(
          `insert into records_request_redactions (org_id, request_id, item_id, field, span_start, span_end, kind_sv, ground, source, rule_id)
           values ($1, $2, $3, 'author', 0, $4, $5, $6, 'analyzer', 'private_author')`,
          [i.orgId, i.requestId, h.itemId, row.author_name.length, PRIVATE_AUTHOR.kindSv, PRIVATE_AUTHOR.ground]);
        proposals++;
      }
    }
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.request_items_selected", targetType: "records_request", targetId: i.requestId,
      after: { selection: { ...i.selection, postQuery: i.postQuery ?? null }, added, proposals } });
    return { added, proposals };
  });
}
