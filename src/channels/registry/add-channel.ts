// Registers one of the city's accounts. Credentials are encrypted before they
// reach the database; a Meta verify token is generated when none is given and
// returned once, here, never again.
import { randomBytes } from "node:crypto";
import { DEFAULT_PAGE_RULES } from "../../analysis/index.ts";
import type { Actor } from "../../platform/audit/record-audit-event.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { encryptSecret } from "../../platform/secrets.ts";
import { PLATFORMS } from "../../records/capture/index.ts";
import { CHANNEL_COLUMNS, toView, type ChannelRow } from "./channel-rows.ts";
import { REQUIRED_CREDENTIALS, type ChannelCredentials, type ChannelView, type Platform } from "./types.ts";
import { assertPageRulesVersion } from "./page-rules.ts";
import { validateExternalId } from "./validate.ts";

export interface AddChannelInput {
  orgId: string;
  platform: Platform;
  externalId: string;
  name: string;
  url?: string | null;
  unitId?: string | null;
  pageRulesVersion?: string;
  apiBaseUrl?: string | null;
  listed?: boolean;
  credentials: ChannelCredentials;
  actor: Actor;
  requestId?: string;
}

export interface AddChannelResult {
  channel: ChannelView;
  /** Set only when Växel generated the verify token: show it once. */
  generatedVerifyToken?: string;
}

export async function addChannel(deps: { pool: Pool; key: Buffer }, input: AddChannelInput): Promise<AddChannelResult> {
  if (!(PLATFORMS as readonly string[]).includes(input.platform)) {
    throw new AppError("validation_failed", { public: { field: "platform", allowed: PLATFORMS } });
  }
  validateExternalId(input.platform, input.externalId);
  const creds: ChannelCredentials = { ...input.credentials };
  let generatedVerifyToken: string | undefined;
  if ((input.platform === "facebook" || input.platform === "instagram") && !creds.verifyToken) {
    generatedVerifyToken = randomBytes(24).toString("base64url");
    creds.verifyToken = generatedVerifyToken;
  }
  const missing = REQUIRED_CREDENTIALS[input.platform].filter((n) => !creds[n]);
  if (missing.length) throw new AppError("validation_failed", { public: { field: "credentials", missing } });
  if (input.platform === "mastodon" && !input.apiBaseUrl) {
    throw new AppError("validation_failed", { public: { field: "apiBaseUrl", why: "the Mastodon server's URL is required" } });
  }
  for (const u of [input.url, input.apiBaseUrl]) {
    if (u && !/^https?:\/\//.test(u)) throw new AppError("validation_failed", { public: { field: "url" } });
  }
  const stored = encryptSecret(deps.key, JSON.stringify(creds));
  return withTx(deps.pool, async (tx) => {
    await assertPageRulesVersion(tx, input.orgId, input.pageRulesVersion ?? DEFAULT_PAGE_RULES.version);
    let row: ChannelRow;
    try {
      const r = await tx.query<ChannelRow>(
        `insert into channels (org_id, platform, external_id, name, url, unit_id, page_rules_version, api_base_url, listed, credentials)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         returning ${CHANNEL_COLUMNS}`,
        [input.orgId, input.platform, input.externalId, input.name, input.url ?? null, input.unitId ?? null, input.pageRulesVersion ?? DEFAULT_PAGE_RULES.version,
          input.apiBaseUrl ?? null, input.listed ?? true, stored],
      );
      row = r.rows[0]!;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "23505") throw new AppError("conflict", { public: { field: "externalId" } });
      if (code === "23514" || code === "22P02") throw new AppError("validation_failed", { detail: (e as Error).message });
      throw e;
    }
    await tx.query("insert into channel_state (org_id, channel_id) values ($1, $2)", [input.orgId, row.id]);
    const channel = toView(row, creds);
    await recordAuditEvent(tx, {
      orgId: input.orgId, actor: input.actor, action: "channel.added", targetType: "channel", targetId: row.id,
      after: channel, requestId: input.requestId ?? null,
    });
    return { channel, ...(generatedVerifyToken ? { generatedVerifyToken } : {}) };
  });
}
