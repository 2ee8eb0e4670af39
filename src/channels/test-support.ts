// Factories for channel tests and benchmarks: a Facebook channel pointing at
// the emulator, and signed deliveries. Not used by the product code.
import type { Pool } from "../platform/db/pool.ts";
import { addChannel, type ChannelView } from "./registry/index.ts";
import type { Emulators } from "./emulators/server.ts";
import { metaJson } from "./emulators/meta-json.ts";
import { signBody } from "./webhooks/signature.ts";

export interface FbTestChannel {
  channel: ChannelView;
  pageId: string;
  appSecret: string;
  verifyToken: string;
  accessToken: string;
}

let n = 0;

export async function addFacebookTestChannel(
  pool: Pool,
  key: Buffer,
  o: { orgId: string; emulators?: Emulators; callbackUrl?: string; pageId?: string; appSecret?: string },
): Promise<FbTestChannel> {
  const pageId = o.pageId ?? String(100_000_000_000 + Math.floor(Math.random() * 1e9) + ++n);
  const appSecret = o.appSecret ?? `app-secret-${pageId}`;
  const verifyToken = `verify-${pageId}`;
  const accessToken = `EAAB${pageId}token`;
  const { channel } = await addChannel({ pool, key }, {
    orgId: o.orgId, platform: "facebook", externalId: pageId, name: `Testsidan ${pageId}`, url: `https://www.facebook.com/${pageId}`,
    apiBaseUrl: o.emulators ? `${o.emulators.url}/facebook` : null,
    credentials: { appSecret, verifyToken, accessToken }, actor: { id: null, label: "test" },
  });
  o.emulators?.facebook.addPage({ id: pageId, name: channel.name, appSecret, accessToken, ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}) });
  return { channel, pageId, appSecret, verifyToken, accessToken };
}

/** A feed-change webhook body (Meta's escaping) and its signature header. */
export function signedFeedChange(
  ch: Pick<FbTestChannel, "pageId" | "appSecret">,
  value: Record<string, unknown>,
  time = Math.floor(Date.now() / 1000),
): { body: string; signature: string } {
  const body = metaJson({ object: "page", entry: [{ id: ch.pageId, time, changes: [{ field: "feed", value }] }] });
  return { body, signature: signBody(ch.appSecret, body) };
}

export interface BlastResult {
  /** Comment ids whose delivery was answered 200 (at least once). */
  acked: Set<string>;
  /** Comment ids never answered 200. */
  unacked: Set<string>;
  sent: number;
  non200: number;
}

/**
 * Sends `n` distinct signed comment webhooks (plus `duplicates` redeliveries
 * of already-sent ones) at `rate` per second over `connections` keep-alive
 * connections. Errors and non-200 answers are recorded, not retried, so a
 * caller can retry the unacknowledged ones like Meta does.
 */
export async function blastWebhooks(o: {
  url: string;
  ch: Pick<FbTestChannel, "pageId" | "appSecret">;
  ids: string[];
  rate: number;
  connections?: number;
  duplicateEvery?: number;
  stopWhen?: () => boolean;
  /** Called with the number acknowledged so far, after each 200. */
  onAck?: (acked: number) => void;
  /** Unix time in the payloads; a redelivery must carry the same as the first delivery. */
  time?: number;
}): Promise<BlastResult> {
  const http = await import("node:http");
  const u = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections ?? 128 });
  const res: BlastResult = { acked: new Set(), unacked: new Set(o.ids), sent: 0, non200: 0 };
  const t = o.time ?? 1_767_225_600;
  const bodyFor = (id: string) => signedFeedChange(o.ch, {
    item: "comment", verb: "add", comment_id: id, post_id: `${o.ch.pageId}_bench`, parent_id: `${o.ch.pageId}_bench`,
    from: { id: "4711", name: "Åke Ängström" }, created_time: t, message: `Kommentar ${id}: när töms soptunnorna på Storgatan?`,
  }, t);
  const send = (id: string) => new Promise<void>((resolve) => {
    const d = bodyFor(id);
    res.sent++;
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", agent,
      headers: { "content-type": "application/json", "x-hub-signature-256": d.signature, "content-length": Buffer.byteLength(d.body) } }, (r) => {
      r.resume();
      r.on("end", () => {
        if (r.statusCode === 200) {
          res.acked.add(id);
          res.unacked.delete(id);
          o.onAck?.(res.acked.size);
        } else res.non200++;
        resolve();
      });
      r.on("error", () => resolve());
    });
    req.on("error", () => {
      res.non200++;
      resolve();
    });
    req.end(d.body);
  });
  const inflight = new Set<Promise<void>>();
  const t0 = performance.now();
  let i = 0;
  while (i < o.ids.length && !o.stopWhen?.()) {
    const due = Math.floor(((performance.now() - t0) / 1000) * o.rate);
    while (i < Math.min(due, o.ids.length)) {
      const id = o.ids[i]!;
      const p = send(id).then(() => void inflight.delete(p));
      inflight.add(p);
      if (o.duplicateEvery && i % o.duplicateEvery === 0 && i > 0) {
        const again = send(o.ids[i - 1]!).then(() => void inflight.delete(again));
        inflight.add(again);
      }
      i++;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(inflight);
  agent.destroy();
  return res;
}
