// The demo municipality's accounts. They talk to the local emulators (never to
// the real platforms), so their credentials are fixed, public demo values.
// They belong to the demo directory's Kommunstyrelseförvaltningen, whose
// contact details /kanaler shows.
import type { Config } from "../../config.ts";
import { DEMO_IDS } from "../../directory/index.ts";

export const DEMO_CHANNELS = [
  { platform: "facebook", externalId: "100064512345678", name: "Trollhättans Stad", url: "https://www.facebook.com/trollhattansstad",
    unitId: DEMO_IDS.kommunstyrelsen, credentials: { appSecret: "demo-meta-app-secret", verifyToken: "demo-verify-token", accessToken: "demo-page-token" } },
  { platform: "instagram", externalId: "17841400012345678", name: "trollhattansstad", url: "https://www.instagram.com/trollhattansstad",
    unitId: DEMO_IDS.kommunstyrelsen, credentials: { appSecret: "demo-meta-app-secret", verifyToken: "demo-verify-token", accessToken: "demo-ig-token" } },
  { platform: "youtube", externalId: "UCtrollhattanDemo00000AA", name: "Trollhättans Stad på YouTube", url: "https://www.youtube.com/@trollhattansstad",
    unitId: DEMO_IDS.kommunstyrelsen, credentials: { accessToken: "demo-youtube-token" } },
] as const;

/** Where the demo's emulators listen. */
export function emulatorsPort(cfg: Pick<Config, "emulatorsPort" | "port">): number {
  return cfg.emulatorsPort || cfg.port + 1;
}

export const DEMO_POSTS = {
  facebook: "100064512345678_900000001",
  instagram: "17900000000000001",
  youtube: "dQw4demo001",
} as const;
