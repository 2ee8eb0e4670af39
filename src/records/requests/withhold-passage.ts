// The registrar withholds a passage the analyzer did not find, by writing it
// as it stands in the record (no character offsets on a form): every
// occurrence in the item's text (or its author's name) that no decided or
// proposed redaction already covers becomes a confirmed redaction.
import type { Actor } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { addRedactions } from "./decide-redactions.ts";
import { loadRecordsRequest } from "./load-request.ts";

export function passageSpans(text: string, passage: string, covered: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  if (!passage) return spans;
  for (let at = text.indexOf(passage); at !== -1; at = text.indexOf(passage, at + passage.length)) {
    const span = { start: at, end: at + passage.length };
    if (!covered.some((c) => c.start <= span.start && c.end >= span.end)) spans.push(span);
  }
  return spans;
}

export async function withholdPassage(deps: { pool: Pool }, i: {
  orgId: string; requestId: string; itemId: string; field: "text" | "author"; passage: string; kindSv: string; ground: string; actor: Actor;
}): Promise<{ withheld: number }> {
  const request = await loadRecordsRequest(deps.pool, { orgId: i.orgId, requestId: i.requestId });
  const item = request.items.find((x) => x.itemId === i.itemId);
  if (!item) throw new AppError("not_found", { public: { field: "itemId" } });
  const text = i.field === "author" ? item.authorName ?? "" : item.text;
  const covered = item.redactions.filter((r) => r.field === i.field && r.state !== "rejected");
  const spans = passageSpans(text, i.passage, covered);
  if (!spans.length) throw new AppError("validation_failed", { public: { field: "passage", why: "not_in_record" } });
  await addRedactions(deps, { orgId: i.orgId, requestId: i.requestId, itemId: i.itemId, field: i.field, spans, kindSv: i.kindSv, ground: i.ground, actor: i.actor });
  return { withheld: spans.length };
}
