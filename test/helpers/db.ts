// A fresh database per test file, cloned from the migrated template that
// scripts/test.ts builds once (fast: no migrations per file). Always a real
// PostgreSQL; never a mock.
import { randomBytes } from "node:crypto";
import { after } from "node:test";
import { createPool, withDatabase, type Pool } from "../../src/platform/db/pool.ts";

// Cleanups run once, after every test in the file. (An `after()` registered
// inside a `before` hook would run as soon as that hook finishes.)
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

export function onCleanup(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

export interface TestDb {
  pool: Pool;
  url: string;
  name: string;
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests with \`npm test\` (scripts/test.ts starts PostgreSQL)`);
  return v;
}

export async function freshDatabase(): Promise<TestDb> {
  const maintenance = env("VAXEL_TEST_PG_URL");
  const template = env("VAXEL_TEST_TEMPLATE");
  const name = `vaxel_t_${randomBytes(6).toString("hex")}`;
  const admin = createPool(maintenance, 1);
  // CREATE DATABASE … TEMPLATE fails if another session is connected to the
  // template at that instant (two files starting together): retry briefly.
  for (let i = 0; ; i++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (e) {
      if (i > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = withDatabase(maintenance, name);
  const pool = createPool(url, 10);
  onCleanup(async () => {
    await pool.end().catch(() => undefined);
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  });
  return { pool, url, name };
}
