// The register (diarium) as rows for the page and the CSV/JSON export.
import type { Queryable } from "../../platform/db/pool.ts";
import type { Registration } from "./register-record.ts";

export interface RegisterFilter {
  orgId: string;
  series?: string | undefined;
  year?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

export async function listRegistrations(db: Queryable, f: RegisterFilter): Promise<Registration[]> {
  const r = await db.query(
    `select id, diary_number, series, year, number, item_id, reasons, to_char(received_at, 'YYYY-MM-DD') as received_at, sender, subject,
            unit_id, classification, secrecy_note, matter, registered_by_label, registered_at
       from registrations
      where org_id = $1 and ($2::text is null or series = $2) and ($3::int is null or year = $3)
        and ($4::date is null or received_at >= $4) and ($5::date is null or received_at <= $5)
      order by series, year, number limit $6`,
    [f.orgId, f.series ?? null, f.year ?? null, f.from ?? null, f.to ?? null, Math.min(f.limit ?? 10_000, 100_000)]);
  return r.rows.map((x) => ({
    id: x.id, diaryNumber: x.diary_number, series: x.series, year: x.year, number: x.number, itemId: x.item_id, reasons: x.reasons,
    receivedAt: x.received_at, sender: x.sender, subject: x.subject, unitId: x.unit_id, classification: x.classification,
    secrecyNote: x.secrecy_note, matter: x.matter, registeredBy: x.registered_by_label, registeredAt: new Date(x.registered_at).toISOString(),
  }));
}

/** CSV columns for import into a case management system (Swedish headers, as registrars name them). */
export const REGISTER_CSV_COLUMNS = [
  { key: "diaryNumber", header: "Diarienummer" },
  { key: "receivedAt", header: "Inkom" },
  { key: "sender", header: "Avsändare" },
  { key: "subject", header: "Ärendemening" },
  { key: "unitId", header: "Enhet" },
  { key: "classification", header: "Klassificering" },
  { key: "secrecyNote", header: "Sekretessmarkering" },
  { key: "matter", header: "Hör till ärende" },
  { key: "reasons", header: "Skäl för registrering" },
  { key: "itemId", header: "Post-id" },
  { key: "registeredBy", header: "Registrerad av" },
  { key: "registeredAt", header: "Registrerad" },
  // The codes too, last, for imports that map them (the column before is for people).
  { key: "reasonCodes", header: "Skälkoder" },
] as const;
