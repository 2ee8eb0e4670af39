// Explicit policies (STYLE 6): which role may do what, in one table. Every
// route names the permission it needs; tests prove 401/403 for wrong callers.
import type { Principal, Role } from "./principal.ts";

export const PERMISSIONS = {
  /** Any signed-in person or valid token, with or without roles: own profile, sign-out, the dashboard. */
  self: ["admin", "editor", "moderator", "registrar", "viewer"],
  "dashboard:view": ["admin", "editor", "moderator", "registrar", "viewer"],
  "audit:read": ["admin", "registrar"],
  "users:manage": ["admin"],
  "tokens:manage": ["admin"],
  "directory:read": ["admin", "editor", "moderator", "registrar", "viewer"],
  "directory:write": ["admin", "editor"],
  "directory:publish": ["admin", "editor"],
  "moderation:decide": ["admin", "moderator"],
  /** Moderation records (block list, police reports, supervision): public records a registrar keeps too. */
  "moderation:read": ["admin", "moderator", "registrar"],
  /** Strike thresholds, appeal period, supervision limit. */
  "moderation:configure": ["admin"],
  "channels:manage": ["admin"],
  /** Search and read records; personal data comes masked. */
  "records:read": ["admin", "registrar", "moderator"],
  /** See records with personal data unmasked (every such read is audited). */
  "records:unmask": ["admin", "registrar"],
  /** Register (diarieföra) records, flag items for registration. */
  "records:register": ["admin", "registrar"],
  /** Handle records requests (utlämnande) and their redactions. */
  "records:request": ["admin", "registrar"],
  /** Disposal rules, dry runs, execution, legal holds; archival exports. */
  "records:dispose": ["admin", "registrar"],
  "metrics:read": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const TOKEN_SCOPES = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => p !== "self");

/**
 * May `p` do `perm` (optionally on a unit)? A role assigned on a unit applies to
 * that unit; `unitAncestors` lets a role on a parent unit cover its children.
 */
export function can(
  p: Principal | undefined,
  perm: Permission,
  target: { unitId?: string | null; unitAncestors?: string[] } = {},
): boolean {
  if (!p) return false;
  if (perm === "self") return true;
  if (p.via === "token" && !p.scopes?.includes(perm)) return false;
  const allowed: readonly Role[] = PERMISSIONS[perm];
  return p.roles.some((r) => {
    if (!allowed.includes(r.role)) return false;
    if (r.unitId === null) return true;
    if (target.unitId === undefined) return true; // list-level: a unit role may see its own units
    return r.unitId === target.unitId || (target.unitAncestors ?? []).includes(r.unitId);
  });
}
