// Sends a module page in the shared shell. Every moderation page a moderator
// opens carries the supervision alert (BBS-lagen §4: unreviewed comments
// older than the review limit in working time), kept live by alert.js over
// the same server-sent events as the queue.
import type { FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../access/policy.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import { page } from "../../web/layout.ts";
import { tm } from "./messages.ts";

/**
 * The alert banner: always present for moderators (role="status", so a screen
 * reader hears a change), with text only while something is overdue.
 */
export function alertBanner(lang: Lang, count: number): SafeHtml {
  const template = tm(lang, "supervision.alert", { n: "{n}" });
  return html`<div id="mod-alert" class="mod-alert" role="status" data-template="${template}" data-link="${tm(lang, "supervision.title")}">${count > 0 ? alertText(lang, count) : ""}</div>
<script src="/moderation/assets/alert.js" defer></script>`;
}

function alertText(lang: Lang, count: number): SafeHtml {
  return html`<p class="warn">${tm(lang, "supervision.alert", { n: count })} <a href="/moderation/supervision">${tm(lang, "supervision.title")}</a></p>`;
}

export async function sendPage(req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml) {
  const p = req.principal;
  let content = body;
  if (p && can(p, "moderation:decide")) {
    const alert = await req.server.moderation.overdue(p.orgId);
    content = html`${alertBanner(req.lang, alert.count)}${body}`;
  }
  return reply.type("text/html; charset=utf-8").send(page({ lang: req.lang, title, principal: p, csrfToken: p?.csrfToken, currentPath: req.url, body: content }));
}
