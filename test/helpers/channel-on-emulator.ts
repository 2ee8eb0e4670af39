// The common setup of the platform adapter tests: the real app on a loopback
// port (workers off, so each test drives the outbox itself), the platform
// emulators, and one channel registered against them.
import { addChannel, getChannelRuntime, type ChannelRuntime } from "../../src/channels/index.ts";
import { startEmulators, type Emulators } from "../../src/channels/emulators/server.ts";
import { loadEncryptionKey } from "../../src/platform/secrets.ts";
import { buildTestApp, type TestApp } from "./app.ts";
import { onCleanup } from "./db.ts";
import { listen } from "./http-server.ts";

export interface ChannelOnEmulator {
  t: TestApp;
  emu: Emulators;
  key: Buffer;
  /** The app's base URL, for the emulator's webhook callbacks. */
  base: string;
  channelId: string;
  ch: ChannelRuntime;
}

export async function channelOnEmulator(o: {
  platform: "instagram" | "linkedin" | "mastodon" | "facebook" | "youtube";
  externalId: string;
  name: string;
  credentials: Record<string, string>;
}): Promise<ChannelOnEmulator> {
  const t = await buildTestApp({ config: { workers: false } });
  const key = loadEncryptionKey(t.cfg);
  const base = await listen(t);
  const emu = await startEmulators();
  onCleanup(() => emu.close());
  const r = await addChannel({ pool: t.db.pool, key }, {
    orgId: t.org.id, platform: o.platform, externalId: o.externalId, name: o.name, apiBaseUrl: `${emu.url}/${o.platform}`,
    credentials: o.credentials, actor: { id: null, label: "test" },
  });
  const ch = await getChannelRuntime(t.db.pool, key, t.org.id, r.channel.id);
  return { t, emu, key, base, channelId: r.channel.id, ch };
}
