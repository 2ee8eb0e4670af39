// Whose name is withheld when records are disclosed. A private individual's
// name or handle on a comment is personal data whose disclosure may breach the
// GDPR (OSL 21:7), so it is proposed for redaction like a personnummer and the
// registrar decides (sekretessprövning: a name is often harmless, but a
// comment about one's own illness or a neighbour dispute is not). The city's
// own accounts are not private individuals: what the city writes on its pages
// (its posts and replies, and comments made as one of its accounts) is the
// authority speaking and is disclosed with its name.
import type { Queryable } from "../../platform/db/pool.ts";

export const PRIVATE_AUTHOR = { kindSv: "namn eller användarnamn på privatperson", ground: "21 kap. 7 § OSL" } as const;

/** The platform account ids of the organisation's own channels (Page id, account id, …). */
export async function cityAccountIds(db: Queryable, orgId: string): Promise<Set<string>> {
  const r = await db.query<{ external_id: string }>("select external_id from channels where org_id = $1", [orgId]);
  return new Set(r.rows.map((x) => x.external_id));
}

export function isPrivateAuthor(item: { kind: string; authorPlatformId: string | null; authorName: string | null }, cityAccounts: ReadonlySet<string>): boolean {
  if (!item.authorName?.trim()) return false;
  // Posts and replies on the city's channels are written by the city.
  if (item.kind === "post" || item.kind === "reply") return false;
  return !(item.authorPlatformId && cityAccounts.has(item.authorPlatformId));
}
