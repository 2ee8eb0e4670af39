// What a platform account id looks like, checked before it is stored (webhooks
// are routed by it; a typo would route a city's comments nowhere).
import { AppError } from "../../platform/errors.ts";
import type { Platform } from "./types.ts";

const PATTERNS: Record<Platform, RegExp> = {
  facebook: /^\d{1,30}$/,
  instagram: /^\d{1,30}$/,
  youtube: /^UC[A-Za-z0-9_-]{22}$/,
  linkedin: /^urn:li:organization:\d{1,20}$/,
  mastodon: /^[A-Za-z0-9_]{1,40}$/,
};

export function validateExternalId(platform: Platform, id: string): void {
  if (!PATTERNS[platform].test(id)) {
    throw new AppError("validation_failed", { public: { field: "externalId", platform, pattern: PATTERNS[platform].source } });
  }
}
