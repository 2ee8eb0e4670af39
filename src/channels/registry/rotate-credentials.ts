// Replaces some or all of a channel's credentials. The audit event names which
// credentials changed, never their values.
import type { Actor } from "../../platform/audit/record-audit-event.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { encryptSecret } from "../../platform/secrets.ts";
import { CHANNEL_COLUMNS, decryptCredentials, toView, type ChannelRow } from "./channel-rows.ts";
import { CREDENTIAL_NAMES, type ChannelCredentials, type ChannelView } from "./types.ts";

export async function rotateChannelCredentials(
  deps: { pool: Pool; key: Buffer },
  input: { orgId: string; channelId: string; credentials: ChannelCredentials; actor: Actor; requestId?: string },
): Promise<ChannelView> {
  const changed = CREDENTIAL_NAMES.filter((n) => typeof input.credentials[n] === "string" && input.credentials[n] !== "");
  if (!changed.length) throw new AppError("validation_failed", { public: { field: "credentials" } });
  return withTx(deps.pool, async (tx) => {
    const cur = await tx.query<ChannelRow>(`select ${CHANNEL_COLUMNS} from channels where org_id = $1 and id = $2 for update`, [input.orgId, input.channelId]);
    const row = cur.rows[0];
    if (!row) throw new AppError("not_found", { public: { channel: input.channelId } });
    const creds = { ...decryptCredentials(deps.key, row.credentials) };
    for (const n of changed) creds[n] = input.credentials[n]!;
    const r = await tx.query<ChannelRow>(
      `update channels set credentials = $3, credentials_rotated_at = now(), updated_at = now() where org_id = $1 and id = $2
       returning ${CHANNEL_COLUMNS}`,
      [input.orgId, input.channelId, encryptSecret(deps.key, JSON.stringify(creds))],
    );
    const view = toView(r.rows[0]!, creds);
    await recordAuditEvent(tx, {
      orgId: input.orgId, actor: input.actor, action: "channel.credentials_rotated", targetType: "channel", targetId: input.channelId,
      after: { rotated: changed }, requestId: input.requestId ?? null,
    });
    return view;
  });
}
