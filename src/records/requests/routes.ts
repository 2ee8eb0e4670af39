// Records requests: API and pages. The registrar sees the full text while
// reviewing (every such read is audited); what leaves is the confirmed,
// redacted export.
import { Type, type Static } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAuditEvent } from "../../platform/audit/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { AppError } from "../../platform/errors.ts";
import type { SafeHtml } from "../../web/html.ts";
import { page } from "../../web/layout.ts";
import { tr } from "../web/messages.ts";
import { appErrorToForm, dropEmptyFormFields, formErrorStatus, schemaErrors, type FormError } from "../web/form-errors.ts";
import { requestPageBody, requestsListBody, withholdFields } from "../web/requests-page.ts";
import { createRecordsRequest } from "./create-request.ts";
import { addRedaction, confirmRecordsRequest, decideRedaction } from "./decide-redactions.ts";
import { requestCsv, requestPdf } from "./export-request.ts";
import { loadRecordsRequest } from "./load-request.ts";
import { selectRequestItems } from "./select-items.ts";
import { withholdPassage } from "./withhold-passage.ts";

const Id = Type.Object({ id: Type.String({ format: "uuid" }) });
const CreateBody = Type.Object({
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  requester: Type.Optional(Type.String({ maxLength: 300 })),
  receivedAt: Type.Optional(Type.String({ format: "date" })),
  _csrf: Type.Optional(Type.String()),
});
const SelectBody = Type.Object({
  /** Comments on posts whose text matches this (e.g. "simhallen"). */
  postQuery: Type.Optional(Type.String({ maxLength: 500 })),
  q: Type.Optional(Type.String({ maxLength: 500 })),
  kind: Type.Optional(Type.Union([Type.Literal("post"), Type.Literal("comment"), Type.Literal("reply"), Type.Literal("mention"), Type.Literal("")])),
  channel: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Literal("")])),
  from: Type.Optional(Type.Union([Type.String({ format: "date" }), Type.Literal("")])),
  to: Type.Optional(Type.Union([Type.String({ format: "date" }), Type.Literal("")])),
  _csrf: Type.Optional(Type.String()),
});
type SelectBodyT = Static<typeof SelectBody>;
const DecideBody = Type.Object({ decision: Type.Union([Type.Literal("confirmed"), Type.Literal("rejected")]), _csrf: Type.Optional(Type.String()) });
const AddRedactionBody = Type.Object({
  itemId: Type.String({ format: "uuid" }),
  /** 'text' (default): a span of the text; 'author': the author's name or handle (span over the name). */
  field: Type.Optional(Type.Union([Type.Literal("text"), Type.Literal("author")])),
  start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 1 }),
  kindSv: Type.String({ minLength: 1, maxLength: 200 }), ground: Type.String({ minLength: 1, maxLength: 200 }),
});

const WithholdBody = Type.Object({
  itemId: Type.String({ format: "uuid" }),
  field: Type.Union([Type.Literal("text"), Type.Literal("author")]),
  passage: Type.String({ minLength: 1, maxLength: 1000 }),
  kindSv: Type.String({ minLength: 1, maxLength: 200 }),
  ground: Type.String({ minLength: 1, maxLength: 200 }),
  /** The item's place on the page, so an error links to its form. */
  n: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  _csrf: Type.Optional(Type.String()),
});

export async function registerRequestRoutes(app: FastifyInstance, pool: Pool): Promise<void> {
  const actorOf = (req: FastifyRequest) => ({ id: req.principal!.userId, label: req.principal!.username });
  const orgOf = (req: FastifyRequest) => req.principal!.orgId;
  const cfg = { config: { permission: "records:request" as const } };
  const htmlCfg = { config: { permission: "records:request" as const, html: true } };
  const tags = ["records"];
  const security = [{ bearer: [] }];

  const select = (req: FastifyRequest, id: string, b: SelectBodyT) => selectRequestItems({ pool }, {
    orgId: orgOf(req), requestId: id, postQuery: b.postQuery || undefined, actor: actorOf(req),
    selection: { q: b.q || undefined, kind: b.kind || undefined, channelId: b.channel || undefined, from: b.from || undefined, to: b.to || undefined },
  });
  /** The registrar reads full, unmasked text while reviewing: audited. */
  const loadAudited = async (req: FastifyRequest, id: string) => {
    const r = await loadRecordsRequest(pool, { orgId: orgOf(req), requestId: id });
    await withTx(pool, (tx) => recordAuditEvent(tx, { orgId: orgOf(req), actor: actorOf(req), action: "records.unmasked_read", targetType: "records_request", targetId: id, after: { items: r.items.map((i) => i.itemId) }, requestId: req.id }));
    return r;
  };

  app.post("/api/v1/records/requests", { ...cfg, schema: { tags, security, summary: "Open a records request", body: CreateBody, response: { 201: Id } } },
    async (req, reply) => reply.status(201).send(await createRecordsRequest({ pool }, { orgId: orgOf(req), ...(req.body as Static<typeof CreateBody>), actor: actorOf(req) })));
  app.post("/api/v1/records/requests/:id/items", { ...cfg, schema: { tags, security, summary: "Select items (search filters) and get redaction proposals", params: Id, body: SelectBody, response: { 200: Type.Object({ added: Type.Integer(), proposals: Type.Integer() }) } } },
    async (req) => select(req, (req.params as { id: string }).id, req.body as SelectBodyT));
  app.get("/api/v1/records/requests/:id", { ...cfg, schema: { tags, security, summary: "The request with items, full text and redactions (audited read)", params: Id } },
    async (req) => loadAudited(req, (req.params as { id: string }).id));
  app.post("/api/v1/records/requests/:id/redactions/:rid", { ...cfg, schema: { tags, security, summary: "Confirm or reject a proposed redaction", params: Type.Object({ id: Type.String({ format: "uuid" }), rid: Type.String({ format: "uuid" }) }), body: DecideBody, response: { 204: Type.Null() } } },
    async (req, reply) => {
      const p = req.params as { id: string; rid: string };
      await decideRedaction({ pool }, { orgId: orgOf(req), requestId: p.id, redactionId: p.rid, decision: (req.body as Static<typeof DecideBody>).decision, actor: actorOf(req) });
      return reply.status(204).send();
    });
  app.post("/api/v1/records/requests/:id/redactions", { ...cfg, schema: { tags, security, summary: "Add a redaction the analyzer missed", params: Id, body: AddRedactionBody, response: { 201: Id } } },
    async (req, reply) => reply.status(201).send(await addRedaction({ pool }, { orgId: orgOf(req), requestId: (req.params as { id: string }).id, ...(req.body as Static<typeof AddRedactionBody>), actor: actorOf(req) })));
  app.post("/api/v1/records/requests/:id/confirm", { ...cfg, schema: { tags, security, summary: "Confirm the secrecy review; the decision is archived", params: Id, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await confirmRecordsRequest({ pool }, { orgId: orgOf(req), requestId: (req.params as { id: string }).id, actor: actorOf(req) });
      return reply.status(204).send();
    });
  app.get("/api/v1/records/requests/:id/export.csv", { ...cfg, schema: { tags, security, summary: "The disclosed records as CSV (redacted, with grounds)", params: Id } },
    async (req, reply) => {
      const r = await loadRecordsRequest(pool, { orgId: orgOf(req), requestId: (req.params as { id: string }).id });
      return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="utlamnande-${r.id}.csv"`).send(requestCsv(r));
    });
  app.get("/api/v1/records/requests/:id/export.pdf", { ...cfg, schema: { tags, security, summary: "The disclosed records as PDF (redacted, with the log of withheld data)", params: Id } },
    async (req, reply) => {
      const r = await loadRecordsRequest(pool, { orgId: orgOf(req), requestId: (req.params as { id: string }).id });
      const org = (await pool.query<{ name: string }>("select name from organisations where id = $1", [orgOf(req)])).rows[0]?.name ?? "";
      return reply.type("application/pdf").header("content-disposition", `attachment; filename="utlamnande-${r.id}.pdf"`).send(await requestPdf(r, { organisation: org }));
    });

  // Pages (forms post back and redirect: no JavaScript needed).
  const send = (req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml) =>
    reply.type("text/html; charset=utf-8").send(page({ lang: req.lang, title, principal: req.principal, csrfToken: req.principal?.csrfToken, currentPath: req.url, body }));
  app.get("/records/requests", { ...htmlCfg, schema: { hide: true } }, async (req, reply) => {
    const list = await pool.query<{ id: string; description: string; received_at: string; status: string }>(
      "select id, description, to_char(received_at, 'YYYY-MM-DD') as received_at, status from records_requests where org_id = $1 order by created_at desc limit 200", [orgOf(req)]);
    return send(req, reply, tr(req.lang, "requests.title"), requestsListBody(req.lang, list.rows, req.principal?.csrfToken ?? ""));
  });
  app.post("/records/requests", { ...htmlCfg, schema: { hide: true, body: CreateBody } }, async (req, reply) => {
    const { id } = await createRecordsRequest({ pool }, { orgId: orgOf(req), ...(req.body as Static<typeof CreateBody>), actor: actorOf(req) });
    return reply.redirect(`/records/requests/${id}`, 303);
  });
  const requestPage = async (req: FastifyRequest, reply: FastifyReply, id: string, errors: FormError[] = []) => {
    const r = await loadAudited(req, id);
    if (errors.length) reply.status(formErrorStatus(errors));
    return send(req, reply, tr(req.lang, "requests.title"), requestPageBody(req.lang, r, req.principal?.csrfToken ?? "", errors));
  };
  app.get("/records/requests/:id", { ...htmlCfg, schema: { hide: true, params: Id } }, async (req, reply) => requestPage(req, reply, (req.params as { id: string }).id));
  // A hand-made redaction: the passage as written in the record; errors shown on the request's page.
  app.post("/records/requests/:id/withhold", { ...htmlCfg, attachValidation: true, preValidation: dropEmptyFormFields, schema: { hide: true, params: Id, body: WithholdBody } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const b = req.body as Static<typeof WithholdBody>;
    const fields = withholdFields(req.lang, typeof b?.n === "number" ? b.n : 0);
    if (req.validationError) return requestPage(req, reply, id, schemaErrors(req.lang, req.validationError, fields));
    try {
      await withholdPassage({ pool }, { orgId: orgOf(req), requestId: id, itemId: b.itemId, field: b.field, passage: b.passage, kindSv: b.kindSv, ground: b.ground, actor: actorOf(req) });
    } catch (err) {
      const errors = appErrorToForm(req.lang, err, fields);
      const notInRecord = err instanceof AppError && err.publicContext?.why === "not_in_record";
      return requestPage(req, reply, id, notInRecord ? errors.map((e) => ({ ...e, message: tr(req.lang, "requests.passageNotFound") })) : errors);
    }
    return reply.redirect(`/records/requests/${id}`, 303);
  });
  app.post("/records/requests/:id/select", { ...htmlCfg, schema: { hide: true, params: Id, body: SelectBody } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    await select(req, id, req.body as SelectBodyT);
    return reply.redirect(`/records/requests/${id}`, 303);
  });
  app.post("/records/requests/:id/redactions/:rid", { ...htmlCfg, schema: { hide: true, params: Type.Object({ id: Type.String({ format: "uuid" }), rid: Type.String({ format: "uuid" }) }), body: DecideBody } }, async (req, reply) => {
    const p = req.params as { id: string; rid: string };
    await decideRedaction({ pool }, { orgId: orgOf(req), requestId: p.id, redactionId: p.rid, decision: (req.body as Static<typeof DecideBody>).decision, actor: actorOf(req) });
    return reply.redirect(`/records/requests/${p.id}#r-${p.rid}`, 303);
  });
  app.post("/records/requests/:id/confirm", { ...htmlCfg, schema: { hide: true, params: Id, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    await confirmRecordsRequest({ pool }, { orgId: orgOf(req), requestId: id, actor: actorOf(req) });
    return reply.redirect(`/records/requests/${id}`, 303);
  });
}
