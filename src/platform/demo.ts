// Demo data: a municipality to try Växel with, loaded on the first start of a
// new data dir (`npm start` runs in demo mode) and restored by `vaxel demo
// reset`. The public facts come from the seeds (Trollhättan's contact center,
// Gärdhemsvägen 9, 461 83 Trollhättan, Monday–Friday 8:00–16:30); units beyond
// those are fictional. Modules add their own seeders to DEMO_SEEDERS.
import type { Pool } from "./db/pool.ts";

export const DEMO_ORGANISATION = {
  slug: "trollhattan",
  name: "Trollhättans Stad (demo)",
  domains: ["trollhattan.se"],
};

export interface DemoSeeder {
  name: string;
  /** Replace this module's data for the organisation with the demo state (idempotent). */
  seed(pool: Pool, orgId: string): Promise<void>;
}

export const DEMO_SEEDERS: DemoSeeder[] = [];

export async function loadDemoData(pool: Pool, orgId: string): Promise<string[]> {
  const done: string[] = [];
  for (const s of DEMO_SEEDERS) {
    await s.seed(pool, orgId);
    done.push(s.name);
  }
  return done;
}
