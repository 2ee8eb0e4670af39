// Row mapping for channels (never return database rows: STYLE 5).
import { decryptSecret } from "../../platform/secrets.ts";
import type { ChannelCredentials, ChannelRuntime, ChannelView, CredentialName, Platform } from "./types.ts";
import { CREDENTIAL_NAMES } from "./types.ts";

export const CHANNEL_COLUMNS = `org_id, id, platform, external_id, name, url, unit_id, page_rules_version, api_base_url, listed,
  disabled_at, credentials, credentials_rotated_at, created_at`;

export interface ChannelRow {
  org_id: string;
  id: string;
  platform: Platform;
  external_id: string;
  name: string;
  url: string | null;
  unit_id: string | null;
  page_rules_version: string;
  api_base_url: string | null;
  listed: boolean;
  disabled_at: Date | null;
  credentials: string;
  credentials_rotated_at: Date;
  created_at: Date;
}

export function decryptCredentials(key: Buffer, stored: string): ChannelCredentials {
  return JSON.parse(decryptSecret(key, stored)) as ChannelCredentials;
}

export function toView(r: ChannelRow, creds: ChannelCredentials): ChannelView {
  return {
    id: r.id,
    orgId: r.org_id,
    platform: r.platform,
    externalId: r.external_id,
    name: r.name,
    url: r.url,
    unitId: r.unit_id,
    pageRulesVersion: r.page_rules_version,
    apiBaseUrl: r.api_base_url,
    // Filled from the directory by the reader (withDirectoryContacts): never typed in by hand.
    contact: {},
    listed: r.listed,
    disabled: r.disabled_at !== null,
    credentialsSet: CREDENTIAL_NAMES.filter((n: CredentialName) => typeof creds[n] === "string" && creds[n] !== ""),
    credentialsRotatedAt: new Date(r.credentials_rotated_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export function toRuntime(key: Buffer, r: ChannelRow): ChannelRuntime {
  const credentials = decryptCredentials(key, r.credentials);
  return { ...toView(r, credentials), credentials };
}
