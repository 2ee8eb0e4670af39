// The platforms' own data exports → capture changes. Exports carry no comment
// ids (Facebook, Instagram) or carry them only sometimes, so an item's id is
// derived from what identifies it (time, author, text): importing the same
// file twice, or two overlapping exports, captures each comment once.
//
// Meta's "Download your information" JSON writes UTF-8 bytes as \u00XX
// escapes ("Ã¤" for "ä"); the text is repaired before it is stored.
import { parse as parseCsv } from "csv-parse/sync";
import type { PageChange } from "../adapters/facebook/parse-webhook.ts";
import { isRecord, str, toIsoTime } from "../adapters/shape.ts";
import { sha256Hex } from "../../records/capture/index.ts";

export const EXPORT_FORMATS = ["facebook-json", "instagram-json", "youtube-takeout"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Undo Meta's export encoding: each UTF-8 byte was written as one \u00XX character. */
export function fixMetaMojibake(s: string): string {
  if (![...s].every((c) => c.charCodeAt(0) < 256)) return s;
  const bytes = Buffer.from(s, "latin1");
  const decoded = bytes.toString("utf8");
  return decoded.includes("\uFFFD") ? s : decoded;
}

function exportId(prefix: string, parts: unknown[]): string {
  return `${prefix}:${sha256Hex(JSON.stringify(parts)).slice(0, 32)}`;
}

function snapshot(id: string, o: { time: string | null; author: string | null; text: string; post?: string | null; raw: unknown; kind?: "comment" | "reply" }): PageChange {
  return {
    platformItemId: id, kind: o.kind ?? "comment", event: "snapshot", postPlatformId: o.post ?? null, parentPlatformId: o.post ?? null,
    platformTime: o.time, authorPlatformId: null, authorName: o.author, text: o.text, hidden: false, url: null, raw: o.raw,
  };
}

/** Facebook export: comments.json with {comments_v2:[{timestamp, data:[{comment:{timestamp, comment, author}}], title}]}. */
export function parseFacebookExport(json: unknown): PageChange[] {
  const list = isRecord(json) && Array.isArray(json.comments_v2) ? json.comments_v2 : Array.isArray(json) ? json : [];
  const out: PageChange[] = [];
  for (const entry of list) {
    if (!isRecord(entry) || !Array.isArray(entry.data)) continue;
    for (const d of entry.data) {
      const c = isRecord(d) && isRecord(d.comment) ? d.comment : undefined;
      if (!c || typeof c.comment !== "string") continue;
      const time = toIsoTime(c.timestamp ?? entry.timestamp);
      const author = typeof c.author === "string" ? fixMetaMojibake(c.author) : null;
      const text = fixMetaMojibake(c.comment);
      const title = typeof entry.title === "string" ? fixMetaMojibake(entry.title) : null;
      out.push(snapshot(exportId("fbexport", [time, author, text]), { time, author, text, post: title ? exportId("fbpost", [title]) : null, raw: entry }));
    }
  }
  return out;
}

/** Instagram export: post_comments_*.json, [{string_map_data:{Comment:{value}, "Media Owner":{value}, Time:{timestamp}}}]. */
export function parseInstagramExport(json: unknown): PageChange[] {
  const list = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.comments_media_comments) ? json.comments_media_comments : [];
  const out: PageChange[] = [];
  for (const e of list) {
    const m = isRecord(e) && isRecord(e.string_map_data) ? e.string_map_data : undefined;
    const text = m && isRecord(m.Comment) && typeof m.Comment.value === "string" ? fixMetaMojibake(m.Comment.value) : undefined;
    if (!m || text === undefined) continue;
    const time = isRecord(m.Time) ? toIsoTime(m.Time.timestamp) : null;
    const author = isRecord(m.Author) && typeof m.Author.value === "string" ? fixMetaMojibake(m.Author.value) : null;
    out.push(snapshot(exportId("igexport", [time, author, text]), { time, author, text, raw: e }));
  }
  return out;
}

/**
 * YouTube Takeout comments.csv: Comment ID, Channel ID, Comment create
 * timestamp, Price, Parent comment ID, Post ID, Video ID, Comment text (a JSON
 * list of text runs, {"text":"…"}).
 */
export function parseYouTubeTakeout(csv: string): PageChange[] {
  const rows = parseCsv(csv, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const out: PageChange[] = [];
  for (const r of rows) {
    const id = r["Comment ID"] ?? r["Kommentars-id"];
    const rawText = r["Comment text"] ?? r["Kommentarstext"] ?? "";
    let text = rawText;
    try {
      const runs = JSON.parse(`[${rawText}]`) as unknown[];
      text = runs.map((x) => (isRecord(x) ? str(x.text) ?? "" : "")).join("");
    } catch {
      // Plain text in older exports.
    }
    if (!id) continue;
    const parent = r["Parent comment ID"] || null;
    const video = r["Video ID"] || r["Post ID"] || null;
    out.push({
      ...snapshot(id, { time: toIsoTime(r["Comment create timestamp"]), author: null, text, post: video, raw: r, kind: parent ? "reply" : "comment" }),
      authorPlatformId: r["Channel ID"] || null,
      parentPlatformId: parent ?? video,
    });
  }
  return out;
}

export function parseExport(format: ExportFormat, content: string): PageChange[] {
  switch (format) {
    case "facebook-json":
      return parseFacebookExport(JSON.parse(content));
    case "instagram-json":
      return parseInstagramExport(JSON.parse(content));
    case "youtube-takeout":
      return parseYouTubeTakeout(content);
  }
}
