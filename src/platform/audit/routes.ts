// The audit page (with filters and a chain check) and its JSON API.
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import type { Pool } from "../db/pool.ts";
import { html } from "../../web/html.ts";
import { t } from "../../web/i18n.ts";
import { NAV, page } from "../../web/layout.ts";
import { listAuditEvents, type AuditFilter } from "./list-audit-events.ts";
import { verifyAuditChain } from "./verify-audit-chain.ts";

const FilterQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  targetType: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.Union([Type.String({ format: "date" }), Type.Literal("")])),
  to: Type.Optional(Type.Union([Type.String({ format: "date" }), Type.Literal("")])),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  verify: Type.Optional(Type.String()),
  lang: Type.Optional(Type.String()),
});
type Q = {
  actor?: string; action?: string; targetType?: string; from?: string; to?: string; before?: number; limit?: number; verify?: string;
};

function toFilter(orgId: string, q: Q): AuditFilter {
  return {
    orgId,
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.before ? { beforeSeq: q.before } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
  };
}

function shortJson(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = JSON.stringify(v);
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

export const auditRoutes: FastifyPluginAsync<{ pool: Pool }> = async (app, { pool }) => {
  NAV.push({ href: "/audit", label: "nav.audit", permission: "audit:read" });

  app.get(
    "/api/v1/audit",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: ["audit"],
        summary: "Audit events, newest first (keyset paging with `before`)",
        security: [{ bearer: [] }],
        querystring: FilterQuery,
        response: {
          200: Type.Array(
            Type.Object({
              seq: Type.Integer(), at: Type.String(), actor: Type.String(), action: Type.String(), targetType: Type.String(),
              targetId: Type.Union([Type.String(), Type.Null()]), before: Type.Unknown(), after: Type.Unknown(),
              requestId: Type.Union([Type.String(), Type.Null()]), hash: Type.String(),
            }),
          ),
        },
      },
    },
    async (req) => listAuditEvents(pool, toFilter(req.principal!.orgId, req.query as Q)),
  );

  app.get(
    "/api/v1/audit/verify",
    {
      config: { permission: "audit:read" },
      schema: { tags: ["audit"], summary: "Verify the organisation's audit chain", security: [{ bearer: [] }] },
    },
    async (req) => verifyAuditChain(pool, req.principal!.orgId),
  );

  app.get(
    "/audit",
    { config: { permission: "audit:read", html: true }, schema: { hide: true, querystring: FilterQuery } },
    async (req, reply) => {
      const p = req.principal!;
      const lang = req.lang;
      const q = req.query as Q;
      const events = await listAuditEvents(pool, toFilter(p.orgId, { ...q, limit: 50 }));
      const chain = q.verify ? await verifyAuditChain(pool, p.orgId) : undefined;
      const rows = events.map(
        (e) => html`<tr><td>${e.seq}</td><td><time datetime="${e.at}">${new Date(e.at).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" })}</time></td>
<td>${e.actor}</td><td><code>${e.action}</code></td><td>${e.targetType}${e.targetId ? html` <code>${e.targetId}</code>` : ""}</td>
<td><pre class="change">${e.before !== null && e.before !== undefined ? `− ${shortJson(e.before)}\n` : ""}${e.after !== null && e.after !== undefined ? `+ ${shortJson(e.after)}` : ""}</pre></td></tr>`,
      );
      const last = events[events.length - 1];
      const older = new URLSearchParams(Object.entries({ ...q, before: last ? String(last.seq) : "" }).filter(([k, v]) => v && k !== "verify") as [string, string][]);
      const body = html`<h1>${t(lang, "audit.title")}</h1>
${chain ? (chain.ok ? html`<p class="ok" role="status">${t(lang, "audit.chainOk", { n: chain.checked })}</p>` : html`<p class="error" role="alert">${t(lang, "audit.chainBroken", { seq: chain.firstBreak?.seq ?? "?", kind: chain.firstBreak?.kind ?? "" })}</p>`) : ""}
<form method="get" action="/audit" class="filters" role="search" aria-label="${t(lang, "audit.filter")}">
<div><label for="f-actor">${t(lang, "audit.actor")}</label><input id="f-actor" name="actor" value="${q.actor ?? ""}"></div>
<div><label for="f-action">${t(lang, "audit.action")}</label><input id="f-action" name="action" value="${q.action ?? ""}"></div>
<div><label for="f-target">${t(lang, "audit.target")}</label><input id="f-target" name="targetType" value="${q.targetType ?? ""}"></div>
<div><label for="f-from">${t(lang, "audit.from")}</label><input id="f-from" name="from" type="date" value="${q.from ?? ""}"></div>
<div><label for="f-to">${t(lang, "audit.to")}</label><input id="f-to" name="to" type="date" value="${q.to ?? ""}"></div>
<div><button type="submit">${t(lang, "audit.filter")}</button></div>
</form>
<p><a href="/audit?verify=1">${t(lang, "audit.verify")}</a></p>
${events.length
  ? html`<table><caption>${t(lang, "audit.title")}</caption><thead><tr><th scope="col">${t(lang, "audit.seq")}</th><th scope="col">${t(lang, "audit.at")}</th><th scope="col">${t(lang, "audit.actor")}</th><th scope="col">${t(lang, "audit.action")}</th><th scope="col">${t(lang, "audit.target")}</th><th scope="col">${t(lang, "audit.change")}</th></tr></thead><tbody>${rows}</tbody></table>
${events.length === 50 ? html`<p><a href="/audit?${older.toString()}">${t(lang, "audit.older")}</a></p>` : ""}`
  : html`<p>${t(lang, "audit.none")}</p>`}`;
      return reply.type("text/html; charset=utf-8").send(page({ lang, title: t(lang, "audit.title"), principal: p, csrfToken: p.csrfToken, currentPath: req.url, body }));
    },
  );
};
