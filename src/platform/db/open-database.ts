// Opens the database Växel runs on: DATABASE_URL when set, otherwise the
// embedded cluster in VAXEL_DATA_DIR (started here, or attached to when a
// running Växel server owns it).
import type { Config } from "../../config.ts";
import { AppError } from "../errors.ts";
import { startEmbedded } from "./embedded.ts";
import { createPool, ensureDatabase, withDatabase, type Pool } from "./pool.ts";

export interface Database {
  pool: Pool;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(
  cfg: Config,
  opts: { attach: boolean; onLog?: (line: string) => void; poolSize?: number },
): Promise<Database> {
  if (cfg.databaseUrl) {
    const pool = createPool(cfg.databaseUrl, opts.poolSize);
    try {
      await pool.query("select 1");
    } catch (e) {
      await pool.end();
      throw new AppError("database_unavailable", { detail: (e as Error).message, cause: e });
    }
    return { pool, url: cfg.databaseUrl, embedded: false, close: () => pool.end() };
  }
  const handle = await startEmbedded({
    dataDir: cfg.dataDir,
    port: cfg.embeddedPgPort,
    attach: opts.attach,
    ...(opts.onLog ? { onLog: opts.onLog } : {}),
  });
  await ensureDatabase(handle.url, "vaxel");
  const url = withDatabase(handle.url, "vaxel");
  const pool = createPool(url, opts.poolSize);
  return {
    pool,
    url,
    embedded: true,
    async close() {
      // pool.end() waits for every checked-out client; never let a leaked one keep
      // PostgreSQL (and the process) running: stop the cluster after 5 s regardless.
      await Promise.race([pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
      await handle.stop();
    },
  };
}
