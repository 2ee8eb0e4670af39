// Domain types of capture: what an adapter hands over (one change of one
// platform item) and what capture stores (a version in a per-channel chain).

export type CaptureEvent = "add" | "edit" | "remove" | "hide" | "unhide" | "snapshot";
export type CaptureSource = "webhook" | "poll" | "backfill" | "import" | "pre_action";
export type ItemKind = "post" | "comment" | "reply" | "mention";

export const PLATFORMS = ["facebook", "instagram", "youtube", "linkedin", "mastodon"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** One change of one platform item, normalised by an adapter. */
export interface ChangeInput {
  channelId: string;
  platformItemId: string;
  kind: ItemKind;
  event: CaptureEvent;
  postPlatformId?: string | null;
  parentPlatformId?: string | null;
  /** ISO 8601; when the platform says the change happened. */
  platformTime?: string | null;
  authorPlatformId?: string | null;
  authorName?: string | null;
  /** null for removals (Facebook's `remove` carries no message). */
  text?: string | null;
  /** Hide state carried by this change; null when it does not tell. */
  hidden?: boolean | null;
  url?: string | null;
  /** The platform's own fragment for this change, stored as canonical JSON. */
  raw: unknown;
  /**
   * Identity of this version for idempotency. Default: derived from event,
   * platform time, author, text and hide state, so a redelivered change maps to
   * the same key. Snapshots (polls, backfill, imports) additionally count as
   * duplicates when the item's latest version already shows the same state.
   */
  versionKey?: string;
}

/** The bytes that carried the changes, kept as evidence. */
export interface DeliveryInput {
  platform: Platform;
  source: CaptureSource;
  receivedAt: Date;
  body: Buffer;
  /** The signature header as received (webhooks). */
  signature?: string | null;
}

export interface CaptureBatch {
  orgId: string;
  delivery: DeliveryInput;
  changes: ChangeInput[];
}

export interface CapturedVersion {
  orgId: string;
  channelId: string;
  versionId: string;
  itemId: string;
  platformItemId: string;
  seq: number;
  event: CaptureEvent;
  /** Whether the text is worth analysing (add, edit, snapshot with text). */
  hasText: boolean;
}

export interface CaptureResult {
  /** Versions written by this call (duplicates are not repeated here). */
  created: CapturedVersion[];
  /** Changes recognised as already captured. */
  duplicates: number;
}
