// What the packages say about the municipality that delivers them
// (archive_settings, migration 0471): its organisation number — the
// identification code of the ARCHIVIST and SUBMITTER agents (E-ARK SIP) —
// and the submission agreement and archival reference code its e-archive
// gave it. Set with `vaxel records archive-settings`; audited.
import { createRequire } from "node:module";
import type OrganisationsnummerModule from "organisationsnummer";
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool, Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";

// CommonJS with a default export: loaded as the analyzer loads personnummer.
const Organisationsnummer = createRequire(import.meta.url)("organisationsnummer") as typeof OrganisationsnummerModule.default;

export interface ArchiveSettings {
  organisationNumber: string | null;
  submissionAgreement: string | null;
  referenceCode: string | null;
}

export async function getArchiveSettings(db: Queryable, orgId: string): Promise<ArchiveSettings> {
  const r = await db.query<{ organisation_number: string | null; submission_agreement: string | null; reference_code: string | null }>(
    "select organisation_number, submission_agreement, reference_code from archive_settings where org_id = $1", [orgId]);
  const x = r.rows[0];
  return { organisationNumber: x?.organisation_number ?? null, submissionAgreement: x?.submission_agreement ?? null, referenceCode: x?.reference_code ?? null };
}

/** Normalises a Swedish organisation number to NNNNNN-NNNN; refuses one whose check digit is wrong. */
export function normaliseOrganisationNumber(v: string): string {
  if (!Organisationsnummer.valid(v)) throw new AppError("validation_failed", { public: { field: "organisation-number", why: "NNNNNN-NNNN with a valid check digit" } });
  return Organisationsnummer.parse(v).format(true);
}

/** Updates the fields given (undefined: unchanged; empty string: cleared). */
export async function setArchiveSettings(deps: { pool: Pool }, i: { orgId: string; actor: Actor } & { [K in keyof ArchiveSettings]?: string }): Promise<ArchiveSettings> {
  const before = await getArchiveSettings(deps.pool, i.orgId);
  const pick = (v: string | undefined, old: string | null, f: (s: string) => string = (s) => s) => v === undefined ? old : v.trim() === "" ? null : f(v.trim());
  const next: ArchiveSettings = {
    organisationNumber: pick(i.organisationNumber, before.organisationNumber, normaliseOrganisationNumber),
    submissionAgreement: pick(i.submissionAgreement, before.submissionAgreement),
    referenceCode: pick(i.referenceCode, before.referenceCode),
  };
  await withTx(deps.pool, async (tx) => {
    await tx.query(
      `insert into archive_settings (org_id, organisation_number, submission_agreement, reference_code, updated_by) values ($1, $2, $3, $4, $5)
       on conflict (org_id) do update set organisation_number = excluded.organisation_number, submission_agreement = excluded.submission_agreement,
         reference_code = excluded.reference_code, updated_by = excluded.updated_by, updated_at = now()`,
      [i.orgId, next.organisationNumber, next.submissionAgreement, next.referenceCode, i.actor.label]);
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.archive_settings_changed", targetType: "organisation", targetId: i.orgId, before: { ...before }, after: { ...next } });
  });
  return next;
}
