// Errors on the records module's forms, shown on the page the form is on
// (not on a separate error page): a summary with role="alert" at the top
// whose entries link to the field, in Swedish or English. The HTML routes
// take schema errors themselves (attachValidation) so they can re-render.
import type { FastifyRequest } from "fastify";
import { AppError, ERROR_CATALOGUE } from "../../platform/errors.ts";
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import { tr } from "./messages.ts";

export interface FormError {
  /** The id of the input the error is about (for the link); null for the form as a whole. */
  fieldId: string | null;
  /** The field's label, already translated. */
  label: string | null;
  message: string;
  code: string;
}

/** The status a page with form errors is sent with. */
export const formErrorStatus = (e: FormError[]) => e.some((x) => x.code === "conflict") ? 409 : e.some((x) => x.code === "validation_failed") ? 400 : 422;

/**
 * Form fields that were left empty are dropped before schema validation, so
 * an optional field left blank counts as not given (an empty date or unit
 * would otherwise fail its format).
 */
export async function dropEmptyFormFields(req: FastifyRequest): Promise<void> {
  const b = req.body as Record<string, unknown> | undefined;
  if (!b || typeof b !== "object") return;
  for (const [k, v] of Object.entries(b)) if (typeof v === "string" && v.trim() === "") delete b[k];
}

type FieldMap = Record<string, { id: string; label: string }>;

/** A schema validation error (ajv, through Fastify) as form errors. */
export function schemaErrors(lang: Lang, err: Error & { validation?: { instancePath?: string; keyword: string; params?: Record<string, unknown> }[] }, fields: FieldMap): FormError[] {
  return (err.validation ?? []).map((v) => {
    const name = (v.params?.missingProperty as string | undefined) ?? (v.instancePath ?? "").replace(/^\//, "").split("/")[0] ?? "";
    const f = fields[name];
    const label = f?.label ?? name;
    const key = v.keyword === "required" || v.keyword === "minLength" || v.keyword === "minItems" ? "form.required"
      : v.keyword === "maxLength" ? "form.tooLong" : "form.invalid";
    return { fieldId: f?.id || null, label, message: tr(lang, key, { field: label }), code: "validation_failed" };
  });
}

/** An AppError from the use case as a form error (the catalogue's message); anything else is rethrown. */
export function appErrorToForm(lang: Lang, err: unknown, fields: FieldMap): FormError[] {
  if (!(err instanceof AppError)) throw err;
  const fieldName = err.publicContext?.field;
  const f = typeof fieldName === "string" ? fields[fieldName] : undefined;
  return [{ fieldId: f?.id || null, label: f?.label ?? null, message: ERROR_CATALOGUE[err.code][lang], code: err.code }];
}

export function formErrorSummary(lang: Lang, errors: readonly FormError[]) {
  if (!errors.length) return "";
  return html`<div class="error" role="alert" id="form-errors"><p><strong>${tr(lang, "form.errors")}</strong></p><ul>${errors.map((e) => html`<li>${e.fieldId
    ? html`<a href="#${e.fieldId}">${e.label ? html`${e.label}: ` : ""}${e.message}</a>`
    : html`${e.label ? html`${e.label}: ` : ""}${e.message}`} <code>${e.code}</code></li>`)}</ul></div>`;
}
