// Outbox domain types: the actions Växel takes on the platforms and what an
// executor (one per platform) gets to do them.
import type { ChangeInput } from "../../records/capture/index.ts";
import type { ChannelRuntime } from "../registry/index.ts";

export const PLATFORM_ACTIONS = ["hide", "unhide", "delete", "reply", "ban", "unban"] as const;
export type PlatformActionKind = (typeof PLATFORM_ACTIONS)[number];

export interface ActionItem {
  id: string;
  platformItemId: string;
  kind: string;
  postPlatformId: string | null;
  parentPlatformId: string | null;
  authorPlatformId: string | null;
}

export interface ActionContext {
  channel: ChannelRuntime;
  item: ActionItem;
  action: PlatformActionKind;
  params: Record<string, unknown>;
  actionId: string;
  idempotencyKey: string;
  /** The previous attempt may have taken effect (server error, no answer, worker died): reconcile before acting. */
  uncertain: boolean;
}

export interface PlatformExecutor {
  /**
   * The item's current state on the platform, to capture before a removing
   * action (removal is disposal). null when the platform has nothing to add.
   */
  snapshot?(ctx: ActionContext): Promise<Omit<ChangeInput, "channelId"> | null>;
  /** Whether the action is already in effect (after an uncertain attempt). */
  alreadyDone?(ctx: ActionContext): Promise<Record<string, unknown> | null>;
  /** Performs the action; throws PlatformError. Returns what the platform answered. */
  execute(ctx: ActionContext): Promise<Record<string, unknown>>;
}

export type ExecutorRegistry = Partial<Record<string, PlatformExecutor>>;
