// Maps every error to the catalogue: a stable code with Swedish and English
// messages. Private detail goes to the log only. HTML routes get an error page.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError, ERROR_CATALOGUE, errorBody, type ErrorCode } from "../errors.ts";
import { html } from "../../web/html.ts";
import { t } from "../../web/i18n.ts";
import { page } from "../../web/layout.ts";

function classify(err: FastifyError | AppError | Error): { code: ErrorCode; context?: Record<string, unknown> } {
  if (err instanceof AppError) return { code: err.code, ...(err.publicContext ? { context: err.publicContext } : {}) };
  const fe = err as FastifyError;
  if (fe.validation) {
    return {
      code: "validation_failed",
      context: { fields: fe.validation.map((v) => ({ path: v.instancePath || v.params?.missingProperty || "", rule: v.keyword })) },
    };
  }
  switch (fe.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { code: "payload_too_large" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { code: "bad_request" };
    case "FST_CSRF_INVALID_TOKEN":
    case "FST_CSRF_MISSING_SECRET":
      return { code: "csrf_invalid" };
  }
  if (fe.statusCode === 429) return { code: "rate_limited" };
  if (fe.statusCode === 404) return { code: "not_found" };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return { code: "bad_request" };
  return { code: "internal" };
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  const { code, context } = classify(err);
  const status = ERROR_CATALOGUE[code].status;
  if (status >= 500) req.log.error({ err, code }, "request failed");
  else req.log.info({ code, detail: err instanceof AppError ? err.detail : err.message }, "request refused");
  const lang = req.lang ?? "sv";
  if (req.routeOptions?.config?.html) {
    const body = html`<h1>${t(lang, "error.title")}</h1>
<p class="error" role="alert">${ERROR_CATALOGUE[code][lang]} <code>${code}</code></p>
<p><a href="/">${t(lang, "error.back")}</a></p>`;
    return reply
      .status(status)
      .type("text/html; charset=utf-8")
      .send(page({ lang, title: t(lang, "error.title"), principal: req.principal, csrfToken: req.principal?.csrfToken, currentPath: req.url, body }));
  }
  return reply.status(status).send(errorBody(code, lang, context));
}
