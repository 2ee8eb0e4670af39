// The organisation's moderation settings: strike threshold and window, how
// long an appeal stays open, the supervision limit (BBS-lagen §4) and the
// language of notices to residents. The only
// mutable moderation table; every change is audited with before and after.
import { recordAuditEvent, type Actor } from "../../platform/audit/index.ts";
import type { Tx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { loadSettings, type ModerationSettings } from "../store.ts";

type NumericSetting = Exclude<keyof ModerationSettings, "noticeLang">;
const LIMITS: Record<NumericSetting, [number, number]> = {
  strikeThreshold: [1, 100], strikeWindowDays: [1, 3650], appealDays: [1, 365], reviewLimitMinutes: [1, 100000],
};

/** `noticeLang` left out keeps the current choice (clients that only send the numbers). */
export async function updateSettings(tx: Tx, o: { orgId: string; settings: Omit<ModerationSettings, "noticeLang"> & { noticeLang?: string | undefined }; actor: Actor; requestId?: string | undefined }): Promise<ModerationSettings> {
  for (const [k, [lo, hi]] of Object.entries(LIMITS) as [NumericSetting, [number, number]][]) {
    const v = o.settings[k];
    if (!Number.isInteger(v) || v < lo || v > hi) throw new AppError("validation_failed", { public: { field: k, min: lo, max: hi } });
  }
  const lang = o.settings.noticeLang;
  if (lang !== undefined && lang !== "sv" && lang !== "en") throw new AppError("validation_failed", { public: { field: "noticeLang", allowed: ["sv", "en"] } });
  const before = await loadSettings(tx, o.orgId);
  const s: ModerationSettings = { ...o.settings, noticeLang: lang ?? before.noticeLang };
  await tx.query(
    `insert into moderation_settings (org_id, strike_threshold, strike_window_days, appeal_days, review_limit_minutes, notice_lang) values ($1, $2, $3, $4, $5, $6)
     on conflict (org_id) do update set strike_threshold = excluded.strike_threshold, strike_window_days = excluded.strike_window_days,
       appeal_days = excluded.appeal_days, review_limit_minutes = excluded.review_limit_minutes, notice_lang = excluded.notice_lang, updated_at = now()`,
    [o.orgId, s.strikeThreshold, s.strikeWindowDays, s.appealDays, s.reviewLimitMinutes, s.noticeLang]);
  await recordAuditEvent(tx, { orgId: o.orgId, actor: o.actor, action: "moderation.settings.updated", targetType: "moderation_settings", targetId: o.orgId, before, after: s, requestId: o.requestId ?? null });
  return s;
}
