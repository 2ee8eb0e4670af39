import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "../../platform/errors.ts";
import { appErrorToForm, dropEmptyFormFields, formErrorStatus, formErrorSummary, schemaErrors } from "./form-errors.ts";

const fields = { subject: { id: "m-subject", label: "Ärendemening" }, sender: { id: "", label: "Avsändare" } };

test("schema errors name the field in the page's language and link to its input", () => {
  const err = Object.assign(new Error("x"), { validation: [{ instancePath: "", keyword: "required", params: { missingProperty: "subject" } }] });
  const e = schemaErrors("sv", err, fields);
  assert.deepEqual(e, [{ fieldId: "m-subject", label: "Ärendemening", message: "Fyll i Ärendemening.", code: "validation_failed" }]);
  const long = Object.assign(new Error("x"), { validation: [{ instancePath: "/subject", keyword: "maxLength", params: {} }] });
  assert.equal(schemaErrors("en", long, fields)[0]!.message, "Ärendemening is too long.");
  const html = String(formErrorSummary("sv", e));
  assert.match(html, /role="alert"/);
  assert.match(html, /<a href="#m-subject">Ärendemening: Fyll i Ärendemening\.<\/a>/);
  assert.equal(formErrorSummary("sv", []), "");
});

test("a use case's refusal becomes a form error with the catalogue's message; anything else is rethrown", () => {
  const e = appErrorToForm("en", new AppError("validation_failed", { public: { field: "sender" } }), fields);
  // A field without an input id of its own: named, not linked.
  assert.deepEqual(e, [{ fieldId: null, label: "Avsändare", message: "The input is not valid.", code: "validation_failed" }]);
  assert.doesNotMatch(String(formErrorSummary("en", e)), /<a /);
  assert.equal(formErrorStatus(e), 400);
  assert.equal(formErrorStatus(appErrorToForm("sv", new AppError("conflict"), fields)), 409);
  assert.equal(formErrorStatus(appErrorToForm("sv", new AppError("registration_subject_sensitive"), fields)), 422);
  assert.throws(() => appErrorToForm("sv", new TypeError("bug"), fields), TypeError);
});

test("blank form fields count as not given", async () => {
  const body: Record<string, unknown> = { subject: "Brev", sender: "  ", unitId: "", n: 3 };
  await dropEmptyFormFields({ body } as never);
  assert.deepEqual(body, { subject: "Brev", n: 3 });
});
