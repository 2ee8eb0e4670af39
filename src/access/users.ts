// User use cases: create, list, assign roles, disable, set password. Every
// change writes an audit event in the same transaction.
import { AppError } from "../platform/errors.ts";
import { recordAuditEvent, type Actor } from "../platform/audit/index.ts";
import { withTx, type Pool, type Queryable } from "../platform/db/pool.ts";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords.ts";
import { ROLES, type Role, type RoleAssignment } from "./principal.ts";

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: RoleAssignment[];
  sso: boolean;
  disabled: boolean;
  createdAt: string;
}

function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

export async function createUser(
  deps: { pool: Pool },
  opts: {
    orgId: string;
    username: string;
    displayName?: string;
    email?: string | null;
    password?: string;
    roles?: RoleAssignment[];
    oidc?: { issuer: string; subject: string };
    actor: Actor;
    requestId?: string;
  },
): Promise<UserView> {
  const username = opts.username.normalize("NFC").trim();
  if (!/^[\p{L}\p{N}._@-]{1,200}$/u.test(username)) {
    throw new AppError("validation_failed", { public: { field: "username" } });
  }
  if (opts.password !== undefined && opts.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("validation_failed", { public: { field: "password", min: MIN_PASSWORD_LENGTH } });
  }
  for (const r of opts.roles ?? []) {
    if (!isRole(r.role)) throw new AppError("validation_failed", { public: { field: "role", value: r.role } });
  }
  const hash = opts.password ? await hashPassword(opts.password) : null;
  return withTx(deps.pool, async (tx) => {
    let id: string;
    try {
      const r = await tx.query<{ id: string }>(
        `insert into users (org_id, username, display_name, email, password_hash, oidc_issuer, oidc_subject)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [opts.orgId, username, opts.displayName ?? "", opts.email ?? null, hash, opts.oidc?.issuer ?? null, opts.oidc?.subject ?? null],
      );
      id = r.rows[0]!.id;
    } catch (e) {
      if ((e as { code?: string }).code === "23505") throw new AppError("conflict", { public: { field: "username" } });
      throw e;
    }
    for (const ra of opts.roles ?? []) {
      await tx.query("insert into role_assignments (org_id, user_id, role, unit_id) values ($1, $2, $3, $4)", [
        opts.orgId,
        id,
        ra.role,
        ra.unitId,
      ]);
    }
    await recordAuditEvent(tx, {
      orgId: opts.orgId,
      actor: opts.actor,
      action: "user.create",
      targetType: "user",
      targetId: id,
      after: { username, displayName: opts.displayName ?? "", roles: opts.roles ?? [], sso: Boolean(opts.oidc) },
      requestId: opts.requestId ?? null,
    });
    const u = await getUser(tx, opts.orgId, id);
    if (!u) throw new Error("created user vanished");
    return u;
  });
}

export async function getUser(db: Queryable, orgId: string, id: string): Promise<UserView | undefined> {
  return (await listUsers(db, orgId, id))[0];
}

export async function listUsers(db: Queryable, orgId: string, onlyId?: string): Promise<UserView[]> {
  const r = await db.query(
    `select u.id, u.username, u.display_name, u.email, u.oidc_subject is not null as sso,
            u.disabled_at is not null as disabled, u.created_at,
            coalesce(json_agg(json_build_object('role', ra.role, 'unitId', ra.unit_id))
                     filter (where ra.role is not null), '[]') as roles
       from users u left join role_assignments ra on ra.org_id = u.org_id and ra.user_id = u.id
      where u.org_id = $1 and ($2::uuid is null or u.id = $2)
      group by u.org_id, u.id order by u.username`,
    [orgId, onlyId ?? null],
  );
  return r.rows.map((x) => ({
    id: x.id,
    username: x.username,
    displayName: x.display_name,
    email: x.email,
    roles: x.roles as RoleAssignment[],
    sso: x.sso,
    disabled: x.disabled,
    createdAt: (x.created_at as Date).toISOString(),
  }));
}

export async function setUserPassword(
  deps: { pool: Pool },
  opts: { orgId: string; username: string; password: string; actor: Actor; requestId?: string },
): Promise<void> {
  if (opts.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("validation_failed", { public: { field: "password", min: MIN_PASSWORD_LENGTH } });
  }
  const hash = await hashPassword(opts.password);
  await withTx(deps.pool, async (tx) => {
    const r = await tx.query<{ id: string }>(
      "update users set password_hash = $3 where org_id = $1 and username = $2 returning id",
      [opts.orgId, opts.username, hash],
    );
    const id = r.rows[0]?.id;
    if (!id) throw new AppError("not_found", { public: { username: opts.username } });
    // Existing sessions end: a password change is how a compromised account is recovered.
    await tx.query("delete from sessions where org_id = $1 and user_id = $2", [opts.orgId, id]);
    await recordAuditEvent(tx, {
      orgId: opts.orgId,
      actor: opts.actor,
      action: "user.password_set",
      targetType: "user",
      targetId: id,
      requestId: opts.requestId ?? null,
    });
  });
}

export async function assignRole(
  deps: { pool: Pool },
  opts: { orgId: string; userId: string; role: string; unitId: string | null; actor: Actor; requestId?: string },
): Promise<void> {
  if (!isRole(opts.role)) throw new AppError("validation_failed", { public: { field: "role", value: opts.role } });
  await withTx(deps.pool, async (tx) => {
    const r = await tx.query(
      `insert into role_assignments (org_id, user_id, role, unit_id)
       select $1, id, $3, $4 from users where org_id = $1 and id = $2 on conflict do nothing`,
      [opts.orgId, opts.userId, opts.role, opts.unitId],
    );
    if (r.rowCount === 0) {
      const exists = await getUser(tx, opts.orgId, opts.userId);
      if (!exists) throw new AppError("not_found", { public: { userId: opts.userId } });
      return;
    }
    await recordAuditEvent(tx, {
      orgId: opts.orgId,
      actor: opts.actor,
      action: "user.role_assign",
      targetType: "user",
      targetId: opts.userId,
      after: { role: opts.role, unitId: opts.unitId },
      requestId: opts.requestId ?? null,
    });
  });
}

export async function disableUser(
  deps: { pool: Pool },
  opts: { orgId: string; userId: string; actor: Actor; requestId?: string },
): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    const r = await tx.query(
      "update users set disabled_at = now() where org_id = $1 and id = $2 and disabled_at is null",
      [opts.orgId, opts.userId],
    );
    if (r.rowCount === 0) throw new AppError("not_found", { public: { userId: opts.userId } });
    await tx.query("delete from sessions where org_id = $1 and user_id = $2", [opts.orgId, opts.userId]);
    await tx.query("update api_tokens set revoked_at = now() where org_id = $1 and user_id = $2 and revoked_at is null", [
      opts.orgId,
      opts.userId,
    ]);
    await recordAuditEvent(tx, {
      orgId: opts.orgId,
      actor: opts.actor,
      action: "user.disable",
      targetType: "user",
      targetId: opts.userId,
      requestId: opts.requestId ?? null,
    });
  });
}
