// API tokens for machine clients: `vxl_` + 256 random bits, shown once. Stored
// as SHA-256 (a high-entropy secret needs no slow hash), scoped to permissions,
// expiring, revocable, with last use recorded.
import { randomBytes } from "node:crypto";
import { AppError } from "../platform/errors.ts";
import { recordAuditEvent, type Actor } from "../platform/audit/index.ts";
import { withTx, type Pool, type Queryable } from "../platform/db/pool.ts";
import { TOKEN_SCOPES, type Permission } from "./policy.ts";
import type { Principal, RoleAssignment } from "./principal.ts";
import { sha256 } from "./sessions.ts";

export interface ApiTokenView {
  id: string;
  name: string;
  userId: string;
  scopes: string[];
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export async function createApiToken(
  deps: { pool: Pool },
  opts: { orgId: string; userId: string; name: string; scopes: string[]; days: number; actor: Actor; requestId?: string },
): Promise<{ token: string; view: ApiTokenView }> {
  const bad = opts.scopes.filter((s) => !(TOKEN_SCOPES as string[]).includes(s));
  if (bad.length || opts.scopes.length === 0) {
    throw new AppError("validation_failed", { public: { field: "scopes", unknown: bad, allowed: TOKEN_SCOPES } });
  }
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 366) {
    throw new AppError("validation_failed", { public: { field: "days", min: 1, max: 366 } });
  }
  const name = opts.name.trim();
  if (!name || name.length > 200) throw new AppError("validation_failed", { public: { field: "name" } });
  const token = `vxl_${randomBytes(32).toString("base64url")}`;
  return withTx(deps.pool, async (tx) => {
    const r = await tx.query(
      `insert into api_tokens (org_id, user_id, name, token_hash, scopes, expires_at)
       select $1, id, $3, $4, $5, now() + make_interval(days => $6) from users
        where org_id = $1 and id = $2 and disabled_at is null
       returning id, name, user_id, scopes, expires_at, revoked_at, last_used_at`,
      [opts.orgId, opts.userId, name, sha256(token), opts.scopes, opts.days],
    );
    const row = r.rows[0];
    if (!row) throw new AppError("not_found", { public: { userId: opts.userId } });
    await recordAuditEvent(tx, {
      orgId: opts.orgId,
      actor: opts.actor,
      action: "token.create",
      targetType: "api_token",
      targetId: row.id,
      after: { name, userId: opts.userId, scopes: opts.scopes, expiresAt: (row.expires_at as Date).toISOString() },
      requestId: opts.requestId ?? null,
    });
    return { token, view: toView(row) };
  });
}

function toView(row: Record<string, unknown>): ApiTokenView {
  return {
    id: row.id as string,
    name: row.name as string,
    userId: row.user_id as string,
    scopes: row.scopes as string[],
    expiresAt: (row.expires_at as Date).toISOString(),
    revokedAt: row.revoked_at ? (row.revoked_at as Date).toISOString() : null,
    lastUsedAt: row.last_used_at ? (row.last_used_at as Date).toISOString() : null,
  };
}

export async function listApiTokens(db: Queryable, orgId: string): Promise<ApiTokenView[]> {
  const r = await db.query(
    "select id, name, user_id, scopes, expires_at, revoked_at, last_used_at from api_tokens where org_id = $1 order by created_at desc",
    [orgId],
  );
  return r.rows.map(toView);
}

export async function revokeApiToken(
  deps: { pool: Pool },
  opts: { orgId: string; id: string; actor: Actor; requestId?: string },
): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    const r = await tx.query(
      "update api_tokens set revoked_at = now() where org_id = $1 and id = $2 and revoked_at is null",
      [opts.orgId, opts.id],
    );
    if (r.rowCount === 0) throw new AppError("not_found", { public: { id: opts.id } });
    await recordAuditEvent(tx, {
      orgId: opts.orgId,
      actor: opts.actor,
      action: "token.revoke",
      targetType: "api_token",
      targetId: opts.id,
      requestId: opts.requestId ?? null,
    });
  });
}

/** Resolves `Authorization: Bearer vxl_…` to a principal, or undefined. */
export async function principalFromToken(pool: Pool, token: string): Promise<Principal | undefined> {
  if (!/^vxl_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const r = await pool.query(
    `update api_tokens t set last_used_at = now()
       from users u
      where t.token_hash = $1 and t.revoked_at is null and t.expires_at > now()
        and u.org_id = t.org_id and u.id = t.user_id and u.disabled_at is null
      returning t.org_id, t.user_id, t.scopes, u.username, u.display_name,
        (select coalesce(json_agg(json_build_object('role', ra.role, 'unitId', ra.unit_id)), '[]')
           from role_assignments ra where ra.org_id = t.org_id and ra.user_id = t.user_id) as roles`,
    [sha256(token)],
  );
  const x = r.rows[0];
  if (!x) return undefined;
  return {
    orgId: x.org_id,
    userId: x.user_id,
    username: x.username,
    displayName: x.display_name,
    roles: x.roles as RoleAssignment[],
    via: "token",
    scopes: x.scopes as Permission[],
  };
}
