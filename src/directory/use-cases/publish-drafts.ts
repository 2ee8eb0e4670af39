// Publishing: drafts become published versions, live now or from a given
// moment ("new number from 1 January"). Every rule runs on the directory as it
// would be live, including `no-reachable-contact`; nothing is published when
// any rule refuses. The change feed, search index and webhooks follow in the
// same transaction (syncLive), and an audit event records each version.
import { withTx, type Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import { resolveReachableContact, type DirectorySnapshot, type Violation } from "../domain/index.ts";
import { syncLive, type FeedChange } from "../feed/sync-live.ts";
import type { AnyEntity, EntityKind } from "../store/codecs.ts";
import { getVersion, listDrafts, loadSnapshot, publishDraft } from "../store/versions.ts";
import { checkEntity, checkRemoval } from "./check-entity.ts";
import { assertMay, lockDirectory, refuse, type DirectoryDeps, type WriteContext } from "./context.ts";
import { unitOf } from "./unit-of.ts";

export interface PublishedItem {
  kind: EntityKind;
  id: string;
  version: number;
  effectiveAt: Date;
  deleted: boolean;
}

export interface PublishResult {
  published: PublishedItem[];
  changes: FeedChange[];
}

function replaceIn(snapshot: DirectorySnapshot, kind: EntityKind, id: string, entity: AnyEntity | null): DirectorySnapshot {
  const swap = <T extends { id: string }>(list: T[]) => [...list.filter((x) => x.id !== id), ...(entity ? [entity as unknown as T] : [])];
  switch (kind) {
    case "profile":
      return entity ? { ...snapshot, org: entity as DirectorySnapshot["org"] } : snapshot;
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

function unreachable(snapshot: DirectorySnapshot): Map<string, Violation[]> {
  const out = new Map<string, Violation[]>();
  for (const u of snapshot.units) {
    const v = resolveReachableContact(u, snapshot).violations;
    if (v.length) out.set(u.id, v.map((x) => ({ ...x, path: `${u.name}: ${x.path}` })));
  }
  for (const s of snapshot.services) {
    if (s.status !== "active") continue;
    const v = resolveReachableContact(s, snapshot).violations;
    if (v.length) out.set(s.id, v.map((x) => ({ ...x, path: `${s.name}: ${x.path}` })));
  }
  return out;
}

/** Publishes drafts inside the caller's transaction. `items` absent: every draft of the organisation. */
export async function publishInTx(
  tx: Tx,
  ctx: WriteContext,
  o: { items?: { kind: EntityKind; id: string }[]; effectiveAt?: Date | null; now: Date },
): Promise<PublishResult> {
  await lockDirectory(tx, ctx.orgId);
  const all = await listDrafts(tx, ctx.orgId);
  const drafts = o.items ? all.filter((d) => o.items!.some((i) => i.id === d.id && i.kind === d.kind)) : all;
  if (drafts.length === 0 || (o.items && drafts.length < o.items.length)) {
    throw new AppError("not_found", { public: { reason: "no_draft" }, detail: "nothing to publish" });
  }
  const effectiveAt = o.effectiveAt && o.effectiveAt.getTime() > o.now.getTime() ? o.effectiveAt : null;
  const before = await loadSnapshot(tx, ctx.orgId, { mode: "live", at: effectiveAt ?? o.now });
  let after = before;
  const loaded: { kind: EntityKind; id: string; deleted: boolean; entity: AnyEntity }[] = [];
  for (const d of drafts) {
    const row = await getVersion(tx, ctx.orgId, d.kind, d.id, d.version);
    if (!row) continue;
    loaded.push({ kind: d.kind, id: d.id, deleted: row.deleted, entity: row.entity });
    after = replaceIn(after, d.kind, d.id, row.deleted ? null : row.entity);
  }
  const violations: Violation[] = [];
  for (const l of loaded) {
    assertMay(ctx, "directory:publish", unitOf(l.kind, l.entity, after) ?? unitOf(l.kind, l.entity, before), before);
    const found = l.deleted ? checkRemoval(l.kind, l.id, after) : checkEntity(l.kind, l.entity, after).filter((v) => v.ruleId !== "no-reachable-contact");
    violations.push(...found.map((v) => ({ ...v, path: `${l.kind}:${l.id}${v.path ? `.${v.path}` : ""}` })));
  }
  // Reachability: refuse what this publish breaks, not what was already so.
  const was = unreachable(before);
  for (const [id, vs] of unreachable(after)) {
    if (!was.has(id) || loaded.some((l) => l.id === id)) violations.push(...vs);
  }
  if (violations.length > 0) refuse(violations);

  const published: PublishedItem[] = [];
  for (const l of loaded) {
    const p = await publishDraft(tx, { orgId: ctx.orgId, kind: l.kind, id: l.id, effectiveAt, actorLabel: ctx.actor.label });
    if (!p) continue;
    published.push({ kind: l.kind, id: l.id, version: p.version, effectiveAt: p.effectiveAt, deleted: l.deleted });
    const action = l.deleted ? "deleted" : effectiveAt ? "scheduled" : "published";
    await recordAuditEvent(tx, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      action: `directory.${l.kind}.${action}`,
      targetType: `directory.${l.kind}`,
      targetId: l.id,
      after: { version: p.version, effectiveAt: p.effectiveAt.toISOString(), ...(l.deleted ? {} : { entity: l.entity }) },
      requestId: ctx.requestId ?? null,
    });
  }
  const changes = await syncLive(tx, ctx.orgId);
  return { published, changes };
}

export async function publishDrafts(
  deps: DirectoryDeps,
  ctx: WriteContext,
  o: { items?: { kind: EntityKind; id: string }[]; effectiveAt?: Date | null },
): Promise<PublishResult> {
  const result = await withTx(deps.pool, (tx) => publishInTx(tx, ctx, { ...o, now: deps.now() }));
  deps.onPublished?.(ctx.orgId);
  return result;
}
