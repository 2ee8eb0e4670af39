// CSV for people who open it in a spreadsheet: comment text and author names
// are hostile input, and a cell starting with = + - @ would run as a formula
// (CSV injection), so such cells get a leading apostrophe (OWASP's advice).
// UTF-8 with BOM and semicolons, as Swedish Excel expects.
import { stringify } from "csv-stringify/sync";

const FORMULA = /^[=+\-@\t\r]/;

/** Rows as objects, columns named with their headers. */
export function toCsv(rows: Record<string, unknown>[], columns: readonly { key: string; header: string }[]): string {
  return stringify(rows, {
    header: true, delimiter: ";", bom: true, columns: columns.map((c) => ({ key: c.key, header: c.header })),
    cast: { string: (v) => (FORMULA.test(v) ? `'${v}` : v) },
  });
}

/** A header and rows of cells (reports and analytics tables). */
export function toCsvTable(header: readonly string[], rows: readonly (string | number | null)[][]): string {
  return stringify(rows.map((r) => r.map((v) => v ?? "")), {
    header: true, delimiter: ";", bom: true, columns: header.map((h) => String(h)),
    cast: { string: (v) => (FORMULA.test(v) ? `'${v}` : v) },
  });
}
