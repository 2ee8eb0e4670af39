// Import (HSDS 3.0 JSON or the CSV template): every record passes the same
// principles as the API; when any record is refused, nothing is imported.
// Otherwise everything is written and published in one transaction, each
// entity audited.
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import { fromHsdsDocument, normalizeContactPoint, type DirectorySnapshot, type HsdsImport, type ImportViolation, type Violation } from "../domain/index.ts";
import { fromCsv } from "../import/csv.ts";
import type { EntityByKind, EntityKind } from "../store/codecs.ts";
import { loadSnapshot, writeDraft } from "../store/versions.ts";
import { lockDirectory, type DirectoryDeps, type WriteContext } from "./context.ts";
import { publishInTx } from "./publish-drafts.ts";

export type ImportFormat = "hsds" | "csv";

export function parseImport(format: ImportFormat, text: string, existing: DirectorySnapshot): HsdsImport {
  if (format === "csv") return fromCsv(text, existing);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { units: [], contactPoints: [], services: [], externalActors: [], violations: [{ ruleId: "invalid-structure", path: "", message_sv: `Filen är inte giltig JSON: ${(e as Error).message}`, message_en: `The file is not valid JSON: ${(e as Error).message}`, ref: "(fil)" }] };
  }
  return fromHsdsDocument(doc, existing);
}

export interface ImportResult {
  violations: ImportViolation[];
  counts: { units: number; contactPoints: number; services: number; externalActors: number };
  imported: boolean;
}

export async function importDirectory(deps: DirectoryDeps, ctx: WriteContext, o: { format: ImportFormat; text: string; dryRun: boolean }): Promise<ImportResult> {
  const existing = await loadSnapshot(deps.pool, ctx.orgId, { mode: "working" });
  const parsed = parseImport(o.format, o.text, existing);
  const counts = { units: parsed.units.length, contactPoints: parsed.contactPoints.length, services: parsed.services.length, externalActors: parsed.externalActors.length };
  if (parsed.violations.length > 0 || o.dryRun) return { violations: parsed.violations, counts, imported: false };
  try {
    await withTx(deps.pool, async (tx) => {
      await lockDirectory(tx, ctx.orgId);
      const items: { kind: EntityKind; id: string }[] = [];
      const put = async <K extends EntityKind>(kind: K, entity: EntityByKind[K]) => {
        await writeDraft(tx, { orgId: ctx.orgId, kind, entity, actorLabel: ctx.actor.label });
        await recordAuditEvent(tx, { orgId: ctx.orgId, actor: ctx.actor, action: `directory.${kind}.imported`, targetType: `directory.${kind}`, targetId: entity.id, after: entity, requestId: ctx.requestId ?? null });
        items.push({ kind, id: entity.id });
      };
      for (const u of parsed.units) await put("unit", u);
      for (const a of parsed.externalActors) await put("external_actor", a);
      for (const c of parsed.contactPoints) await put("contact_point", normalizeContactPoint(c));
      for (const s of parsed.services) await put("service", s);
      if (items.length > 0) await publishInTx(tx, ctx, { items, now: deps.now() });
    });
  } catch (e) {
    // Publishing checks reachability across the whole directory; report it like any other refusal.
    if (e instanceof AppError && e.code === "principle_violation") {
      const vs = (e.publicContext?.violations as Violation[] | undefined) ?? [];
      return { violations: vs.map((v) => ({ ...v, ref: v.path.split(".")[0] ?? "" })), counts, imported: false };
    }
    throw e;
  }
  deps.onPublished?.(ctx.orgId);
  return { violations: [], counts, imported: true };
}
