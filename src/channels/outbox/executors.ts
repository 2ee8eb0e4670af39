// The executor for each platform.
import type { Pool } from "../../platform/db/pool.ts";
import { facebookExecutor } from "../adapters/facebook/executor.ts";
import type { ExecutorRegistry } from "./types.ts";

export function defaultExecutors(_pool: Pool): ExecutorRegistry {
  return {
    facebook: facebookExecutor,
  };
}
