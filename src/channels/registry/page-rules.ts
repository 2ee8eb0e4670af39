// Page rules (sidregler) per version: published once, never changed, and bound
// to channels. The analyzer judges a channel's comments under the rules of the
// version the channel is bound to; the version is recorded with every analysis.
import { DEFAULT_PAGE_RULES, PageRulesError, resolvePageRules, type PageRules } from "../../analysis/index.ts";
import type { Actor } from "../../platform/audit/record-audit-event.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";

/** Stores a new version of the page rules (partial rules merged over the analyzer's defaults). */
export async function publishPageRules(
  deps: { pool: Pool },
  input: { orgId: string; version: string; rules: unknown; actor: Actor; requestId?: string },
): Promise<PageRules> {
  let resolved: PageRules;
  try {
    resolved = resolvePageRules(input.rules);
  } catch (e) {
    if (e instanceof PageRulesError) throw new AppError("validation_failed", { detail: e.message, public: { field: "rules", why: e.message } });
    throw e;
  }
  const version = input.version.trim();
  if (!version || version.length > 100) throw new AppError("validation_failed", { public: { field: "version" } });
  return withTx(deps.pool, async (tx) => {
    const r = await tx.query("insert into page_rules_versions (org_id, version, rules) values ($1, $2, $3) on conflict do nothing",
      [input.orgId, version, JSON.stringify(input.rules)]);
    if (!r.rowCount) throw new AppError("conflict", { public: { field: "version", why: "a published version is never changed; publish a new one" } });
    await recordAuditEvent(tx, {
      orgId: input.orgId, actor: input.actor, action: "page_rules.published", targetType: "page_rules", targetId: version,
      after: input.rules, requestId: input.requestId ?? null,
    });
    return { ...resolved, version };
  });
}

/**
 * The rules of a version, resolved, or undefined when the organisation has not
 * published it. The built-in default version needs no row.
 */
export async function loadPageRules(db: Queryable, orgId: string, version: string): Promise<PageRules | undefined> {
  const r = await db.query<{ rules: unknown }>("select rules from page_rules_versions where org_id = $1 and version = $2", [orgId, version]);
  const row = r.rows[0];
  if (row) return { ...resolvePageRules(row.rules), version };
  return version === DEFAULT_PAGE_RULES.version ? DEFAULT_PAGE_RULES : undefined;
}

/** Refuses a version that does not exist (a channel must never point at rules nobody can read). */
export async function assertPageRulesVersion(db: Queryable, orgId: string, version: string): Promise<void> {
  if (!(await loadPageRules(db, orgId, version))) {
    throw new AppError("validation_failed", { public: { field: "pageRulesVersion", why: "unknown page rules version" } });
  }
}

/** Binds a channel to a published version of the page rules; later comments are judged under it. */
export async function bindChannelPageRules(
  deps: { pool: Pool },
  input: { orgId: string; channelId: string; version: string; actor: Actor; requestId?: string },
): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    await assertPageRulesVersion(tx, input.orgId, input.version);
    const r = await tx.query<{ before: string }>(
      `update channels c set page_rules_version = $3, updated_at = now()
         from channels old where old.org_id = c.org_id and old.id = c.id and c.org_id = $1 and c.id = $2
       returning old.page_rules_version as before`,
      [input.orgId, input.channelId, input.version],
    );
    if (!r.rowCount) throw new AppError("not_found", { public: { channel: input.channelId } });
    await recordAuditEvent(tx, {
      orgId: input.orgId, actor: input.actor, action: "channel.page_rules_bound", targetType: "channel", targetId: input.channelId,
      before: { pageRulesVersion: r.rows[0]!.before }, after: { pageRulesVersion: input.version }, requestId: input.requestId ?? null,
    });
  });
}
