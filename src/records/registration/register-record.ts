// Registers (diarieför) a record: takes the next number of the series for the
// year in the same transaction (gap-free: the counter row is locked until
// commit and a rollback returns the number), writes the register entry, links
// it into the archive chain and the audit trail, and marks the search index.
import type { Actor } from "../../platform/audit/index.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { appendArchiveEntry, ARCHIVE_STREAMS } from "../archive/append-archive-entry.ts";
import { findPersonalData } from "../redaction/personal-data.ts";
import { unitExists } from "./list-units.ts";

export const REGISTRATION_REASONS = ["secret", "removed_rule_breaking", "matter", "registrar_flag", "manual"] as const;
export type RegistrationReason = (typeof REGISTRATION_REASONS)[number];

export interface RegisterRecordInput {
  orgId: string;
  series: string;
  itemId?: string | null;
  reasons: RegistrationReason[];
  /** YYYY-MM-DD; default: the day the item was first captured (Stockholm). */
  receivedAt?: string | null;
  /** Default: the item's author. */
  sender?: string | null;
  subject: string;
  unitId?: string | null;
  classification: string;
  secrecyNote?: string | null;
  matter?: string | null;
  actor: Actor;
  requestId?: string | null;
}

export interface Registration {
  id: string;
  diaryNumber: string;
  series: string;
  year: number;
  number: number;
  itemId: string | null;
  reasons: string[];
  receivedAt: string;
  sender: string;
  subject: string;
  unitId: string | null;
  classification: string;
  secrecyNote: string | null;
  matter: string | null;
  registeredBy: string;
  registeredAt: string;
}

export function formatDiaryNumber(series: string, year: number, n: number): string {
  return `${series} ${year}/${String(n).padStart(5, "0")}`;
}

export async function registerRecord(deps: { pool: Pool }, i: RegisterRecordInput): Promise<Registration> {
  // The subject line is public even when the record is secret: it must not
  // carry the secret data itself.
  const sensitive = findPersonalData(i.subject);
  if (sensitive.length) throw new AppError("registration_subject_sensitive", { public: { found: sensitive.map((s) => s.kindSv).join(", "), field: "subject" } });
  return withTx(deps.pool, async (tx) => {
    const series = await tx.query("select 1 from diary_series where org_id = $1 and code = $2", [i.orgId, i.series]);
    if (!series.rowCount) throw new AppError("registration_series_unknown", { public: { series: i.series, field: "series" } });
    if (i.unitId && !(await unitExists(tx, i.orgId, i.unitId))) throw new AppError("validation_failed", { public: { field: "unitId" } });
    let receivedAt = i.receivedAt ?? null;
    let sender = i.sender ?? null;
    if (i.itemId) {
      const item = await tx.query<{ day: string; author: string | null }>(
        `select to_char(first_captured_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD') as day, author_name as author
           from captured_item_state where org_id = $1 and item_id = $2`, [i.orgId, i.itemId]);
      const row = item.rows[0];
      if (!row) throw new AppError("not_found", { public: { item: i.itemId } });
      receivedAt ??= row.day;
      sender ??= row.author ?? "okänd avsändare";
      const dup = await tx.query<{ diary_number: string }>("select diary_number from registrations where org_id = $1 and item_id = $2", [i.orgId, i.itemId]);
      if (dup.rows[0]) throw new AppError("conflict", { public: { diaryNumber: dup.rows[0].diary_number } });
    }
    if (!receivedAt || !sender) throw new AppError("validation_failed", { public: { field: !receivedAt ? "receivedAt" : "sender" } });
    const year = Number(receivedAt.slice(0, 4));
    const n = await tx.query<{ last_number: number }>(
      `insert into diary_counters (org_id, series, year, last_number) values ($1, $2, $3, 1)
       on conflict (org_id, series, year) do update set last_number = diary_counters.last_number + 1
       returning last_number`, [i.orgId, i.series, year]);
    const number = n.rows[0]!.last_number;
    const diaryNumber = formatDiaryNumber(i.series, year, number);
    const r = await tx.query<{ id: string; registered_at: Date }>(
      `insert into registrations (org_id, series, year, number, diary_number, item_id, reasons, received_at, sender, subject, unit_id,
                                  classification, secrecy_note, matter, registered_by, registered_by_label)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning id, registered_at`,
      [i.orgId, i.series, year, number, diaryNumber, i.itemId ?? null, i.reasons, receivedAt, sender, i.subject, i.unitId ?? null,
        i.classification, i.secrecyNote ?? null, i.matter ?? null, i.actor.id, i.actor.label]);
    const reg: Registration = {
      id: r.rows[0]!.id, diaryNumber, series: i.series, year, number, itemId: i.itemId ?? null, reasons: i.reasons, receivedAt, sender,
      subject: i.subject, unitId: i.unitId ?? null, classification: i.classification, secrecyNote: i.secrecyNote ?? null, matter: i.matter ?? null,
      registeredBy: i.actor.label, registeredAt: r.rows[0]!.registered_at.toISOString(),
    };
    await appendArchiveEntry(tx, { orgId: i.orgId, stream: ARCHIVE_STREAMS.registrations, recordType: "registration", recordId: reg.id, payload: reg });
    await recordAuditEvent(tx, { orgId: i.orgId, actor: i.actor, action: "records.registered", targetType: "registration", targetId: reg.id, after: reg, requestId: i.requestId ?? null });
    if (i.itemId) await tx.query("update record_search set diary_number = $3 where org_id = $1 and item_id = $2", [i.orgId, i.itemId, diaryNumber]);
    return reg;
  });
}
