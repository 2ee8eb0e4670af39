// The Växel under test for `npm run bench:ingest` and bench/ingest-profile.ts:
// an embedded PostgreSQL in a temporary directory (fsync on, as in
// production), migrated, one organisation with one Facebook Page, and the app
// listening on loopback. The outbox is stopped: the bench Page lives on no
// platform, so automatic actions (hide a threat) are queued as in production
// but not sent anywhere.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { addFacebookTestChannel, type FbTestChannel } from "../src/channels/test-support.ts";
import { startEmbedded, type EmbeddedHandle } from "../src/platform/db/embedded.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { createPool, ensureDatabase, withDatabase, type Pool } from "../src/platform/db/pool.ts";
import { createLogger } from "../src/platform/logging.ts";
import { createOrganisation } from "../src/platform/tenancy.ts";

export interface IngestTarget {
  dir: string;
  /** The cluster's data directory (CPU accounting). */
  pgData: string;
  pool: Pool;
  app: Awaited<ReturnType<typeof buildApp>>;
  fb: FbTestChannel;
  /** POST here: the Facebook webhook route. */
  url: string;
  close(): Promise<void>;
}

export interface IngestTargetOptions {
  /** Server settings (ALTER SYSTEM) applied with a restart before migrating, e.g. shared_preload_libraries. */
  settings?: Record<string, string>;
  /** PostgreSQL's log lines (auto_explain). */
  onLog?: (line: string) => void;
}

export async function startIngestTarget(o: IngestTargetOptions = {}): Promise<IngestTarget> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-bench-ingest-"));
  const start = () => startEmbedded({ dataDir: dir, attach: false, ...(o.onLog ? { onLog: o.onLog } : {}) });
  let pg: EmbeddedHandle = await start();
  let pool: Pool | undefined;
  try {
    await ensureDatabase(pg.url, "vaxel");
    if (o.settings && Object.keys(o.settings).length) {
      const admin = createPool(withDatabase(pg.url, "vaxel"), 1);
      // Setting names cannot be parameters; these come from the bench's own code.
      for (const [k, v] of Object.entries(o.settings)) await admin.query(`alter system set ${k} = '${v.replaceAll("'", "''")}'`);
      await admin.end();
      await pg.stop();
      pg = await start();
    }
    pool = createPool(withDatabase(pg.url, "vaxel"), 12);
    await migrate(pool);
    const org = await createOrganisation(pool, { slug: "benchkommun", name: "Benchkommun", domains: ["benchkommun.se"] });
    const key = randomBytes(32);
    const cfg = loadConfig({ LOG_LEVEL: "silent", VAXEL_DATA_DIR: dir, VAXEL_ENCRYPTION_KEY: key.toString("hex") });
    const fb = await addFacebookTestChannel(pool, key, { orgId: org.id });
    const app = await buildApp({ cfg, pool, logger: createLogger("silent") });
    await app.listen({ port: 0, host: "127.0.0.1" });
    await app.channels.outbox.stop();
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/webhooks/facebook`;
    const p = pool;
    const cluster = pg;
    return {
      dir, pgData: path.join(dir, "pg"), pool: p, app, fb, url,
      async close() {
        await app.close();
        await p.end().catch(() => undefined);
        await cluster.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await pool?.end().catch(() => undefined);
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
