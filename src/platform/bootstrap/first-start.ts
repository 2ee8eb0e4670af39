// First start of a new database: create the first organisation and an admin
// account with a random password, printed once (never a hard-coded password).
import type { Config } from "../../config.ts";
import { randomPassword } from "../../access/passwords.ts";
import { createUser } from "../../access/users.ts";
import type { Pool } from "../db/pool.ts";
import { createOrganisation, listOrganisations, type Organisation } from "../tenancy.ts";

export interface FirstStartResult {
  org: Organisation;
  createdOrg: boolean;
  admin?: { username: string; password: string };
}

export async function ensureFirstOrganisation(
  pool: Pool,
  cfg: Config,
  demo?: { slug: string; name: string; domains: string[] },
): Promise<FirstStartResult> {
  const orgs = await listOrganisations(pool);
  let org = orgs[0];
  let createdOrg = false;
  if (!org) {
    org = await createOrganisation(pool, demo ?? { slug: cfg.orgSlug, name: cfg.orgName });
    createdOrg = true;
  }
  const users = await pool.query("select 1 from users where org_id = $1 limit 1", [org.id]);
  if (users.rowCount) return { org, createdOrg };
  const password = randomPassword();
  await createUser(
    { pool },
    {
      orgId: org.id,
      username: "admin",
      displayName: "Administratör",
      password,
      roles: [{ role: "admin", unitId: null }],
      actor: { id: null, label: "system" },
    },
  );
  return { org, createdOrg, admin: { username: "admin", password } };
}
