// Imports a platform data export into capture through the same path as
// webhooks and polls: chunks of changes, each stored with the bytes it came
// from. Idempotent: a second import of the same file captures nothing new.
import { canonicalJson, type CaptureWriter } from "../../records/capture/index.ts";
import { ingestChanges } from "../ingest/ingest.ts";
import type { ChannelRuntime } from "../registry/index.ts";
import { parseExport, type ExportFormat } from "./exports.ts";

export interface ImportResult {
  total: number;
  created: number;
  duplicates: number;
}

const CHUNK = 500;

export async function importExport(
  writer: CaptureWriter,
  channel: Pick<ChannelRuntime, "id" | "orgId" | "platform">,
  o: { format: ExportFormat; content: string; onProgress?: (done: number, total: number) => void },
): Promise<ImportResult> {
  const changes = parseExport(o.format, o.content);
  const res: ImportResult = { total: changes.length, created: 0, duplicates: 0 };
  o.onProgress?.(0, changes.length);
  for (let i = 0; i < changes.length; i += CHUNK) {
    const chunk = changes.slice(i, i + CHUNK);
    const s = await ingestChanges(writer, {
      platform: channel.platform, source: "import", body: Buffer.from(canonicalJson({ format: o.format, records: chunk.map((c) => c.raw) })),
      routed: [{ channel, changes: chunk }],
    });
    res.created += s.created;
    res.duplicates += s.duplicates;
    o.onProgress?.(Math.min(changes.length, i + CHUNK), changes.length);
  }
  return res;
}
