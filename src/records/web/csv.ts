// CSV for people who open it in a spreadsheet: comment text and author names
// are hostile input, and a cell starting with = + - @ would run as a formula
// (CSV injection), so such cells get a leading apostrophe (OWASP's advice).
// UTF-8 with BOM and semicolons, as Swedish Excel expects.
import { stringify } from "csv-stringify/sync";

const FORMULA = /^[=+\-@\t\r]/;

export function toCsv(rows: Record<string, unknown>[], columns: readonly { key: string; header: string }[]): string {
  return stringify(rows, {
    header: true, delimiter: ";", bom: true, columns: columns.map((c) => ({ key: c.key, header: c.header })),
    cast: { string: (v) => (FORMULA.test(v) ? `'${v}` : v) },
  });
}
