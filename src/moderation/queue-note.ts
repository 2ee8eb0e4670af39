// The payload of the vaxel_moderation notification that tells every
// process's open queues what changed.
/** NOTIFY payloads stay far below PostgreSQL's 8,000 bytes: ids for small changes, only the org for floods. */
const MAX_IDS_IN_NOTE = 100;

/** `org` or `org:id,id,…` (the payload of vaxel_moderation). */
export function queueNote(orgId: string, itemIds: string[]): string {
  return itemIds.length && itemIds.length <= MAX_IDS_IN_NOTE ? `${orgId}:${itemIds.join(",")}` : orgId;
}
export function parseQueueNote(payload: string): { orgId: string; itemIds: string[] } {
  const [orgId = "", ids = ""] = payload.split(":");
  return { orgId, itemIds: ids ? ids.split(",") : [] };
}
