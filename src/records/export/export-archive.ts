// `vaxel records export`: verifies the archive, collects a period, writes the
// package and records it (archive_exports, audit). Snapshots: the schedule
// exports each completed period (default every half year: Jan–Jun, Jul–Dec)
// that has no snapshot yet.
import fs from "node:fs";
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { verifyRecords } from "../archive/verify-records.ts";
import { getArchiveSettings } from "./archive-settings.ts";
import { collectPackage } from "./collect-package.ts";
import { writePackage, type PackageInfo } from "./write-package.ts";

const pkg = JSON.parse(fs.readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };

export interface ExportResult extends PackageInfo {
  items: number;
  verified: boolean;
}

export async function exportArchive(
  deps: { pool: Pool; key: Buffer },
  o: { orgId: string; outDir: string; from: string | null; to: string | null; kind?: "manual" | "snapshot"; actor: Actor; now?: Date },
): Promise<ExportResult> {
  const org = (await deps.pool.query<{ name: string; slug: string }>("select name, slug from organisations where id = $1", [o.orgId])).rows[0]!;
  // Verify first: the package carries the verification of the chains it came from.
  const report = await verifyRecords(deps.pool, { orgId: o.orgId, key: deps.key });
  const content = await collectPackage(deps.pool, { orgId: o.orgId, from: o.from, to: o.to });
  const settings = await getArchiveSettings(deps.pool, o.orgId);
  const info = writePackage({
    outDir: o.outDir, content, organisation: { ...org, organisationNumber: settings.organisationNumber },
    submissionAgreement: settings.submissionAgreement, referenceCode: settings.referenceCode,
    period: { from: o.from, to: o.to }, software: { name: "Växel", version: pkg.version }, now: o.now,
    verifyReport: { verifiedAt: (o.now ?? new Date()).toISOString(), ...report },
  });
  await withTx(deps.pool, async (tx) => {
    await tx.query(
      `insert into archive_exports (org_id, package_id, period_from, period_to, out_path, mets_sha256, files, items, kind, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [o.orgId, info.packageId, o.from, o.to, info.dir, info.metsSha256, info.files.length + 1, content.items.length, o.kind ?? "manual", o.actor.label]);
    await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: "records.exported", targetType: "archive_package", targetId: info.packageId,
      after: { from: o.from, to: o.to, items: content.items.length, metsSha256: info.metsSha256, verified: report.ok } });
  });
  return { ...info, items: content.items.length, verified: report.ok };
}

/** Completed periods of `months` months (aligned to Jan 1) up to `now` that have no snapshot, oldest first. */
export function completedPeriods(now: Date, months: number, since: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  const start = new Date(`${since.slice(0, 4)}-01-01T00:00:00Z`);
  for (let d = start; ; ) {
    const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
    if (next > now) break;
    const last = new Date(next.getTime() - 86_400_000);
    out.push({ from: d.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) });
    d = next;
  }
  return out;
}

export async function runSnapshots(
  deps: { pool: Pool; key: Buffer },
  o: { orgId: string; outDir: string; everyMonths?: number; actor: Actor; now?: Date },
): Promise<ExportResult[]> {
  const now = o.now ?? new Date();
  const first = await deps.pool.query<{ d: string | null }>("select to_char(min(coalesce(platform_time, received_at)), 'YYYY-MM-DD') as d from capture_versions where org_id = $1", [o.orgId]);
  if (!first.rows[0]?.d) return [];
  const done = new Set((await deps.pool.query<{ f: string }>(
    "select to_char(period_from, 'YYYY-MM-DD') as f from archive_exports where org_id = $1 and kind = 'snapshot'", [o.orgId])).rows.map((r) => r.f));
  const out: ExportResult[] = [];
  for (const p of completedPeriods(now, o.everyMonths ?? 6, first.rows[0].d)) {
    if (done.has(p.from)) continue;
    out.push(await exportArchive(deps, { orgId: o.orgId, outDir: o.outDir, from: p.from, to: p.to, kind: "snapshot", actor: o.actor, now }));
  }
  return out;
}
