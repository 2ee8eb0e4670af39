// Numbered SQL migrations (migrations/NNNN_name.sql), forward only, applied in
// order inside one transaction each under an advisory lock, so several Växel
// processes starting together on one database apply each migration once.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";
import type { Pool } from "./pool.ts";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../migrations");
const LOCK_KEY = 7_241_001; // arbitrary, stable: "vaxel migrations"

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const out: Migration[] = [];
  for (const f of files) {
    const sql = await fs.readFile(path.join(dir, f), "utf8");
    out.push({
      version: Number(f.slice(0, 4)),
      name: f.replace(/\.sql$/, ""),
      sql,
      checksum: createHash("sha256").update(sql).digest("hex"),
    });
  }
  const seen = new Set<number>();
  for (const m of out) {
    if (seen.has(m.version)) throw new AppError("migration_failed", { detail: `duplicate version ${m.version}` });
    seen.add(m.version);
  }
  return out;
}

export interface MigrateResult {
  applied: string[];
  current: number;
}

export async function migrate(pool: Pool, opts: { dir?: string; onApply?: (name: string) => void } = {}) {
  const migrations = await loadMigrations(opts.dir);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`create table if not exists schema_migrations (
      version int primary key, name text not null, checksum text not null,
      applied_at timestamptz not null default now())`);
    const done = new Map<number, string>(
      (await client.query<{ version: number; checksum: string }>("select version, checksum from schema_migrations")).rows.map(
        (r) => [r.version, r.checksum],
      ),
    );
    for (const m of migrations) {
      const prev = done.get(m.version);
      if (prev !== undefined) {
        if (prev !== m.checksum) {
          throw new AppError("migration_failed", {
            detail: `${m.name} was changed after it was applied; add a new migration instead`,
          });
        }
        continue;
      }
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query("insert into schema_migrations(version, name, checksum) values ($1, $2, $3)", [
          m.version,
          m.name,
          m.checksum,
        ]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new AppError("migration_failed", { detail: `${m.name}: ${(e as Error).message}`, cause: e });
      }
      applied.push(m.name);
      opts.onApply?.(m.name);
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  const current = migrations.length ? (migrations[migrations.length - 1]?.version ?? 0) : 0;
  return { applied, current } satisfies MigrateResult;
}

/** True when every migration on disk is applied (for /readyz). */
export async function migrationsApplied(pool: Pool, dir?: string): Promise<boolean> {
  const migrations = await loadMigrations(dir);
  try {
    const r = await pool.query<{ version: number }>("select version from schema_migrations");
    const have = new Set(r.rows.map((x) => x.version));
    return migrations.every((m) => have.has(m.version));
  } catch {
    return false;
  }
}
