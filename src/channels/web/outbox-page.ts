// Dead letters of the outbox: actions the platforms refused or that kept
// failing, with the platform's answer in plain Swedish and a retry button.
import type { Queryable } from "../../platform/db/pool.ts";
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import { tc } from "./messages.ts";

export interface DeadLetter {
  id: string;
  action: string;
  platform: string;
  channelName: string;
  itemText: string | null;
  errorSv: string | null;
  errorEn: string | null;
  httpStatus: number | null;
  attempts: number;
  actor: string;
  updatedAt: string;
}

export async function listDeadLetters(db: Queryable, orgId: string): Promise<{ dead: DeadLetter[]; open: number }> {
  const r = await db.query(
    `select a.id, a.action, c.platform, c.name as channel_name, s.text, a.last_error_sv, a.last_error_en, a.last_http_status, a.attempts,
            a.actor_label, a.updated_at
       from platform_actions a join channels c on c.org_id = a.org_id and c.id = a.channel_id
       left join captured_item_state s on s.org_id = a.org_id and s.item_id = a.item_id
      where a.org_id = $1 and a.state = 'dead' order by a.updated_at desc limit 200`,
    [orgId],
  );
  const open = await db.query<{ n: number }>("select count(*)::int as n from platform_actions where org_id = $1 and state in ('pending', 'running')", [orgId]);
  return {
    open: open.rows[0]?.n ?? 0,
    dead: r.rows.map((x) => ({
      id: x.id, action: x.action, platform: x.platform, channelName: x.channel_name, itemText: x.text, errorSv: x.last_error_sv,
      errorEn: x.last_error_en, httpStatus: x.last_http_status, attempts: x.attempts, actor: x.actor_label, updatedAt: new Date(x.updated_at).toISOString(),
    })),
  };
}

export function outboxPageBody(lang: Lang, dead: DeadLetter[], open: number, csrf: string) {
  const rows = dead.map((d) => html`<tr><td>${tc(lang, `action.${d.action}` as "action.hide")}</td><td>${d.platform}: ${d.channelName}</td>
<td>${(d.itemText ?? "").slice(0, 140)}</td><td>${lang === "en" ? d.errorEn : d.errorSv}${d.httpStatus ? html` <span class="muted">(HTTP ${d.httpStatus})</span>` : ""}</td>
<td>${d.attempts}</td><td>${d.actor}</td>
<td><form method="post" action="/channels/outbox/${d.id}/retry"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">${tc(lang, "outbox.retry")}</button></form></td></tr>`);
  return html`<h1>${tc(lang, "outbox.title")}</h1>
<p role="status">${tc(lang, "outbox.pending", { n: open })}</p>
<h2>${tc(lang, "outbox.dead")}</h2>
${dead.length ? html`<table><caption>${tc(lang, "outbox.dead")}</caption><thead><tr><th scope="col">${tc(lang, "outbox.action")}</th><th scope="col">${tc(lang, "admin.platform")}</th><th scope="col">${tc(lang, "outbox.item")}</th><th scope="col">${tc(lang, "outbox.why")}</th><th scope="col">${tc(lang, "outbox.attempts")}</th><th scope="col">${tc(lang, "outbox.decidedBy")}</th><th scope="col"><span class="visually-hidden">${tc(lang, "outbox.retry")}</span></th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>${tc(lang, "outbox.noneDead")}</p>`}`;
}
