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
