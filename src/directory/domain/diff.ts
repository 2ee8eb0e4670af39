// Field-level diff between two versions of an entity, for the history view ("Telefonnummer:
// 0520-49 50 00 → 0520-49 60 00"). Arrays of objects with an `id` (or, for opening-hours
// exceptions, a `date`) are matched by that key, so reordering is not reported as changes.
export interface FieldChange {
  /** Dotted path: `number`, `openingHours.weekly.mo[0].to`, `exceptions[date=2026-12-24].kind`. */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function normalise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function keyOf(item: unknown): string | undefined {
  if (!isPlainObject(item)) return undefined;
  if (typeof item.id === "string") return `id=${item.id}`;
  if (typeof item.date === "string") return `date=${item.date}`;
  return undefined;
}

function join(prefix: string, key: string): string {
  return prefix === "" ? key : `${prefix}.${key}`;
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  const a = normalise(before);
  const b = normalise(after);
  if (a === b) return;
  if (a === undefined) {
    out.push({ path, kind: "added", after: b });
    return;
  }
  if (b === undefined) {
    out.push({ path, kind: "removed", before: a });
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) walk(a[key], b[key], join(path, key), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = [...a, ...b].every((item) => keyOf(item) !== undefined);
    if (keyed) {
      const left = new Map(a.map((item) => [keyOf(item) as string, item]));
      const right = new Map(b.map((item) => [keyOf(item) as string, item]));
      for (const key of [...new Set([...left.keys(), ...right.keys()])]) walk(left.get(key), right.get(key), `${path}[${key}]`, out);
    } else {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (Number.isNaN(a) && Number.isNaN(b)) return;
  out.push({ path, kind: "changed", before: a, after: b });
}

/** Changes from `before` to `after`; an entity that appears or disappears is one change at the root. */
export function diffEntities(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, "", out);
  return out;
}

/** Swedish names of the fields the history view shows, keyed by the last path segment. */
export const FIELD_LABELS_SV: Readonly<Record<string, string>> = {
  name: "Namn",
  description: "Beskrivning",
  label: "Etikett",
  address: "E-postadress",
  number: "Telefonnummer",
  e164: "Telefonnummer (E.164)",
  display: "Telefonnummer (visning)",
  street: "Gatuadress",
  postcode: "Postnummer",
  town: "Ort",
  careOf: "c/o",
  url: "Webbadress",
  websiteUrl: "Webbplats",
  parentId: "Överordnad enhet",
  kind: "Typ",
  status: "Status",
  firstLine: "Första linjen",
  fallbackUnitIds: "Reservkedja",
  reviewIntervalMonths: "Granskningsintervall (månader)",
  verifiedAt: "Senast granskad",
  verifiedBy: "Granskad av",
  reason: "Skäl för funktionsmobil",
  weekly: "Veckoschema",
  exceptions: "Undantag",
  from: "Öppnar",
  to: "Stänger",
  closedEves: "Stängda aftnar",
  bridgeDays: "Klämdagar",
  reducedHoursBeforeHolidays: "Tider dag före helgdag",
  closedOnPublicHolidays: "Stängt på helgdagar",
};

/** "Telefonnummer" for `number`, "Stänger" for `openingHours.weekly.mo[0].to`, else the path. */
export function fieldLabelSv(path: string): string {
  const last = path.split(".").pop()?.replace(/\[.*\]$/u, "") ?? path;
  return FIELD_LABELS_SV[last] ?? path;
}
