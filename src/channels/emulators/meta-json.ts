// Meta serialises webhook bodies with every non-ASCII character escaped
// (\u00e4 for ä) and slashes escaped; the signature covers exactly those
// bytes, so a receiver that re-serialises the parsed JSON gets a different
// signature. The emulators send the same bytes Meta would.
export function metaJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/\//g, "\\/")
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
