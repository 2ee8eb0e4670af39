// Lists channels (views without secrets) and loads runtime channels with
// decrypted credentials for the adapters.
import type { Queryable } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { CHANNEL_COLUMNS, decryptCredentials, toRuntime, toView, type ChannelRow } from "./channel-rows.ts";
import type { ChannelRuntime, ChannelView, Platform } from "./types.ts";

export async function listChannels(
  db: Queryable,
  key: Buffer,
  f: { orgId: string; platform?: Platform; listedOnly?: boolean },
): Promise<ChannelView[]> {
  const r = await db.query<ChannelRow>(
    `select ${CHANNEL_COLUMNS} from channels
      where org_id = $1 and ($2::text is null or platform = $2) and (not $3 or (listed and disabled_at is null))
      order by platform, name`,
    [f.orgId, f.platform ?? null, f.listedOnly ?? false],
  );
  return r.rows.map((row) => toView(row, decryptCredentials(key, row.credentials)));
}

export async function getChannelRuntime(db: Queryable, key: Buffer, orgId: string, channelId: string): Promise<ChannelRuntime> {
  const r = await db.query<ChannelRow>(`select ${CHANNEL_COLUMNS} from channels where org_id = $1 and id = $2`, [orgId, channelId]);
  const row = r.rows[0];
  if (!row) throw new AppError("not_found", { public: { channel: channelId } });
  return toRuntime(key, row);
}

/** Every active channel of a platform, across organisations (webhooks are routed by account id). */
export async function loadPlatformChannels(db: Queryable, key: Buffer, platform: Platform): Promise<ChannelRuntime[]> {
  const r = await db.query<ChannelRow>(`select ${CHANNEL_COLUMNS} from channels where platform = $1 and disabled_at is null`, [platform]);
  return r.rows.map((row) => toRuntime(key, row));
}
