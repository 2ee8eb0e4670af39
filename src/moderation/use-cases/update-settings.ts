// The organisation's moderation settings: strike threshold and window, how
// long an appeal stays open, the supervision limit (BBS-lagen §4). The only
// mutable moderation table; every change is audited with before and after.
import { recordAuditEvent, type Actor } from "../../platform/audit/index.ts";
import type { Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { loadSettings, type ModerationSettings } from "../store.ts";

const LIMITS: Record<keyof ModerationSettings, [number, number]> = {
  strikeThreshold: [1, 100], strikeWindowDays: [1, 3650], appealDays: [1, 365], reviewLimitMinutes: [1, 100000],
};

export async function updateSettings(tx: Tx, o: { orgId: string; settings: ModerationSettings; actor: Actor; requestId?: string | undefined }): Promise<ModerationSettings> {
  for (const [k, [lo, hi]] of Object.entries(LIMITS) as [keyof ModerationSettings, [number, number]][]) {
    const v = o.settings[k];
    if (!Number.isInteger(v) || v < lo || v > hi) throw new AppError("validation_failed", { public: { field: k, min: lo, max: hi } });
  }
  const before = await loadSettings(tx, o.orgId);
  const s = o.settings;
  await tx.query(
    `insert into moderation_settings (org_id, strike_threshold, strike_window_days, appeal_days, review_limit_minutes) values ($1, $2, $3, $4, $5)
     on conflict (org_id) do update set strike_threshold = excluded.strike_threshold, strike_window_days = excluded.strike_window_days,
       appeal_days = excluded.appeal_days, review_limit_minutes = excluded.review_limit_minutes, updated_at = now()`,
    [o.orgId, s.strikeThreshold, s.strikeWindowDays, s.appealDays, s.reviewLimitMinutes]);
  await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: "moderation.settings.updated", targetType: "moderation_settings", targetId: o.orgId, before, after: s, requestId: o.requestId ?? null });
  return s;
}
