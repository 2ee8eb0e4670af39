// Login sessions stored in PostgreSQL. The cookie carries a random 256-bit
// value; only its SHA-256 is stored, so a database leak yields no usable session.
import { createHash, randomBytes } from "node:crypto";
import type { Pool, Queryable } from "../platform/db/pool.ts";
import type { Principal, RoleAssignment } from "./principal.ts";

export const SESSION_COOKIE = "vaxel_session";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function createSession(
  db: Queryable,
  opts: { orgId: string; userId: string; ttlHours: number },
): Promise<{ cookieValue: string; csrfToken: string; expiresAt: Date }> {
  const cookieValue = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + opts.ttlHours * 3600_000);
  await db.query(
    "insert into sessions (org_id, id_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, $4, $5)",
    [opts.orgId, sha256(cookieValue), opts.userId, csrfToken, expiresAt],
  );
  return { cookieValue, csrfToken, expiresAt };
}

/** Resolves a session cookie to a principal and slides its expiry. */
export async function principalFromSession(
  pool: Pool,
  cookieValue: string,
  ttlHours: number,
): Promise<Principal | undefined> {
  const r = await pool.query(
    `update sessions s set last_seen_at = now(), expires_at = now() + make_interval(hours => $2)
       from users u
      where s.id_hash = $1 and s.expires_at > now()
        and u.org_id = s.org_id and u.id = s.user_id and u.disabled_at is null
      returning s.org_id, s.user_id, s.csrf_token, u.username, u.display_name,
        (select coalesce(json_agg(json_build_object('role', ra.role, 'unitId', ra.unit_id)), '[]')
           from role_assignments ra where ra.org_id = s.org_id and ra.user_id = s.user_id) as roles`,
    [sha256(cookieValue), ttlHours],
  );
  const x = r.rows[0];
  if (!x) return undefined;
  return {
    orgId: x.org_id,
    userId: x.user_id,
    username: x.username,
    displayName: x.display_name,
    roles: x.roles as RoleAssignment[],
    via: "session",
    csrfToken: x.csrf_token,
  };
}

export async function destroySession(db: Queryable, cookieValue: string): Promise<void> {
  await db.query("delete from sessions where id_hash = $1", [sha256(cookieValue)]);
}

export async function purgeExpiredSessions(db: Queryable): Promise<number> {
  const r = await db.query("delete from sessions where expires_at < now()");
  return r.rowCount ?? 0;
}
