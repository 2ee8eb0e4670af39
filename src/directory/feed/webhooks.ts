// Signed outgoing webhooks. Each change batch is queued per subscriber in the
// delivery log (sync-live.ts); a worker in any Växel process claims due rows
// with FOR UPDATE SKIP LOCKED, POSTs the body with
// `X-Vaxel-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, and on
// failure retries with exponential backoff until the attempts run out.
import { createHmac, randomBytes } from "node:crypto";
import { withTx, type Pool, type Queryable } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import { decryptSecret, encryptSecret } from "../../platform/secrets.ts";
import type { WriteContext } from "../use-cases/context.ts";

export const SIGNATURE_HEADER = "x-vaxel-signature";
export const MAX_ATTEMPTS = 8;

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export interface WebhookView {
  id: string;
  url: string;
  description: string;
  createdAt: string;
  disabled: boolean;
}

function validUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "https:" || u.protocol === "http:") && url.length <= 2000 && !u.username && !u.password;
  } catch {
    return false;
  }
}

export async function createWebhook(
  deps: { pool: Pool; key: () => Buffer },
  ctx: WriteContext,
  o: { url: string; description?: string; secret?: string },
): Promise<{ webhook: WebhookView; secret: string }> {
  if (!validUrl(o.url)) throw new AppError("validation_failed", { public: { field: "url" } });
  const secret = o.secret ?? randomBytes(24).toString("base64url");
  return withTx(deps.pool, async (tx) => {
    const r = await tx.query<{ id: string; created_at: Date }>(
      "insert into dir_webhooks (org_id, url, secret_enc, description) values ($1, $2, $3, $4) returning id, created_at",
      [ctx.orgId, o.url, encryptSecret(deps.key(), secret), o.description ?? ""],
    );
    const row = r.rows[0]!;
    await recordAuditEvent(tx, { orgId: ctx.orgId, actor: ctx.actor, action: "directory.webhook.created", targetType: "directory.webhook", targetId: row.id, after: { url: o.url }, requestId: ctx.requestId ?? null });
    return { webhook: { id: row.id, url: o.url, description: o.description ?? "", createdAt: row.created_at.toISOString(), disabled: false }, secret };
  });
}

export async function disableWebhook(pool: Pool, ctx: WriteContext, id: string): Promise<void> {
  await withTx(pool, async (tx) => {
    const r = await tx.query("update dir_webhooks set disabled_at = now() where org_id = $1 and id = $2 and disabled_at is null", [ctx.orgId, id]);
    if (!r.rowCount) throw new AppError("not_found");
    await tx.query("update dir_webhook_deliveries set state = 'failed', last_error = 'webhook disabled' where org_id = $1 and webhook_id = $2 and state = 'pending'", [ctx.orgId, id]);
    await recordAuditEvent(tx, { orgId: ctx.orgId, actor: ctx.actor, action: "directory.webhook.disabled", targetType: "directory.webhook", targetId: id, requestId: ctx.requestId ?? null });
  });
}

export async function listWebhooks(db: Queryable, orgId: string): Promise<WebhookView[]> {
  const r = await db.query<{ id: string; url: string; description: string; created_at: Date; disabled_at: Date | null }>(
    "select id, url, description, created_at, disabled_at from dir_webhooks where org_id = $1 order by created_at",
    [orgId],
  );
  return r.rows.map((x) => ({ id: x.id, url: x.url, description: x.description, createdAt: x.created_at.toISOString(), disabled: x.disabled_at !== null }));
}

export interface DeliveryView {
  id: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string;
}

export async function listDeliveries(db: Queryable, orgId: string, webhookId: string, limit = 100): Promise<DeliveryView[]> {
  const r = await db.query<{ id: string; state: DeliveryView["state"]; attempts: number; last_status: number | null; last_error: string | null; created_at: Date; delivered_at: Date | null; next_attempt_at: Date }>(
    "select id, state, attempts, last_status, last_error, created_at, delivered_at, next_attempt_at from dir_webhook_deliveries where org_id = $1 and webhook_id = $2 order by created_at desc limit $3",
    [orgId, webhookId, limit],
  );
  return r.rows.map((x) => ({ id: x.id, state: x.state, attempts: x.attempts, lastStatus: x.last_status, lastError: x.last_error, createdAt: x.created_at.toISOString(), deliveredAt: x.delivered_at?.toISOString() ?? null, nextAttemptAt: x.next_attempt_at.toISOString() }));
}

export interface DeliverOptions {
  pool: Pool;
  key: () => Buffer;
  /** Delay before the first retry; doubles each attempt (base, 2·base, 4·base, …). */
  retryBaseMs: number;
  timeoutMs?: number;
  batch?: number;
}

/** Sends every due delivery once. Returns how many were attempted. */
export async function deliverDueWebhooks(o: DeliverOptions): Promise<number> {
  // Claim with a lease so a crashed worker's rows come back after the lease.
  const claimed = await withTx(o.pool, async (tx) => {
    const r = await tx.query<{ org_id: string; id: string; body: string; attempts: number; url: string; secret_enc: string }>(
      `select d.org_id, d.id, d.body, d.attempts, w.url, w.secret_enc
       from dir_webhook_deliveries d join dir_webhooks w on w.org_id = d.org_id and w.id = d.webhook_id
       where d.state = 'pending' and d.next_attempt_at <= now()
       order by d.next_attempt_at limit $1 for update of d skip locked`,
      [o.batch ?? 20],
    );
    for (const row of r.rows) {
      await tx.query("update dir_webhook_deliveries set next_attempt_at = now() + interval '2 minutes' where org_id = $1 and id = $2", [row.org_id, row.id]);
    }
    return r.rows;
  });
  for (const d of claimed) {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Vaxel-Webhooks/1", [SIGNATURE_HEADER]: sign(decryptSecret(o.key(), d.secret_enc), d.body) },
        body: d.body,
        redirect: "manual",
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
    const attempts = d.attempts + 1;
    if (!error) {
      await o.pool.query("update dir_webhook_deliveries set state = 'delivered', attempts = $3, last_status = $4, last_error = null, delivered_at = now() where org_id = $1 and id = $2", [d.org_id, d.id, attempts, status]);
    } else {
      const failed = attempts >= MAX_ATTEMPTS;
      const delayMs = o.retryBaseMs * 2 ** (attempts - 1);
      await o.pool.query(
        `update dir_webhook_deliveries set state = $3, attempts = $4, last_status = $5, last_error = $6,
           next_attempt_at = now() + make_interval(secs => $7::double precision / 1000) where org_id = $1 and id = $2`,
        [d.org_id, d.id, failed ? "failed" : "pending", attempts, status, error, delayMs],
      );
    }
  }
  return claimed.length;
}
