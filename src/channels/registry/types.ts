// Channel registry types. Credentials never leave the registry in a view:
// views say which credentials are set, never their values.
import type { Platform } from "../../records/capture/index.ts";

export type { Platform };

/** Credentials per platform (all optional; which are needed depends on the platform). */
export interface ChannelCredentials {
  /** Meta app secret: signs Facebook and Instagram webhooks (X-Hub-Signature-256). */
  appSecret?: string;
  /** Meta webhook verify token (GET hub.verify_token). */
  verifyToken?: string;
  /** Page / account / OAuth access token for acting on the platform. */
  accessToken?: string;
  /** LinkedIn client secret: signs notifications (X-LI-Signature) and the challenge. */
  clientSecret?: string;
  /** Mastodon webhook secret (X-Hub-Signature). */
  webhookSecret?: string;
}

export const CREDENTIAL_NAMES = ["appSecret", "verifyToken", "accessToken", "clientSecret", "webhookSecret"] as const;
export type CredentialName = (typeof CREDENTIAL_NAMES)[number];

/** Which credentials a platform needs to receive and act. */
export const REQUIRED_CREDENTIALS: Record<Platform, readonly CredentialName[]> = {
  facebook: ["appSecret", "verifyToken"],
  instagram: ["appSecret", "verifyToken"],
  youtube: ["accessToken"],
  linkedin: ["clientSecret", "accessToken"],
  mastodon: ["accessToken"],
};

export interface ChannelContact {
  unitName?: string;
  email?: string;
  phone?: string;
  url?: string;
}

export interface ChannelView {
  id: string;
  orgId: string;
  platform: Platform;
  externalId: string;
  name: string;
  url: string | null;
  unitId: string | null;
  pageRulesVersion: string;
  apiBaseUrl: string | null;
  contact: ChannelContact;
  listed: boolean;
  disabled: boolean;
  /** Names of the credentials that are set; never their values. */
  credentialsSet: CredentialName[];
  credentialsRotatedAt: string;
  createdAt: string;
}

/** A channel with decrypted credentials, for adapters inside the process only. */
export interface ChannelRuntime extends ChannelView {
  credentials: ChannelCredentials;
}
