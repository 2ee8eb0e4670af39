// The version repository: drafts, published (possibly scheduled) versions and
// tombstones, for every entity kind. SQL is built from the codecs' constant
// column lists; every value is a parameter.
import type { Queryable, Tx } from "../../platform/db/pool.ts";
import { DEFAULT_CALENDAR, DEFAULT_TIME_ZONE, type DirectorySnapshot, type OrganisationProfile } from "../domain/types.ts";
import { codec, ENTITY_KINDS, type EntityByKind, type EntityKind } from "./codecs.ts";

export type SnapshotView =
  /** What residents see at `at` (default now): the latest published version whose effective_at has passed. */
  | { mode: "live"; at?: Date }
  /** The editors' working copy: the draft if there is one, else the newest version. */
  | { mode: "working" };

export interface VersionMeta {
  version: number;
  state: "draft" | "published";
  deleted: boolean;
  effectiveAt: Date | null;
  createdAt: Date;
  createdBy: string;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export interface VersionRow<K extends EntityKind> extends VersionMeta {
  entity: EntityByKind[K];
}

const META_COLUMNS = "v.id, v.version, v.state, v.deleted, v.effective_at, v.created_at, v.created_by, v.published_at, v.published_by";

function selectList(kind: EntityKind): string {
  const c = codec(kind);
  return `${META_COLUMNS}, ${c.columns.map((x) => `v.${x}`).join(", ")}, ver.verified_at, ver.verified_by`;
}

function fromClause(kind: EntityKind): string {
  return `${codec(kind).table} v left join dir_verifications ver on ver.org_id = v.org_id and ver.contact_point_id = v.id`;
}

function meta(r: Record<string, unknown>): VersionMeta {
  return {
    version: r.version as number,
    state: r.state as "draft" | "published",
    deleted: r.deleted as boolean,
    effectiveAt: (r.effective_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
    createdBy: r.created_by as string,
    publishedAt: (r.published_at as Date | null) ?? null,
    publishedBy: (r.published_by as string | null) ?? null,
  };
}

/** One row per entity of `kind` as the view sees it (tombstones included; callers filter). */
export async function loadCurrent<K extends EntityKind>(db: Queryable, orgId: string, kind: K, view: SnapshotView): Promise<VersionRow<K>[]> {
  const c = codec(kind);
  const sql =
    view.mode === "live"
      ? `select distinct on (v.id) ${selectList(kind)} from ${fromClause(kind)}
         where v.org_id = $1 and v.state = 'published' and v.effective_at <= coalesce($2::timestamptz, now())
         order by v.id, v.effective_at desc, v.version desc`
      : `select distinct on (v.id) ${selectList(kind)} from ${fromClause(kind)}
         where v.org_id = $1 and $2::timestamptz is null
         order by v.id, (v.state = 'draft') desc, v.version desc`;
  const r = await db.query(sql, [orgId, view.mode === "live" ? (view.at ?? null) : null]);
  return r.rows.map((row: Record<string, unknown>) => ({ ...meta(row), entity: c.fromRow(row, orgId) }));
}

/** The organisation's profile as a new installation has it before anyone edits it. */
export async function defaultProfile(db: Queryable, orgId: string): Promise<OrganisationProfile> {
  const r = await db.query<{ name: string; domains: string[] }>("select name, domains from organisations where id = $1", [orgId]);
  const o = r.rows[0];
  return { id: orgId, name: o?.name ?? "", domains: o?.domains ?? [], numberSeries: [], calendar: DEFAULT_CALENDAR, timeZone: DEFAULT_TIME_ZONE };
}

export async function loadSnapshot(db: Queryable, orgId: string, view: SnapshotView): Promise<DirectorySnapshot> {
  // A pool runs the five queries in parallel; one client (a transaction) must run them in turn.
  const parallel = "totalCount" in db;
  const load = <K extends EntityKind>(kind: K) => loadCurrent(db, orgId, kind, view);
  const [profiles, units, contactPoints, services, externalActors] = parallel
    ? await Promise.all([load("profile"), load("unit"), load("contact_point"), load("service"), load("external_actor")])
    : [await load("profile"), await load("unit"), await load("contact_point"), await load("service"), await load("external_actor")];
  const live = <T>(rows: { deleted: boolean; entity: T }[]) => rows.filter((r) => !r.deleted).map((r) => r.entity);
  const org = live(profiles)[0] ?? (await defaultProfile(db, orgId));
  return { org, units: live(units), contactPoints: live(contactPoints), services: live(services), externalActors: live(externalActors) };
}

export async function listVersions<K extends EntityKind>(db: Queryable, orgId: string, kind: K, id: string): Promise<VersionRow<K>[]> {
  const r = await db.query(`select ${selectList(kind)} from ${fromClause(kind)} where v.org_id = $1 and v.id = $2 order by v.version desc`, [orgId, id]);
  return r.rows.map((row: Record<string, unknown>) => ({ ...meta(row), entity: codec(kind).fromRow(row, orgId) }));
}

export async function getVersion<K extends EntityKind>(db: Queryable, orgId: string, kind: K, id: string, version: number): Promise<VersionRow<K> | undefined> {
  const r = await db.query(`select ${selectList(kind)} from ${fromClause(kind)} where v.org_id = $1 and v.id = $2 and v.version = $3`, [orgId, id, version]);
  const row = r.rows[0] as Record<string, unknown> | undefined;
  return row ? { ...meta(row), entity: codec(kind).fromRow(row, orgId) } : undefined;
}

/** The kind of an existing entity, or undefined. */
export async function entityKind(db: Queryable, orgId: string, id: string): Promise<EntityKind | undefined> {
  const r = await db.query<{ kind: EntityKind }>("select kind from dir_entities where org_id = $1 and id = $2", [orgId, id]);
  return r.rows[0]?.kind;
}

/**
 * Writes the entity's draft (replacing an existing draft in place, else as the
 * next version number). Returns the draft's version. Locks the entity row so two
 * editors saving at once get consecutive versions, not a key conflict.
 */
export async function writeDraft<K extends EntityKind>(
  tx: Tx,
  o: { orgId: string; kind: K; entity: EntityByKind[K]; actorLabel: string; deleted?: boolean },
): Promise<number> {
  const c = codec(o.kind);
  const id = o.entity.id;
  await tx.query("insert into dir_entities (org_id, id, kind) values ($1, $2, $3) on conflict do nothing", [o.orgId, id, o.kind]);
  const k = await tx.query<{ kind: string }>("select kind from dir_entities where org_id = $1 and id = $2 for update", [o.orgId, id]);
  if (k.rows[0]?.kind !== o.kind) throw new Error(`entity ${id} is a ${k.rows[0]?.kind}, not a ${o.kind}`);
  const values = c.toRow(o.entity);
  const existing = await tx.query<{ version: number }>(`select version from ${c.table} where org_id = $1 and id = $2 and state = 'draft'`, [o.orgId, id]);
  const draft = existing.rows[0];
  if (draft) {
    const sets = c.columns.map((col, i) => `${col} = $${i + 4}`).join(", ");
    await tx.query(`update ${c.table} set ${sets}, deleted = $${c.columns.length + 4}, created_at = now(), created_by = $${c.columns.length + 5}
      where org_id = $1 and id = $2 and version = $3`, [o.orgId, id, draft.version, ...values, o.deleted ?? false, o.actorLabel]);
    return draft.version;
  }
  const next = await tx.query<{ v: number }>(`select coalesce(max(version), 0) + 1 as v from ${c.table} where org_id = $1 and id = $2`, [o.orgId, id]);
  const version = next.rows[0]!.v;
  const cols = ["org_id", "id", "version", "state", "deleted", "created_by", ...c.columns];
  const params = cols.map((_, i) => `$${i + 1}`).join(", ");
  await tx.query(`insert into ${c.table} (${cols.join(", ")}) values (${params})`, [o.orgId, id, version, "draft", o.deleted ?? false, o.actorLabel, ...values]);
  return version;
}

/** Turns the draft into a published version, live from `effectiveAt` (now when absent or past). */
export async function publishDraft(tx: Tx, o: { orgId: string; kind: EntityKind; id: string; effectiveAt: Date | null; actorLabel: string }): Promise<{ version: number; effectiveAt: Date } | undefined> {
  const c = codec(o.kind);
  const r = await tx.query<{ version: number; effective_at: Date }>(
    `update ${c.table} set state = 'published', effective_at = greatest(coalesce($3::timestamptz, now()), now()), published_at = now(), published_by = $4
     where org_id = $1 and id = $2 and state = 'draft' returning version, effective_at`,
    [o.orgId, o.id, o.effectiveAt, o.actorLabel],
  );
  const row = r.rows[0];
  return row ? { version: row.version, effectiveAt: row.effective_at } : undefined;
}

export async function discardDraft(tx: Tx, o: { orgId: string; kind: EntityKind; id: string }): Promise<boolean> {
  const r = await tx.query(`delete from ${codec(o.kind).table} where org_id = $1 and id = $2 and state = 'draft'`, [o.orgId, o.id]);
  return (r.rowCount ?? 0) > 0;
}

export interface DraftInfo {
  kind: EntityKind;
  id: string;
  version: number;
  deleted: boolean;
  createdAt: Date;
  createdBy: string;
}

export async function listDrafts(db: Queryable, orgId: string): Promise<DraftInfo[]> {
  const out: DraftInfo[] = [];
  for (const kind of ENTITY_KINDS) {
    const r = await db.query(`select id, version, deleted, created_at, created_by from ${codec(kind).table} where org_id = $1 and state = 'draft' order by created_at`, [orgId]);
    for (const row of r.rows as Record<string, unknown>[]) {
      out.push({ kind, id: row.id as string, version: row.version as number, deleted: row.deleted as boolean, createdAt: row.created_at as Date, createdBy: row.created_by as string });
    }
  }
  return out;
}

export interface ScheduledInfo {
  kind: EntityKind;
  id: string;
  version: number;
  deleted: boolean;
  effectiveAt: Date;
}

export async function listScheduled(db: Queryable, orgId: string): Promise<ScheduledInfo[]> {
  const r = await db.query(
    "select kind, id, version, deleted, effective_at from dir_all_versions where org_id = $1 and state = 'published' and effective_at > now() order by effective_at, kind",
    [orgId],
  );
  return (r.rows as Record<string, unknown>[]).map((x) => ({ kind: x.kind as EntityKind, id: x.id as string, version: x.version as number, deleted: x.deleted as boolean, effectiveAt: x.effective_at as Date }));
}
