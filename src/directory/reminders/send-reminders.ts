// Review reminders: contact points that are due, overdue or never reviewed are
// mailed to the unit's contact owners (users with the editor role on the unit,
// a unit above it, or the whole organisation). One e-mail per person, listing
// their contact points. Each contact point is reminded once per due date, so
// repeated runs and several processes do not mail twice.
import nodemailer from "nodemailer";
import type { Config } from "../../config.ts";
import { withTx, type Pool } from "../../platform/db/pool.ts";
import { recordAuditEvent, SYSTEM_ACTOR } from "../../platform/audit/index.ts";
import { indexSnapshot, reviewQueue, type ReviewItem } from "../domain/index.ts";
import { ancestry } from "../domain/snapshot.ts";
import { valueOf } from "../read/present.ts";
import { loadSnapshot } from "../store/versions.ts";

export interface ReminderMessage {
  to: string[];
  subject: string;
  text: string;
  items: number;
}

const STATE_SV: Record<ReviewItem["state"], string> = { never_verified: "aldrig granskad", due_soon: "ska granskas snart", overdue: "försenad granskning" };

function dueKey(item: ReviewItem, now: Date): string {
  // Never reviewed: remind once a month until someone does.
  return item.dueAt ? item.dueAt.toISOString().slice(0, 10) : `${now.toISOString().slice(0, 7)}-01`;
}

export async function sendReviewReminders(
  deps: { pool: Pool; cfg: Pick<Config, "smtpUrl" | "smtpFrom" | "publicUrl">; now: Date },
  o: { orgId: string; dryRun?: boolean },
): Promise<{ messages: ReminderMessage[]; sent: boolean }> {
  const snap = await loadSnapshot(deps.pool, o.orgId, { mode: "working" });
  const index = indexSnapshot(snap);
  const already = new Set(
    (await deps.pool.query<{ contact_point_id: string; due_date: string }>("select contact_point_id, due_date from dir_reminders where org_id = $1", [o.orgId])).rows.map((r) => `${r.contact_point_id}|${r.due_date}`),
  );
  const items = reviewQueue(snap.contactPoints, deps.now).filter((i) => !already.has(`${i.contactPoint.id}|${dueKey(i, deps.now)}`));
  if (items.length === 0) return { messages: [], sent: false };
  const owners = await deps.pool.query<{ email: string; unit_id: string | null }>(
    `select u.email, r.unit_id from role_assignments r join users u on u.org_id = r.org_id and u.id = r.user_id
     where r.org_id = $1 and r.role = 'editor' and u.email is not null and u.disabled_at is null`,
    [o.orgId],
  );
  const byEmail = new Map<string, ReviewItem[]>();
  for (const item of items) {
    const scope = new Set(ancestry(item.contactPoint.unitId, index).map((u) => u.id));
    for (const row of owners.rows) {
      if (row.unit_id !== null && !scope.has(row.unit_id)) continue;
      const list = byEmail.get(row.email) ?? [];
      if (!list.includes(item)) list.push(item);
      byEmail.set(row.email, list);
    }
  }
  const messages: ReminderMessage[] = [...byEmail.entries()].map(([email, list]) => ({
    to: [email],
    subject: `Kontaktkatalogen: ${list.length} kontaktvägar att granska`,
    items: list.length,
    text: [
      "Hej!",
      "",
      "Följande kontaktvägar i kontaktkatalogen behöver granskas. Kontrollera att uppgiften stämmer och markera den som granskad:",
      "",
      ...list.map((i) => `- ${index.unitsById.get(i.contactPoint.unitId)?.name ?? ""}: ${i.contactPoint.label ?? i.contactPoint.kind} ${valueOf(i.contactPoint)} (${STATE_SV[i.state]}${i.dueAt ? `, förföll ${i.dueAt.toISOString().slice(0, 10)}` : ""})\n  ${deps.cfg.publicUrl}/directory/contact-points/${i.contactPoint.id}`),
      "",
      `Granskningskön: ${deps.cfg.publicUrl}/directory/review`,
      "",
      "/Växel",
    ].join("\n"),
  }));
  if (o.dryRun || !deps.cfg.smtpUrl) return { messages, sent: false };
  const transport = nodemailer.createTransport(deps.cfg.smtpUrl);
  try {
    for (const m of messages) await transport.sendMail({ from: deps.cfg.smtpFrom, to: m.to, subject: m.subject, text: m.text });
  } finally {
    transport.close();
  }
  await withTx(deps.pool, async (tx) => {
    for (const item of items) {
      const recipients = messages.filter((m) => byEmail.get(m.to[0]!)?.includes(item)).flatMap((m) => m.to);
      if (recipients.length === 0) continue;
      await tx.query("insert into dir_reminders (org_id, contact_point_id, due_date, recipients) values ($1, $2, $3, $4) on conflict do nothing", [o.orgId, item.contactPoint.id, dueKey(item, deps.now), recipients]);
    }
    await recordAuditEvent(tx, { orgId: o.orgId, actor: SYSTEM_ACTOR, action: "directory.review_reminders_sent", targetType: "directory", after: { recipients: messages.map((m) => m.to[0]), contactPoints: items.length } });
  });
  return { messages, sent: true };
}
