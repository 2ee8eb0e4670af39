// The register (diarium): API, CSV/JSON export for the case management
// system, the candidates that must be registered, and the page.
import { Type, type Static } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../access/policy.ts";
import { AppError } from "../../platform/errors.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { page } from "../../web/layout.ts";
import { refreshSearchIndex } from "../search/refresh-search-index.ts";
import { codeLabel, tr } from "../web/messages.ts";
import { toCsv } from "../../web/csv.ts";
import { appErrorToForm, dropEmptyFormFields, formErrorStatus, schemaErrors, type FormError } from "../web/form-errors.ts";
import { manualRegistrationFields, registerPageBody, seriesFields, type ManualRegistrationValues } from "../web/register-page.ts";
import { findRegistrationCandidates } from "./find-registration-candidates.ts";
import { createDiarySeries, flagItemForRegistration } from "./flag-item.ts";
import { listRegistrations, REGISTER_CSV_COLUMNS } from "./list-registrations.ts";
import { listUnits } from "./list-units.ts";
import { registerRecord, REGISTRATION_REASONS, type RegistrationReason } from "./register-record.ts";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const RegistrationJson = Type.Object({
  id: Type.String(), diaryNumber: Type.String(), series: Type.String(), year: Type.Integer(), number: Type.Integer(),
  itemId: Nullable(Type.String()), reasons: Type.Array(Type.String()), receivedAt: Type.String(), sender: Type.String(),
  subject: Type.String(), unitId: Nullable(Type.String()), classification: Type.String(), secrecyNote: Nullable(Type.String()),
  matter: Nullable(Type.String()), registeredBy: Type.String(), registeredAt: Type.String(),
});

const RegisterBody = Type.Object({
  series: Type.String({ pattern: "^[A-ZÅÄÖ0-9]{1,8}$" }),
  /** The captured item to register (omit for a record without one). */
  itemId: Type.Optional(Type.String({ format: "uuid" })),
  reasons: Type.Optional(Type.Array(Type.Union(REGISTRATION_REASONS.map((r) => Type.Literal(r))), { minItems: 1 })),
  /** Comma-separated reasons (from the HTML form). */
  reasonList: Type.Optional(Type.String({ maxLength: 200 })),
  receivedAt: Type.Optional(Type.String({ format: "date" })),
  sender: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  /** A subject line without sensitive data. */
  subject: Type.String({ minLength: 1, maxLength: 500 }),
  unitId: Type.Optional(Type.String({ format: "uuid" })),
  classification: Type.String({ minLength: 1, maxLength: 50 }),
  secrecyNote: Type.Optional(Type.String({ maxLength: 300 })),
  matter: Type.Optional(Type.String({ maxLength: 50 })),
  _csrf: Type.Optional(Type.String()),
});
type RegisterBodyT = Static<typeof RegisterBody>;

/** The manual registration form: the register body, with an item by its platform id (or none: a letter belonging to the matter). */
const ManualRegisterBody = Type.Composite([
  Type.Omit(RegisterBody, ["itemId", "reasons", "reasonList"]),
  Type.Object({ platformItemId: Type.Optional(Type.String({ maxLength: 300 })) }),
]);
type ManualRegisterBodyT = Static<typeof ManualRegisterBody>;

const SeriesBody = Type.Object({
  code: Type.String({ pattern: "^[A-ZÅÄÖ0-9]{1,8}$" }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  unitId: Type.Optional(Type.String({ format: "uuid" })),
  _csrf: Type.Optional(Type.String()),
});

const FlagBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  /** Where to go back to: a search page address. */
  back: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String()),
});

const RegisterQuery = Type.Object({
  series: Type.Optional(Type.String({ maxLength: 8 })),
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 9999 })),
  from: Type.Optional(Type.String({ format: "date" })),
  to: Type.Optional(Type.String({ format: "date" })),
  lang: Type.Optional(Type.String()),
});
type RegisterQueryT = Static<typeof RegisterQuery>;

export async function registerRegistrationRoutes(app: FastifyInstance, pool: Pool): Promise<void> {
  const actorOf = (p: { userId: string; username: string }) => ({ id: p.userId, label: p.username });

  app.post(
    "/api/v1/records/series",
    { config: { permission: "records:register" }, schema: { tags: ["records"], summary: "Create a diary series (e.g. KS)", security: [{ bearer: [] }],
      body: Type.Omit(SeriesBody, ["_csrf"]),
      response: { 201: Type.Object({ code: Type.String() }) } } },
    async (req, reply) => {
      const b = req.body as { code: string; name: string; unitId?: string };
      await createDiarySeries({ pool }, { orgId: req.principal!.orgId, code: b.code, name: b.name, unitId: b.unitId ?? null, actor: actorOf(req.principal!) });
      return reply.status(201).send({ code: b.code });
    },
  );

  const doRegister = async (orgId: string, b: RegisterBodyT, actor: { id: string; label: string }, requestId: string) => {
    const reasons = (b.reasons ?? (b.reasonList ?? "manual").split(",").map((s) => s.trim()).filter((s): s is RegistrationReason => (REGISTRATION_REASONS as readonly string[]).includes(s)));
    return registerRecord({ pool }, {
      orgId, series: b.series, itemId: b.itemId ?? null, reasons: reasons.length ? reasons : ["manual"], receivedAt: b.receivedAt ?? null,
      sender: b.sender ?? null, subject: b.subject, unitId: b.unitId ?? null, classification: b.classification,
      secrecyNote: b.secrecyNote || null, matter: b.matter || null, actor, requestId,
    });
  };

  app.post(
    "/api/v1/records/registrations",
    { config: { permission: "records:register" }, schema: { tags: ["records"], summary: "Register (diarieför) a record; numbers are gap-free per series and year", security: [{ bearer: [] }], body: RegisterBody, response: { 201: RegistrationJson } } },
    async (req, reply) => reply.status(201).send(await doRegister(req.principal!.orgId, req.body as RegisterBodyT, actorOf(req.principal!), req.id)),
  );


  app.get(
    "/api/v1/records/register",
    { config: { permission: "records:read" }, schema: { tags: ["records"], summary: "The register (diarium) as JSON", security: [{ bearer: [] }], querystring: RegisterQuery, response: { 200: Type.Array(RegistrationJson) } } },
    async (req) => listRegistrations(pool, { orgId: req.principal!.orgId, ...(req.query as RegisterQueryT) }),
  );

  app.get(
    "/api/v1/records/register.csv",
    { config: { permission: "records:read" }, schema: { tags: ["records"], summary: "The register (diarium) as CSV (UTF-8 with BOM, semicolons, for Excel and case management imports)", security: [{ bearer: [] }], querystring: RegisterQuery } },
    async (req, reply) => {
      const rows = await listRegistrations(pool, { orgId: req.principal!.orgId, ...(req.query as RegisterQueryT) });
      // People read the reasons as words (in the page's language); the codes follow in a column of their own.
      const csv = toCsv(rows.map((r) => ({ ...r, reasons: r.reasons.map((x) => codeLabel(req.lang, "reason", x)).join(", "), reasonCodes: r.reasons.join(",") })), REGISTER_CSV_COLUMNS);
      return reply.type("text/csv; charset=utf-8").header("content-disposition", "attachment; filename=\"diarium.csv\"").send(csv);
    },
  );

  app.get(
    "/api/v1/records/registration-candidates",
    { config: { permission: "records:register" }, schema: { tags: ["records"], summary: "Items that must be registered and are not yet", security: [{ bearer: [] }] } },
    async (req) => {
      await refreshSearchIndex(pool, { orgId: req.principal!.orgId });
      return findRegistrationCandidates(pool, { orgId: req.principal!.orgId });
    },
  );

  app.post(
    "/api/v1/records/items/:itemId/flag",
    { config: { permission: "records:register" }, schema: { tags: ["records"], summary: "Flag an item for registration", security: [{ bearer: [] }],
      params: Type.Object({ itemId: Type.String({ format: "uuid" }) }), body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 204: Type.Null() } } },
    async (req, reply) => {
      await flagItemForRegistration({ pool }, { orgId: req.principal!.orgId, itemId: (req.params as { itemId: string }).itemId, reason: (req.body as { reason: string }).reason, actor: actorOf(req.principal!) });
      return reply.status(204).send();
    },
  );

  /** The register page; after a refused form, with its errors and (manual form) what was sent. */
  const registerPage = async (req: FastifyRequest, reply: FastifyReply, failed?: { form: "manual" | "series" | "candidate"; errors: FormError[]; values?: ManualRegistrationValues }) => {
    const p = req.principal!;
    const canRegister = can(p, "records:register");
    if (canRegister) await refreshSearchIndex(pool, { orgId: p.orgId });
    const query = req.method === "GET" ? req.query as RegisterQueryT : {};
    const [registrations, candidates, series, units] = await Promise.all([
      listRegistrations(pool, { orgId: p.orgId, ...query, limit: 1000 }),
      canRegister ? findRegistrationCandidates(pool, { orgId: p.orgId, limit: 100 }) : Promise.resolve([]),
      pool.query<{ code: string; name: string }>("select code, name from diary_series where org_id = $1 order by code", [p.orgId]).then((r) => r.rows),
      canRegister ? listUnits(pool, p.orgId) : Promise.resolve([]),
    ]);
    const body = registerPageBody({ lang: req.lang, registrations, candidates, series, units, canRegister, csrf: p.csrfToken ?? "",
      ...(failed ? { errors: failed.errors, failedForm: failed.form, values: failed.values ?? {} } : {}) });
    if (failed) reply.status(formErrorStatus(failed.errors));
    return reply.type("text/html; charset=utf-8").send(page({ lang: req.lang, title: tr(req.lang, "register.title"), principal: p, csrfToken: p.csrfToken, currentPath: "/records/register", body }));
  };

  // The page's forms: schema errors and refused input are shown on the page itself.
  const htmlForm = { config: { permission: "records:register" as const, html: true }, attachValidation: true, preValidation: dropEmptyFormFields };

  app.post("/records/register", { ...htmlForm, schema: { hide: true, body: RegisterBody } }, async (req, reply) => {
    // A candidate's form has its own inputs: errors name the field, with no link to the manual form's.
    const fields = Object.fromEntries(Object.entries(manualRegistrationFields(req.lang)).map(([k, f]) => [k, { ...f, id: "" }]));
    if (req.validationError) return registerPage(req, reply, { form: "candidate", errors: schemaErrors(req.lang, req.validationError, fields) });
    try {
      await doRegister(req.principal!.orgId, req.body as RegisterBodyT, actorOf(req.principal!), req.id);
    } catch (err) {
      return registerPage(req, reply, { form: "candidate", errors: appErrorToForm(req.lang, err, fields) });
    }
    return reply.redirect("/records/register", 303);
  });

  app.post("/records/register/manual", { ...htmlForm, schema: { hide: true, body: ManualRegisterBody } }, async (req, reply) => {
    const fields = manualRegistrationFields(req.lang);
    const b = req.body as ManualRegisterBodyT;
    const { _csrf: _c, ...values } = b;
    if (req.validationError) return registerPage(req, reply, { form: "manual", errors: schemaErrors(req.lang, req.validationError, fields), values });
    const orgId = req.principal!.orgId;
    try {
      let itemId: string | undefined;
      if (b.platformItemId) {
        const found = await pool.query<{ id: string }>("select id from captured_items where org_id = $1 and platform_item_id = $2 limit 2", [orgId, b.platformItemId.trim()]);
        // An id that two platforms share is not enough to know which item is meant.
        if (found.rows.length !== 1) throw new AppError(found.rows.length ? "conflict" : "not_found", { public: { field: "platformItemId" } });
        itemId = found.rows[0]!.id;
      }
      await doRegister(orgId, { ...b, itemId, reasons: ["manual"] }, actorOf(req.principal!), req.id);
    } catch (err) {
      return registerPage(req, reply, { form: "manual", errors: appErrorToForm(req.lang, err, fields), values });
    }
    return reply.redirect("/records/register", 303);
  });

  app.post("/records/series", { ...htmlForm, schema: { hide: true, body: SeriesBody } }, async (req, reply) => {
    const fields = seriesFields(req.lang);
    if (req.validationError) return registerPage(req, reply, { form: "series", errors: schemaErrors(req.lang, req.validationError, fields) });
    const b = req.body as Static<typeof SeriesBody>;
    try {
      await createDiarySeries({ pool }, { orgId: req.principal!.orgId, code: b.code, name: b.name, unitId: b.unitId ?? null, actor: actorOf(req.principal!) });
    } catch (err) {
      return registerPage(req, reply, { form: "series", errors: appErrorToForm(req.lang, err, fields) });
    }
    return reply.redirect("/records/register#series", 303);
  });

  // Flagging from a search result: back to the same search, which then shows the item as flagged.
  app.post("/records/items/:itemId/flag", {
    config: { permission: "records:register", html: true }, preValidation: dropEmptyFormFields,
    schema: { hide: true, params: Type.Object({ itemId: Type.String({ format: "uuid" }) }), body: FlagBody },
  }, async (req, reply) => {
    const b = req.body as Static<typeof FlagBody>;
    const itemId = (req.params as { itemId: string }).itemId;
    await flagItemForRegistration({ pool }, { orgId: req.principal!.orgId, itemId, reason: b.reason, actor: actorOf(req.principal!) });
    // Only a search page of this site: never an address given from outside.
    const back = b.back && /^\/records\/search(\?[^\s]*)?$/.test(b.back) ? b.back : "/records/search";
    return reply.redirect(`${back}#item-${itemId}`, 303);
  });

  app.get(
    "/records/register",
    { config: { permission: "records:read", html: true }, schema: { hide: true, querystring: RegisterQuery } },
    async (req, reply) => registerPage(req, reply),
  );
}
