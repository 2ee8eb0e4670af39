// The one path from a verified platform payload to committed capture: group
// the changes by organisation, hand them to the capture writer and wait for
// the commit. Webhooks, polling, backfill and imports all come through here.
import type { CaptureResult, CaptureSource, ChangeInput, Platform } from "../../records/capture/index.ts";
import type { CaptureWriter } from "../../records/capture/index.ts";
import type { ChannelRuntime } from "../registry/index.ts";

export interface RoutedChanges {
  channel: Pick<ChannelRuntime, "id" | "orgId">;
  changes: Omit<ChangeInput, "channelId">[];
}

export interface IngestInput {
  platform: Platform;
  source: CaptureSource;
  body: Buffer;
  signature?: string | null;
  receivedAt?: Date;
  routed: RoutedChanges[];
}

export interface IngestSummary {
  created: number;
  duplicates: number;
}

export async function ingestChanges(writer: CaptureWriter, input: IngestInput): Promise<IngestSummary> {
  const receivedAt = input.receivedAt ?? new Date();
  const byOrg = new Map<string, ChangeInput[]>();
  for (const r of input.routed) {
    const list = byOrg.get(r.channel.orgId) ?? [];
    byOrg.set(r.channel.orgId, list);
    for (const c of r.changes) list.push({ ...c, channelId: r.channel.id });
  }
  const results: CaptureResult[] = await Promise.all(
    [...byOrg].filter(([, changes]) => changes.length > 0).map(([orgId, changes]) =>
      writer.submit({
        orgId,
        delivery: { platform: input.platform, source: input.source, receivedAt, body: input.body, signature: input.signature ?? null },
        changes,
      }),
    ),
  );
  return {
    created: results.reduce((n, r) => n + r.created.length, 0),
    duplicates: results.reduce((n, r) => n + r.duplicates, 0),
  };
}
