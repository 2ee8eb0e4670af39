// A records request with its items (the disclosed version's text) and redactions.
import type { Queryable } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";

export interface RequestRedaction {
  id: string;
  /** 'text': a span of the text; 'author': the author's name or handle (span over it). */
  field: "text" | "author";
  start: number;
  end: number;
  kindSv: string;
  ground: string;
  source: "analyzer" | "registrar";
  ruleId: string | null;
  state: "proposed" | "confirmed" | "rejected";
  decidedBy: string | null;
}

export interface RequestItem {
  itemId: string;
  versionId: string | null;
  platformItemId: string;
  channelName: string;
  kind: string;
  authorName: string | null;
  occurredAt: string;
  text: string;
  redactions: RequestRedaction[];
}

export interface RecordsRequestView {
  id: string;
  description: string;
  requester: string | null;
  receivedAt: string;
  status: "open" | "confirmed";
  createdBy: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  items: RequestItem[];
}

export async function loadRecordsRequest(db: Queryable, o: { orgId: string; requestId: string }): Promise<RecordsRequestView> {
  const r = await db.query(
    `select id, description, requester, to_char(received_at, 'YYYY-MM-DD') as received_at, status, created_by, confirmed_by, confirmed_at
       from records_requests where org_id = $1 and id = $2`, [o.orgId, o.requestId]);
  const q = r.rows[0];
  if (!q) throw new AppError("not_found");
  const items = await db.query(
    `select ri.item_id, ri.version_id, i.platform_item_id, i.kind, c.name as channel_name, v.author_name, coalesce(v.text, '') as text,
            (select min(coalesce(x.platform_time, x.received_at)) from capture_versions x where x.org_id = i.org_id and x.item_id = i.id) as occurred_at
       from records_request_items ri
       join captured_items i on i.org_id = ri.org_id and i.id = ri.item_id
       join channels c on c.org_id = i.org_id and c.id = i.channel_id
       left join capture_versions v on v.id = ri.version_id
      where ri.org_id = $1 and ri.request_id = $2 order by occurred_at, i.platform_item_id`, [o.orgId, o.requestId]);
  const reds = await db.query(
    `select id, item_id, field, span_start, span_end, kind_sv, ground, source, rule_id, state, decided_by from records_request_redactions
      where org_id = $1 and request_id = $2 order by item_id, field = 'author', span_start`, [o.orgId, o.requestId]);
  const byItem = new Map<string, RequestRedaction[]>();
  for (const x of reds.rows) {
    const list = byItem.get(x.item_id) ?? [];
    list.push({ id: x.id, field: x.field, start: x.span_start, end: x.span_end, kindSv: x.kind_sv, ground: x.ground, source: x.source, ruleId: x.rule_id, state: x.state, decidedBy: x.decided_by });
    byItem.set(x.item_id, list);
  }
  return {
    id: q.id, description: q.description, requester: q.requester, receivedAt: q.received_at, status: q.status, createdBy: q.created_by,
    confirmedBy: q.confirmed_by, confirmedAt: q.confirmed_at ? new Date(q.confirmed_at).toISOString() : null,
    items: items.rows.map((x) => ({
      itemId: x.item_id, versionId: x.version_id, platformItemId: x.platform_item_id, channelName: x.channel_name, kind: x.kind,
      authorName: x.author_name, occurredAt: new Date(x.occurred_at).toISOString(), text: x.text, redactions: byItem.get(x.item_id) ?? [],
    })),
  };
}

const marker = (r: Pick<RequestRedaction, "kindSv" | "ground">) => `[${r.kindSv} undantagen, ${r.ground}]`;

/** The author as disclosed: the name, or a marker when its redaction was confirmed. */
export function disclosedAuthor(it: Pick<RequestItem, "authorName" | "redactions">): string | null {
  const r = it.redactions.find((x) => x.field === "author" && x.state === "confirmed");
  return r ? marker(r) : it.authorName;
}

/** The text as disclosed: confirmed redactions replaced by a marker naming what and on which ground. */
export function redactedSegments(text: string, redactions: readonly RequestRedaction[]): { text: string; withheld?: { kindSv: string; ground: string } }[] {
  const spans = redactions.filter((r) => r.state === "confirmed" && r.field === "text").sort((a, b) => a.start - b.start);
  const out: { text: string; withheld?: { kindSv: string; ground: string } }[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) out.push({ text: text.slice(at, s.start) });
    out.push({ text: marker(s), withheld: { kindSv: s.kindSv, ground: s.ground } });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
