// Review schedule ("senast granskad"): verified_at is separate from updated_at, and each
// contact point has its own interval (default 12 months). Pure: the caller passes `now`.
import type { ContactPoint, Verification } from "./types.ts";

export type ReviewState = "never_verified" | "ok" | "due_soon" | "overdue";

/** verifiedAt + interval months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function reviewDueAt(verification: Verification): Date | null {
  const at = verification.verifiedAt;
  if (!at) return null;
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + verification.reviewIntervalMonths;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()));
}

export function reviewState(verification: Verification, now: Date, dueSoonDays = 30): ReviewState {
  const due = reviewDueAt(verification);
  if (!due) return "never_verified";
  if (due.getTime() <= now.getTime()) return "overdue";
  if (due.getTime() - now.getTime() <= dueSoonDays * 86_400_000) return "due_soon";
  return "ok";
}

export interface ReviewItem {
  contactPoint: ContactPoint;
  state: Exclude<ReviewState, "ok">;
  dueAt: Date | null;
}

/** The review queue: never verified first, then by due date, oldest first. */
export function reviewQueue(contactPoints: readonly ContactPoint[], now: Date, dueSoonDays = 30): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const cp of contactPoints) {
    const state = reviewState(cp.verification, now, dueSoonDays);
    if (state !== "ok") items.push({ contactPoint: cp, state, dueAt: reviewDueAt(cp.verification) });
  }
  return items.sort((a, b) => {
    if (a.dueAt === null || b.dueAt === null) return a.dueAt === b.dueAt ? 0 : a.dueAt === null ? -1 : 1;
    return a.dueAt.getTime() - b.dueAt.getTime();
  });
}
