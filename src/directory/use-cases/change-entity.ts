// Delete (a tombstone version), restore (a new version copying an old one),
// discard a draft, and mark a contact point verified. Each is audited.
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import { DIRECTORY_CHANNEL } from "../feed/sync-live.ts";
import type { EntityKind } from "../store/codecs.ts";
import { discardDraft, getVersion, loadCurrent, loadSnapshot, writeDraft } from "../store/versions.ts";
import { checkDraft } from "./check-entity.ts";
import { assertMay, lockDirectory, refuse, type DirectoryDeps, type WriteContext } from "./context.ts";
import { publishInTx, type PublishResult } from "./publish-drafts.ts";
import { unitOf } from "./unit-of.ts";

async function currentOf(tx: Parameters<typeof loadCurrent>[0], orgId: string, kind: EntityKind, id: string) {
  const row = (await loadCurrent(tx, orgId, kind, { mode: "working" })).find((r) => r.entity.id === id);
  if (!row) throw new AppError("not_found");
  return row;
}

export async function deleteEntity(
  deps: DirectoryDeps,
  ctx: WriteContext,
  o: { kind: EntityKind; id: string; publish?: boolean; effectiveAt?: Date | null },
): Promise<{ version: number; publish?: PublishResult }> {
  if (o.kind === "profile") throw new AppError("bad_request", { detail: "the profile cannot be deleted" });
  const now = deps.now();
  const r = await withTx(deps.pool, async (tx) => {
    await lockDirectory(tx, ctx.orgId);
    const working = await loadSnapshot(tx, ctx.orgId, { mode: "working" });
    const current = await currentOf(tx, ctx.orgId, o.kind, o.id);
    if (current.deleted) throw new AppError("not_found");
    assertMay(ctx, "directory:write", unitOf(o.kind, current.entity, working), working);
    const version = await writeDraft(tx, { orgId: ctx.orgId, kind: o.kind, entity: current.entity, actorLabel: ctx.actor.label, deleted: true });
    await recordAuditEvent(tx, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      action: `directory.${o.kind}.delete_drafted`,
      targetType: `directory.${o.kind}`,
      targetId: o.id,
      before: current.entity,
      after: { version, deleted: true },
      requestId: ctx.requestId ?? null,
    });
    const publish = o.publish ? await publishInTx(tx, ctx, { items: [{ kind: o.kind, id: o.id }], effectiveAt: o.effectiveAt ?? null, now }) : undefined;
    return { version, ...(publish ? { publish } : {}) };
  });
  if (r.publish) deps.onPublished?.(ctx.orgId);
  return r;
}

export async function restoreVersion(
  deps: DirectoryDeps,
  ctx: WriteContext,
  o: { kind: EntityKind; id: string; version: number; publish?: boolean; effectiveAt?: Date | null },
): Promise<{ version: number; publish?: PublishResult }> {
  const now = deps.now();
  const r = await withTx(deps.pool, async (tx) => {
    await lockDirectory(tx, ctx.orgId);
    const old = await getVersion(tx, ctx.orgId, o.kind, o.id, o.version);
    if (!old) throw new AppError("not_found");
    const working = await loadSnapshot(tx, ctx.orgId, { mode: "working" });
    assertMay(ctx, "directory:write", unitOf(o.kind, old.entity, working), working);
    // The old version must still pass today's rules in today's directory.
    const violations = checkDraft(o.kind, old.entity, working);
    if (violations.length > 0) refuse(violations);
    const version = await writeDraft(tx, { orgId: ctx.orgId, kind: o.kind, entity: old.entity, actorLabel: ctx.actor.label });
    await recordAuditEvent(tx, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      action: `directory.${o.kind}.restored`,
      targetType: `directory.${o.kind}`,
      targetId: o.id,
      after: { version, fromVersion: o.version, entity: old.entity },
      requestId: ctx.requestId ?? null,
    });
    const publish = o.publish ? await publishInTx(tx, ctx, { items: [{ kind: o.kind, id: o.id }], effectiveAt: o.effectiveAt ?? null, now }) : undefined;
    return { version, ...(publish ? { publish } : {}) };
  });
  if (r.publish) deps.onPublished?.(ctx.orgId);
  return r;
}

export async function discardEntityDraft(deps: DirectoryDeps, ctx: WriteContext, o: { kind: EntityKind; id: string }): Promise<void> {
  await withTx(deps.pool, async (tx) => {
    await lockDirectory(tx, ctx.orgId);
    const working = await loadSnapshot(tx, ctx.orgId, { mode: "working" });
    const current = await currentOf(tx, ctx.orgId, o.kind, o.id);
    assertMay(ctx, "directory:write", unitOf(o.kind, current.entity, working), working);
    if (!(await discardDraft(tx, { orgId: ctx.orgId, kind: o.kind, id: o.id }))) throw new AppError("not_found");
    await recordAuditEvent(tx, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      action: `directory.${o.kind}.draft_discarded`,
      targetType: `directory.${o.kind}`,
      targetId: o.id,
      before: current.entity,
      requestId: ctx.requestId ?? null,
    });
  });
}

/** "Senast granskad": a review that may change nothing, so it writes no version. */
export async function verifyContactPoint(deps: DirectoryDeps, ctx: WriteContext, o: { id: string }): Promise<{ verifiedAt: Date }> {
  const verifiedAt = deps.now();
  await withTx(deps.pool, async (tx) => {
    await lockDirectory(tx, ctx.orgId);
    const working = await loadSnapshot(tx, ctx.orgId, { mode: "working" });
    const current = await currentOf(tx, ctx.orgId, "contact_point", o.id);
    if (current.deleted) throw new AppError("not_found");
    assertMay(ctx, "directory:write", unitOf("contact_point", current.entity, working), working);
    const before = await tx.query("select verified_at, verified_by from dir_verifications where org_id = $1 and contact_point_id = $2", [ctx.orgId, o.id]);
    await tx.query(
      `insert into dir_verifications (org_id, contact_point_id, verified_at, verified_by) values ($1, $2, $3, $4)
       on conflict (org_id, contact_point_id) do update set verified_at = excluded.verified_at, verified_by = excluded.verified_by`,
      [ctx.orgId, o.id, verifiedAt, ctx.actor.label],
    );
    await recordAuditEvent(tx, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      action: "directory.contact_point.verified",
      targetType: "directory.contact_point",
      targetId: o.id,
      before: before.rows[0] ?? null,
      after: { verified_at: verifiedAt.toISOString(), verified_by: ctx.actor.label },
      requestId: ctx.requestId ?? null,
    });
    // Public cards show "senast granskad": tell every process.
    await tx.query("select pg_notify($1, $2)", [DIRECTORY_CHANNEL, ctx.orgId]);
  });
  deps.onPublished?.(ctx.orgId);
  return { verifiedAt };
}
