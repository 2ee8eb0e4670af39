// Local sign-in with username and password. An unknown user costs the same
// argon2 verification as a known one, so response time does not reveal which
// usernames exist.
import type { Pool } from "../platform/db/pool.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

let dummyHash: Promise<string> | undefined;

export async function authenticateLocal(
  pool: Pool,
  opts: { orgId: string; username: string; password: string },
): Promise<{ userId: string; username: string } | undefined> {
  dummyHash ??= hashPassword("not-a-real-password-just-timing");
  const r = await pool.query<{ id: string; username: string; password_hash: string | null }>(
    "select id, username, password_hash from users where org_id = $1 and username = $2 and disabled_at is null",
    [opts.orgId, opts.username.normalize("NFC").trim()],
  );
  const row = r.rows[0];
  const ok = await verifyPassword(row?.password_hash ?? (await dummyHash), opts.password);
  return row && row.password_hash && ok ? { userId: row.id, username: row.username } : undefined;
}
