// Demo mode (`npm start`): the server runs the platform emulators beside
// itself and registers the demo accounts in them, so comments streamed by
// `vaxel demo simulate` arrive through the real, signed webhook path.
import type { Config } from "../../config.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { startEmulators, type Emulators } from "../emulators/server.ts";
import { getChannelRuntime } from "../registry/index.ts";
import { DEMO_CHANNELS, DEMO_POSTS, emulatorsPort } from "./demo-channels.ts";

export async function startDemoEmulators(o: { pool: Pool; key: Buffer; cfg: Config; serverUrl: string }): Promise<Emulators> {
  const emu = await startEmulators({ port: emulatorsPort(o.cfg) });
  for (const d of DEMO_CHANNELS) {
    const row = await o.pool.query<{ org_id: string; id: string }>("select org_id, id from channels where platform = $1 and external_id = $2", [d.platform, d.externalId]);
    if (!row.rows[0]) continue;
    const ch = await getChannelRuntime(o.pool, o.key, row.rows[0].org_id, row.rows[0].id);
    const c = ch.credentials;
    if (d.platform === "facebook") {
      emu.facebook.addPage({ id: d.externalId, name: d.name, appSecret: c.appSecret ?? "", accessToken: c.accessToken ?? "", callbackUrl: `${o.serverUrl}/webhooks/facebook` });
      emu.facebook.posts.set(DEMO_POSTS.facebook, { id: DEMO_POSTS.facebook, pageId: d.externalId, message: "Nu öppnar vi anmälan till sommarens simskola i Axelhallen!", createdTime: Math.floor(Date.now() / 1000) });
    } else if (d.platform === "instagram") {
      emu.instagram.addAccount({ id: d.externalId, username: d.name, appSecret: c.appSecret ?? "", accessToken: c.accessToken ?? "", callbackUrl: `${o.serverUrl}/webhooks/instagram` });
    } else if (d.platform === "youtube") {
      emu.youtube.addChannel(d.externalId, c.accessToken ?? "");
    }
  }
  return emu;
}
