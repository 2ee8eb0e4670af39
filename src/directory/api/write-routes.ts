// The write API: create, change, delete, publish, schedule, restore, verify.
// Route → one use case. The route's permission is checked before the body is
// parsed; the use case then checks the role on the unit concerned.
import { Type, type TSchema } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { diffEntities, fieldLabelSv, reviewQueue } from "../domain/index.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import type { EntityKind } from "../store/codecs.ts";
import { listDrafts, listVersions, loadSnapshot } from "../store/versions.ts";
import { deleteEntity, discardEntityDraft, restoreVersion, verifyContactPoint } from "../use-cases/change-entity.ts";
import { actorOf, type WriteContext } from "../use-cases/context.ts";
import { publishDrafts, type PublishResult } from "../use-cases/publish-drafts.ts";
import { saveEntity, type SaveResult } from "../use-cases/save-entity.ts";
import { contactPointFromInput, externalActorFromInput, profileFromInput, serviceFromInput, unitFromInput } from "./inputs.ts";
import {
  ContactPointInput,
  errorResponses,
  ExternalActorInput,
  HistoryResponse,
  IdParams,
  ProfileInput,
  PublishResponse,
  SaveResponse,
  ServiceInput,
  UnitInput,
  type ContactPointInputT,
  type ExternalActorInputT,
  type ProfileInputT,
  type ServiceInputT,
  type UnitInputT,
} from "./schemas.ts";
import { resolvedView } from "../read/present.ts";
import { listEmbedUses } from "../read/where-used.ts";

export const PATH_OF: Record<Exclude<EntityKind, "profile">, string> = {
  unit: "units",
  contact_point: "contact-points",
  service: "services",
  external_actor: "external-actors",
};

const security: { [k: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

export function writeContext(req: FastifyRequest): WriteContext {
  const p = req.principal!;
  return { orgId: p.orgId, actor: actorOf(p), principal: p, requestId: req.id };
}

function when(s: string | undefined): Date | null {
  if (!s) return null;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new AppError("validation_failed", { public: { field: "effectiveAt" } });
  return d;
}

function saveResponse(r: SaveResult<EntityKind>) {
  const p = r.publish?.published[0];
  return {
    id: r.id,
    version: r.version,
    state: p ? (p.effectiveAt.getTime() > Date.now() + 1000 ? ("scheduled" as const) : ("published" as const)) : ("draft" as const),
    effectiveAt: p ? p.effectiveAt.toISOString() : null,
    ...(r.resolution ? { reachable: resolvedView(r.resolution) } : {}),
  };
}

function publishResponse(r: PublishResult) {
  return { published: r.published.map((p) => ({ ...p, effectiveAt: p.effectiveAt.toISOString() })), changes: r.changes.length };
}

type Mapper = (body: Record<string, unknown>) => { entity: Record<string, unknown>; raw?: Record<string, unknown> };

const KINDS: { kind: Exclude<EntityKind, "profile">; schema: TSchema; map: Mapper; label: string }[] = [
  { kind: "unit", schema: UnitInput, map: (b) => ({ entity: unitFromInput(b as UnitInputT) as unknown as Record<string, unknown> }), label: "unit" },
  { kind: "contact_point", schema: ContactPointInput, map: (b) => ({ entity: contactPointFromInput(b as ContactPointInputT) as unknown as Record<string, unknown> }), label: "contact point" },
  { kind: "service", schema: ServiceInput, map: (b) => ({ entity: serviceFromInput(b as ServiceInputT) as unknown as Record<string, unknown> }), label: "service" },
  {
    kind: "external_actor",
    schema: ExternalActorInput,
    map: (b) => {
      const { entity, raw } = externalActorFromInput(b as ExternalActorInputT);
      return { entity: entity as unknown as Record<string, unknown>, raw };
    },
    label: "external actor (name and website only)",
  },
];

export async function registerWriteRoutes(app: FastifyInstance, rt: DirectoryRuntime): Promise<void> {
  const deps = rt.deps;
  for (const k of KINDS) {
    const base = `/api/v1/directory/${PATH_OF[k.kind]}`;
    const tags = ["directory (write)"];
    app.post(
      base,
      { config: { permission: "directory:write" }, schema: { tags, summary: `Create a ${k.label} (draft, or published with publish: true)`, security, body: k.schema, response: { 201: SaveResponse, ...errorResponses } } },
      async (req, reply) => {
        const body = req.body as Record<string, unknown>;
        const { entity, raw } = k.map(body);
        const r = await saveEntity(deps, writeContext(req), { kind: k.kind, entity: entity as never, ...(raw ? { raw } : {}), publish: body.publish === true, effectiveAt: when(body.effectiveAt as string | undefined) });
        return reply.code(201).send(saveResponse(r));
      },
    );
    app.put(
      `${base}/:id`,
      { config: { permission: "directory:write" }, schema: { tags, summary: `Change a ${k.label} (draft, or published with publish: true)`, security, params: IdParams, body: k.schema, response: { 200: SaveResponse, ...errorResponses } } },
      async (req) => {
        const body = req.body as Record<string, unknown>;
        const { entity, raw } = k.map(body);
        const { id } = req.params as { id: string };
        const r = await saveEntity(deps, writeContext(req), { kind: k.kind, entity: { ...entity, id } as never, ...(raw ? { raw } : {}), mustExist: true, publish: body.publish === true, effectiveAt: when(body.effectiveAt as string | undefined) });
        return saveResponse(r);
      },
    );
    app.delete(
      `${base}/:id`,
      {
        config: { permission: "directory:write" },
        schema: {
          tags,
          summary: `Delete a ${k.label} (a tombstone; draft unless publish=true)`,
          security,
          params: IdParams,
          querystring: Type.Object({ publish: Type.Optional(Type.Boolean()), effectiveAt: Type.Optional(Type.String({ format: "date-time" })) }),
          response: { 200: SaveResponse, ...errorResponses },
        },
      },
      async (req) => {
        const { id } = req.params as { id: string };
        const q = req.query as { publish?: boolean; effectiveAt?: string };
        const r = await deleteEntity(deps, writeContext(req), { kind: k.kind, id, publish: q.publish === true, effectiveAt: when(q.effectiveAt) });
        const p = r.publish?.published[0];
        return { id, version: r.version, state: p ? (p.effectiveAt.getTime() > Date.now() + 1000 ? "scheduled" : "published") : "draft", effectiveAt: p?.effectiveAt.toISOString() ?? null };
      },
    );
    app.delete(
      `${base}/:id/draft`,
      { config: { permission: "directory:write" }, schema: { tags, summary: `Discard the unpublished draft of a ${k.label}`, security, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (req, reply) => {
        await discardEntityDraft(deps, writeContext(req), { kind: k.kind, id: (req.params as { id: string }).id });
        return reply.code(204).send();
      },
    );
    app.get(
      `${base}/:id/history`,
      { config: { permission: "directory:read" }, schema: { tags, summary: `Every version of a ${k.label}, with field changes`, security, params: IdParams, response: { 200: HistoryResponse, ...errorResponses } } },
      async (req) => historyOf(rt, req.principal!.orgId, k.kind, (req.params as { id: string }).id),
    );
    app.post(
      `${base}/:id/restore`,
      {
        config: { permission: "directory:write" },
        schema: { tags, summary: `Restore an old version of a ${k.label} (as a new version)`, security, params: IdParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }), publish: Type.Optional(Type.Boolean()) }), response: { 200: SaveResponse, ...errorResponses } },
      },
      async (req) => {
        const { id } = req.params as { id: string };
        const b = req.body as { version: number; publish?: boolean };
        const r = await restoreVersion(deps, writeContext(req), { kind: k.kind, id, version: b.version, publish: b.publish === true });
        const p = r.publish?.published[0];
        return { id, version: r.version, state: p ? "published" : "draft", effectiveAt: p?.effectiveAt.toISOString() ?? null };
      },
    );
  }

  app.get(
    "/api/v1/directory/profile/history",
    { config: { permission: "directory:read" }, schema: { tags: ["directory (write)"], summary: "Every version of the organisation profile", security, response: { 200: HistoryResponse, ...errorResponses } } },
    async (req) => historyOf(rt, req.principal!.orgId, "profile", req.principal!.orgId),
  );
  app.put(
    "/api/v1/directory/profile",
    { config: { permission: "directory:write" }, schema: { tags: ["directory (write)"], summary: "The organisation's directory profile: domains, number series, contact center, calendar", security, body: ProfileInput, response: { 200: SaveResponse, ...errorResponses } } },
    async (req) => {
      const b = req.body as ProfileInputT;
      const r = await saveEntity(deps, writeContext(req), { kind: "profile", entity: profileFromInput(b) as never, publish: b.publish === true, effectiveAt: when(b.effectiveAt) });
      return saveResponse(r);
    },
  );

  app.post(
    "/api/v1/directory/publish",
    {
      config: { permission: "directory:publish" },
      schema: {
        tags: ["directory (write)"],
        summary: "Publish drafts (all, or the listed ones), now or from effectiveAt",
        security,
        body: Type.Object({
          items: Type.Optional(Type.Array(Type.Object({ kind: Type.Union(["profile", "unit", "contact_point", "service", "external_actor"].map((x) => Type.Literal(x))), id: Type.String({ format: "uuid" }) }), { maxItems: 1000 })),
          effectiveAt: Type.Optional(Type.String({ format: "date-time" })),
        }),
        response: { 200: PublishResponse, ...errorResponses },
      },
    },
    async (req) => {
      const b = req.body as { items?: { kind: EntityKind; id: string }[]; effectiveAt?: string };
      return publishResponse(await publishDrafts(deps, writeContext(req), { ...(b.items ? { items: b.items } : {}), effectiveAt: when(b.effectiveAt) }));
    },
  );

  app.get(
    "/api/v1/directory/drafts",
    {
      config: { permission: "directory:read" },
      schema: { tags: ["directory (write)"], summary: "Unpublished drafts", security, response: { 200: Type.Array(Type.Object({ kind: Type.String(), id: Type.String(), version: Type.Integer(), deleted: Type.Boolean(), createdAt: Type.String(), createdBy: Type.String() })), ...errorResponses } },
    },
    async (req) => (await listDrafts(deps.pool, req.principal!.orgId)).map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
  );

  app.post(
    "/api/v1/directory/contact-points/:id/verify",
    { config: { permission: "directory:write" }, schema: { tags: ["directory (write)"], summary: "Mark a contact point as reviewed (senast granskad)", security, params: IdParams, response: { 200: Type.Object({ id: Type.String(), verifiedAt: Type.String() }), ...errorResponses } } },
    async (req) => {
      const { id } = req.params as { id: string };
      const r = await verifyContactPoint(deps, writeContext(req), { id });
      return { id, verifiedAt: r.verifiedAt.toISOString() };
    },
  );

  app.get(
    "/api/v1/directory/contact-points/:id/where-used",
    {
      config: { permission: "directory:read" },
      schema: {
        tags: ["directory (write)"],
        summary: "Where a contact point is shown: host pages that embed its unit's card (reported by the embeds)",
        security,
        params: IdParams,
        response: { 200: Type.Array(Type.Object({ hostUrl: Type.String(), embed: Type.String(), lastSeen: Type.String(), hits: Type.Integer() })), ...errorResponses },
      },
    },
    async (req) => {
      const orgId = req.principal!.orgId;
      const snap = await loadSnapshot(deps.pool, orgId, { mode: "working" });
      const cp = snap.contactPoints.find((c) => c.id === (req.params as { id: string }).id);
      if (!cp) throw new AppError("not_found");
      return (await listEmbedUses(deps.pool, orgId, cp.unitId)).map((u) => ({ hostUrl: u.hostUrl, embed: u.embed, lastSeen: u.lastSeen.toISOString(), hits: u.hits }));
    },
  );

  app.get(
    "/api/v1/directory/review",
    {
      config: { permission: "directory:read" },
      schema: {
        tags: ["directory (write)"],
        summary: "Contact points due or overdue for review",
        security,
        response: { 200: Type.Array(Type.Object({ id: Type.String(), unitId: Type.String(), kind: Type.String(), label: Type.Union([Type.String(), Type.Null()]), state: Type.String(), dueAt: Type.Union([Type.String(), Type.Null()]) })), ...errorResponses },
      },
    },
    async (req) => {
      const snap = await loadSnapshot(deps.pool, req.principal!.orgId, { mode: "working" });
      return reviewQueue(snap.contactPoints, deps.now()).map((i) => ({ id: i.contactPoint.id, unitId: i.contactPoint.unitId, kind: i.contactPoint.kind, label: i.contactPoint.label ?? null, state: i.state, dueAt: i.dueAt?.toISOString() ?? null }));
    },
  );
}

export async function historyOf(rt: DirectoryRuntime, orgId: string, kind: EntityKind, id: string) {
  const versions = await listVersions(rt.deps.pool, orgId, kind, id);
  if (versions.length === 0) throw new AppError("not_found");
  return {
    versions: versions.map((v, i) => {
      const prev = versions[i + 1];
      return {
        version: v.version,
        state: v.state,
        deleted: v.deleted,
        effectiveAt: v.effectiveAt?.toISOString() ?? null,
        createdAt: v.createdAt.toISOString(),
        createdBy: v.createdBy,
        publishedAt: v.publishedAt?.toISOString() ?? null,
        publishedBy: v.publishedBy,
        changes: (v.deleted ? [] : diffEntities(prev?.entity ?? undefined, v.entity))
          .filter((c) => !c.path.startsWith("verification.verified"))
          .map((c) => ({ path: c.path, label_sv: fieldLabelSv(c.path), kind: c.kind, ...(c.before !== undefined ? { before: c.before } : {}), ...(c.after !== undefined ? { after: c.after } : {}) })),
        entity: v.entity,
      };
    }),
  };
}
