// The PostgreSQL pool and a transaction helper. Every query is parameterised;
// nothing builds SQL from values.
import pg from "pg";

export type Pool = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;
export type Tx = pg.PoolClient;

// Dates come back as strings for `date` (no time-zone shifting of calendar days).
pg.types.setTypeParser(1082, (v) => v);
// bigint counts fit in a JS number for everything Växel counts.
pg.types.setTypeParser(20, (v) => Number(v));

export function createPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: "vaxel" });
  // An idle client losing its connection must not crash the process.
  pool.on("error", () => undefined);
  return pool;
}

/** Runs `fn` in a transaction; rolls back on any error. */
export async function withTx<T>(pool: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Creates database `name` if it does not exist (connected to the maintenance db). */
export async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: maintenanceUrl });
  await c.connect();
  try {
    const r = await c.query("select 1 from pg_database where datname = $1", [name]);
    if (r.rowCount === 0) {
      await c.query(`create database ${c.escapeIdentifier(name)} template template0 encoding 'UTF8'`);
    }
  } finally {
    await c.end();
  }
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
