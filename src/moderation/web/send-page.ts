// Sends a module page in the shared shell.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { SafeHtml } from "../../web/html.ts";
import { page } from "../../web/layout.ts";

export function sendPage(req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml) {
  const p = req.principal;
  return reply.type("text/html; charset=utf-8").send(page({ lang: req.lang, title, principal: p, csrfToken: p?.csrfToken, currentPath: req.url, body }));
}
