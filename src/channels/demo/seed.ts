// Demo seeder: the demo municipality's accounts, pointing at the local
// emulators. Idempotent: an account that exists is updated (its captured
// records stay: they are records).
import { loadConfig } from "../../config.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { DEMO_SEEDERS } from "../../platform/demo.ts";
import { encryptSecret, loadEncryptionKey } from "../../platform/secrets.ts";
import { addChannel } from "../registry/index.ts";
import { DEMO_CHANNELS, emulatorsPort } from "./demo-channels.ts";

export async function seedDemoChannels(pool: Pool, orgId: string): Promise<void> {
  const cfg = loadConfig();
  const key = loadEncryptionKey(cfg);
  const base = `http://127.0.0.1:${emulatorsPort(cfg)}`;
  for (const d of DEMO_CHANNELS) {
    const existing = await pool.query("select id from channels where platform = $1 and external_id = $2", [d.platform, d.externalId]);
    if (existing.rowCount) {
      await pool.query("update channels set api_base_url = $2, credentials = $3, updated_at = now() where id = $1",
        [existing.rows[0].id, `${base}/${d.platform}`, encryptSecret(key, JSON.stringify(d.credentials))]);
      continue;
    }
    await addChannel({ pool, key }, {
      orgId, platform: d.platform, externalId: d.externalId, name: d.name, url: d.url, apiBaseUrl: `${base}/${d.platform}`,
      unitId: d.unitId, credentials: { ...d.credentials },
      actor: { id: null, label: "demo" },
    });
  }
}

DEMO_SEEDERS.push({ name: "channels", seed: seedDemoChannels });
