// Save a unit, contact point, service, external actor or the organisation
// profile as a draft (optionally publishing it at once, or from a date). The
// principles run first; a refused write stores nothing. Every save is audited.
import { randomUUID } from "node:crypto";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import { normalizeContactPoint, resolveReachableContact, type ContactPoint, type DirectorySnapshot, type Resolution } from "../domain/index.ts";
import type { AnyEntity, EntityByKind, EntityKind } from "../store/codecs.ts";
import { loadCurrent, loadSnapshot, writeDraft } from "../store/versions.ts";
import { checkDraft } from "./check-entity.ts";
import { assertMay, lockDirectory, refuse, type DirectoryDeps, type WriteContext } from "./context.ts";
import { publishInTx, type PublishResult } from "./publish-drafts.ts";
import { unitOf } from "./unit-of.ts";

export interface SaveResult<K extends EntityKind> {
  id: string;
  version: number;
  entity: EntityByKind[K];
  /** For units and services: where a resident would be sent (the fallback the system computed). */
  resolution?: Resolution;
  publish?: PublishResult;
}

function withEntity(snapshot: DirectorySnapshot, kind: EntityKind, entity: AnyEntity): DirectorySnapshot {
  const swap = <T extends { id: string }>(list: T[]) => [...list.filter((x) => x.id !== entity.id), entity as unknown as T];
  switch (kind) {
    case "profile":
      return { ...snapshot, org: entity as DirectorySnapshot["org"] };
    case "unit":
      return { ...snapshot, units: swap(snapshot.units) };
    case "contact_point":
      return { ...snapshot, contactPoints: swap(snapshot.contactPoints) };
    case "service":
      return { ...snapshot, services: swap(snapshot.services) };
    case "external_actor":
      return { ...snapshot, externalActors: swap(snapshot.externalActors) };
  }
}

/** Who confirmed a functional mobile, and when: filled in by the system, never taken from input. */
function stampMobileConfirmation(cp: ContactPoint, previous: ContactPoint | undefined, ctx: WriteContext, now: Date): ContactPoint {
  if (cp.kind !== "phone" || !cp.mobileConfirmed) return cp;
  const prev = previous?.kind === "phone" ? previous.mobileConfirmed : undefined;
  if (prev && prev.reason === cp.mobileConfirmed.reason) return { ...cp, mobileConfirmed: prev };
  return { ...cp, mobileConfirmed: { reason: cp.mobileConfirmed.reason, confirmedBy: ctx.actor.label, confirmedAt: now } };
}

export async function saveEntity<K extends EntityKind>(
  deps: DirectoryDeps,
  ctx: WriteContext,
  o: {
    kind: K;
    /** Without id: a new entity. The profile's id is the organisation's. */
    entity: Omit<EntityByKind[K], "id"> & { id?: string };
    /** The input as received, for rules that judge fields the type cannot hold (external actors). */
    raw?: Record<string, unknown>;
    /** Must exist when true (PUT semantics). */
    mustExist?: boolean;
    publish?: boolean;
    effectiveAt?: Date | null;
  },
): Promise<SaveResult<K>> {
  const now = deps.now();
  const result = await withTx(deps.pool, async (tx) => {
    await lockDirectory(tx, ctx.orgId);
    const working = await loadSnapshot(tx, ctx.orgId, { mode: "working" });
    const id = o.kind === "profile" ? ctx.orgId : (o.entity.id ?? randomUUID());
    const current = (await loadCurrent(tx, ctx.orgId, o.kind, { mode: "working" })).find((r) => r.entity.id === id);
    if (o.mustExist && (!current || current.deleted)) throw new AppError("not_found");
    if (!current && o.entity.id && o.kind !== "profile") {
      // Ids of new entities are ours to choose, except in imports (which keep HSDS ids).
      const other = await tx.query("select kind from dir_entities where org_id = $1 and id = $2", [ctx.orgId, id]);
      if (other.rowCount) throw new AppError("conflict");
    }
    let entity = { ...o.entity, id, ...(o.kind === "profile" ? {} : { orgId: ctx.orgId }) } as unknown as EntityByKind[K];
    if (o.kind === "contact_point") {
      entity = stampMobileConfirmation(entity as ContactPoint, current?.entity as ContactPoint | undefined, ctx, now) as EntityByKind[K];
    }
    // Scope: where the entity is now and where it would be after the save.
    if (current) assertMay(ctx, "directory:write", unitOf(o.kind, current.entity, working), working);
    assertMay(ctx, "directory:write", unitOf(o.kind, entity, working), working);
    const violations = checkDraft(o.kind, entity, withEntity(working, o.kind, entity), o.raw);
    if (violations.length > 0) refuse(violations);
    if (o.kind === "contact_point") entity = normalizeContactPoint(entity as ContactPoint) as EntityByKind[K];
    const version = await writeDraft(tx, { orgId: ctx.orgId, kind: o.kind, entity, actorLabel: ctx.actor.label });
    await recordAuditEvent(tx, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      action: `directory.${o.kind}.draft_saved`,
      targetType: `directory.${o.kind}`,
      targetId: id,
      before: current && !current.deleted ? current.entity : null,
      after: { version, entity },
      requestId: ctx.requestId ?? null,
    });
    if (o.kind === "contact_point") {
      const cp = entity as ContactPoint;
      const prev = current?.entity as ContactPoint | undefined;
      if (cp.kind === "phone" && cp.mobileConfirmed && (prev?.kind !== "phone" || prev.mobileConfirmed?.reason !== cp.mobileConfirmed.reason)) {
        // A mobile accepted as a functional phone: the reason is part of the audit trail.
        await recordAuditEvent(tx, {
          orgId: ctx.orgId,
          actor: ctx.actor,
          action: "directory.contact_point.mobile_confirmed",
          targetType: "directory.contact_point",
          targetId: id,
          after: { number: cp.number, reason: cp.mobileConfirmed.reason },
          requestId: ctx.requestId ?? null,
        });
      }
    }
    const after = withEntity(working, o.kind, entity);
    const resolution = o.kind === "unit" || o.kind === "service" ? resolveReachableContact(entity as EntityByKind["unit"], after) : undefined;
    const publish = o.publish ? await publishInTx(tx, ctx, { items: [{ kind: o.kind, id }], effectiveAt: o.effectiveAt ?? null, now }) : undefined;
    return { id, version, entity, ...(resolution ? { resolution } : {}), ...(publish ? { publish } : {}) };
  });
  if (result.publish) deps.onPublished?.(ctx.orgId);
  return result;
}
