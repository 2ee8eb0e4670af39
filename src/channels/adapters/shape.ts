// Small, tolerant readers for platform JSON: platforms add fields freely, so
// unknown fields are kept (in the raw fragment) and only what we use is checked.

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

const ID = /^[A-Za-z0-9_.:@()=,-]{1,200}$/;

/** A platform object id: digits, Graph's `123_456`, URNs, base64url ids. */
export function isPlatformId(v: unknown): v is string | number {
  if (typeof v === "number") return Number.isSafeInteger(v) && v >= 0;
  return typeof v === "string" && ID.test(v);
}

/** Unix seconds, unix milliseconds or an ISO string (Graph's `+0000` offsets too) → ISO, or null. */
export function toIsoTime(v: unknown): string | null {
  let d: Date | undefined;
  if (typeof v === "number" && Number.isFinite(v)) d = new Date(v > 1e12 ? v : v * 1000);
  else if (typeof v === "string" && v.length <= 40) {
    if (/^\d{9,13}$/.test(v)) return toIsoTime(Number(v));
    d = new Date(v.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  }
  if (!d || Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  return y >= 2000 && y <= 9999 ? d.toISOString() : null;
}
