// Shared table printer for the benchmarks. Plain text (no colours, no box
// drawing) so the output can be pasted into issues and notes as it is.

export type Cell = string | number | boolean | null | undefined;

export interface Column {
  /** Header text. */
  title: string;
  /** Right-align numbers by default; text columns are left-aligned. */
  align?: "left" | "right";
  /** Decimals for numeric cells (default: integers as is, others 2). */
  decimals?: number;
}

function formatCell(value: Cell, column: Column): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return String(value);
    const decimals = column.decimals ?? (Number.isInteger(value) ? 0 : 2);
    // Thin grouping makes comments/s readable without locale surprises.
    const fixed = value.toFixed(decimals);
    const [int = "", frac] = fixed.split(".");
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    return frac === undefined ? grouped : `${grouped}.${frac}`;
  }
  return value;
}

/** Render a titled table to a string (exported for tests and for writing files). */
export function renderTable(title: string, columns: readonly (Column | string)[], rows: readonly (readonly Cell[])[]): string {
  const cols: Column[] = columns.map((c) => (typeof c === "string" ? { title: c } : c));
  const cells = rows.map((row) => cols.map((col, i) => formatCell(row[i], col)));
  const widths = cols.map((col, i) => Math.max(col.title.length, ...cells.map((r) => (r[i] ?? "").length)));
  const isNumeric = cols.map((col, i) => col.align ?? (rows.length > 0 && rows.every((r) => typeof r[i] === "number" || r[i] == null) ? "right" : "left"));
  const pad = (text: string, i: number): string => {
    const width = widths[i] ?? 0;
    return isNumeric[i] === "right" ? text.padStart(width) : text.padEnd(width);
  };
  const line = (parts: string[]): string => `| ${parts.map(pad).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (isNumeric[i] === "right" ? `${"-".repeat(w + 1)}:` : `:${"-".repeat(w + 1)}`)).join("|")}|`;
  return [`${title}`, "", line(cols.map((c) => c.title)), sep, ...cells.map(line), ""].join("\n");
}

/** Print a titled Markdown-compatible table to stdout. */
export function printTable(title: string, columns: readonly (Column | string)[], rows: readonly (readonly Cell[])[]): void {
  console.log(renderTable(title, columns, rows));
}
