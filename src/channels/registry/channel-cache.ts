// In-memory routing table for webhooks: platform account id → channel with its
// decrypted secrets. Refreshed periodically and at once on a miss (a channel
// added by another Växel process), so a delivery for a new channel is not
// dropped because this process had not seen it yet.
import type { Pool } from "../../platform/db/pool.ts";
import { loadPlatformChannels } from "./list-channels.ts";
import type { ChannelRuntime, Platform } from "./types.ts";

export interface ChannelCache {
  byExternalId(platform: Platform, externalId: string): Promise<ChannelRuntime | undefined>;
  all(platform: Platform): Promise<ChannelRuntime[]>;
  invalidate(): void;
}

export function createChannelCache(deps: { pool: Pool; key: Buffer; ttlMs?: number; minReloadMs?: number }): ChannelCache {
  const ttl = deps.ttlMs ?? 10_000;
  const minReload = deps.minReloadMs ?? 250;
  const entries = new Map<Platform, { at: number; list: ChannelRuntime[]; byId: Map<string, ChannelRuntime>; loading?: Promise<void> }>();

  async function load(platform: Platform): Promise<void> {
    const list = await loadPlatformChannels(deps.pool, deps.key, platform);
    entries.set(platform, { at: Date.now(), list, byId: new Map(list.map((c) => [c.externalId, c])) });
  }

  async function ensure(platform: Platform, force = false): Promise<void> {
    const e = entries.get(platform);
    const age = e ? Date.now() - e.at : Infinity;
    if (e && age < ttl && !(force && age >= minReload)) return;
    if (e?.loading) return e.loading;
    const p = load(platform);
    if (e) e.loading = p;
    try {
      await p;
    } finally {
      if (e) delete e.loading;
    }
  }

  return {
    async byExternalId(platform, externalId) {
      await ensure(platform);
      const hit = entries.get(platform)?.byId.get(externalId);
      if (hit) return hit;
      await ensure(platform, true);
      return entries.get(platform)?.byId.get(externalId);
    },
    async all(platform) {
      await ensure(platform);
      return entries.get(platform)?.list ?? [];
    },
    invalidate() {
      entries.clear();
    },
  };
}
