// The executor for each platform.
import type { Pool } from "../../platform/db/pool.ts";
import { facebookExecutor } from "../adapters/facebook/executor.ts";
import { instagramExecutor } from "../adapters/instagram/executor.ts";
import { linkedinExecutor } from "../adapters/linkedin/executor.ts";
import { mastodonExecutor } from "../adapters/mastodon/executor.ts";
import { youtubeExecutor } from "../adapters/youtube/executor.ts";
import type { ExecutorRegistry } from "./types.ts";

export function defaultExecutors(pool: Pool): ExecutorRegistry {
  return {
    facebook: facebookExecutor,
    instagram: instagramExecutor,
    mastodon: mastodonExecutor,
    linkedin: linkedinExecutor,
    youtube: youtubeExecutor(pool),
  };
}
