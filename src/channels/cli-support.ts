// Database access for the channels and records commands: attach to the
// running server's database (or start the embedded one), migrate, pick the
// organisation.
import { loadConfig, type Config } from "../config.ts";
import { migrate } from "../platform/db/migrate.ts";
import { openDatabase, type Database } from "../platform/db/open-database.ts";
import { AppError } from "../platform/errors.ts";
import { loadEncryptionKey } from "../platform/secrets.ts";
import { getOrganisation, listOrganisations, type Organisation } from "../platform/tenancy.ts";

export async function withCliDb<T>(fn: (db: Database, ctx: { cfg: Config; key: Buffer }) => Promise<T>): Promise<T> {
  const cfg = loadConfig();
  const db = await openDatabase(cfg, { attach: true, poolSize: 4 });
  try {
    await migrate(db.pool);
    return await fn(db, { cfg, key: loadEncryptionKey(cfg) });
  } finally {
    await db.close();
  }
}

export async function pickOrganisation(db: Database, slug?: string): Promise<Organisation> {
  const org = slug ? await getOrganisation(db.pool, slug) : (await listOrganisations(db.pool))[0];
  if (!org) throw new AppError("not_found", { public: { organisation: slug ?? "(none — run vaxel serve once)" } });
  return org;
}

export const CLI_ACTOR = { id: null, label: "cli" };
