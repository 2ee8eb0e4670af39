// What every directory use case gets: the pool, a clock, who acts, and a hook
// to drop this process's cached snapshot the moment a change commits (other
// processes learn it through NOTIFY a few milliseconds later).
import type { Principal } from "../../access/principal.ts";
import { can, type Permission } from "../../access/policy.ts";
import type { Pool, Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/audit/index.ts";
import { ancestry, indexSnapshot } from "../domain/snapshot.ts";
import type { DirectorySnapshot, Violation } from "../domain/index.ts";

export interface DirectoryDeps {
  pool: Pool;
  now: () => Date;
  /** Called after a commit that may have changed the published directory of `orgId`. */
  onPublished?: (orgId: string) => void;
}

export interface WriteContext {
  orgId: string;
  actor: Actor;
  /** Absent for the CLI and the system: they act for the whole organisation. */
  principal?: Principal | undefined;
  requestId?: string | undefined;
}

export function actorOf(p: Principal): Actor {
  return { id: p.userId, label: p.username };
}

/**
 * A role on a unit covers that unit and everything below it; a role on the
 * organisation covers all. `unitId` null means an organisation-level thing
 * (profile, external actors, a new top-level unit).
 */
export function assertMay(ctx: WriteContext, perm: Permission, unitId: string | null, snapshot: DirectorySnapshot): void {
  if (!ctx.principal) return;
  const ok =
    unitId === null
      ? can(ctx.principal, perm, { unitId: null, unitAncestors: [] })
      : can(ctx.principal, perm, { unitId, unitAncestors: ancestry(unitId, indexSnapshot(snapshot)).map((u) => u.id) });
  if (!ok) throw new AppError("forbidden", { detail: `needs ${perm} on ${unitId ?? "the organisation"}` });
}

export function refuse(violations: Violation[], extra: Record<string, unknown> = {}): never {
  throw new AppError("principle_violation", { public: { violations, ...extra }, detail: violations.map((v) => `${v.ruleId}:${v.path}`).join(", ") });
}

/**
 * Directory writes of one organisation run one at a time. Taken first in every
 * write transaction, it fixes the lock order (this, then row locks, then the
 * audit chain's lock), so a save and a publish of the same entity cannot
 * deadlock. Re-entrant within a transaction.
 */
export async function lockDirectory(tx: Tx, orgId: string): Promise<void> {
  await tx.query("select pg_advisory_xact_lock(hashtextextended('directory-write:' || $1::text, 0))", [orgId]);
}
