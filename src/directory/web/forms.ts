// Editor form building blocks: labelled fields, violations shown inline with
// rule id and Swedish message (and listed at the top for screen readers),
// save / publish / schedule buttons. Plain HTML forms: they work without
// JavaScript and by keyboard.
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { page } from "../../web/layout.ts";
import type { Violation } from "../domain/index.ts";
import { instantOf } from "../domain/opening-hours/zoned.ts";
import type { Lang } from "../../web/i18n.ts";
import { dt } from "./messages.ts";

export interface Field {
  name: string;
  label: string;
  type?: "text" | "email" | "url" | "tel" | "textarea" | "select" | "checkbox" | "number" | "hidden" | "date";
  value?: string | undefined;
  options?: { value: string; label: string }[];
  hint?: string;
  required?: boolean;
  /** Violation paths (first segment) that belong to this field. */
  paths?: string[];
}

export type Form = Record<string, string | undefined>;

export function formOf(req: FastifyRequest): Form {
  const b = (req.body ?? {}) as Record<string, unknown>;
  const out: Form = {};
  for (const [k, v] of Object.entries(b)) out[k] = Array.isArray(v) ? String(v[v.length - 1] ?? "") : typeof v === "string" ? v : undefined;
  return out;
}

function fieldViolations(f: Field, violations: Violation[]): Violation[] {
  const names = f.paths ?? [f.name];
  return violations.filter((v) => names.some((n) => v.path === n || v.path.startsWith(`${n}.`) || v.path.startsWith(`${n}[`) || v.path.split(".").pop() === n));
}

export function renderField(f: Field, violations: Violation[], lang: Lang = "sv"): SafeHtml {
  const id = `f-${f.name}`;
  const errs = fieldViolations(f, violations);
  const described = [f.hint ? `${id}-hint` : "", errs.length ? `${id}-err` : ""].filter(Boolean).join(" ");
  const common = html` id="${id}" name="${f.name}"${described ? html` aria-describedby="${described}"` : ""}${errs.length ? html` aria-invalid="true"` : ""}${f.required ? html` required` : ""}`;
  if (f.type === "hidden") return html`<input type="hidden" name="${f.name}" value="${f.value ?? ""}">`;
  let control: SafeHtml;
  if (f.type === "textarea") control = html`<textarea${common} rows="4" cols="60">${f.value ?? ""}</textarea>`;
  else if (f.type === "select") control = html`<select${common}>${(f.options ?? []).map((o) => html`<option value="${o.value}"${o.value === (f.value ?? "") ? html` selected` : ""}>${o.label}</option>`)}</select>`;
  else if (f.type === "checkbox") control = html`<input type="checkbox"${common} value="on"${f.value ? html` checked` : ""}>`;
  else control = html`<input type="${f.type ?? "text"}"${common} value="${f.value ?? ""}" size="50">`;
  return html`<div class="field">
<label for="${id}">${f.label}</label>
${f.hint ? html`<p class="muted" id="${id}-hint">${f.hint}</p>` : ""}
${control}
${errs.length ? html`<p class="field-error" id="${id}-err">${errs.map((v) => html`<span><code>${v.ruleId}</code> ${lang === "en" ? v.message_en : v.message_sv} </span>`)}</p>` : ""}
</div>`;
}

export function violationList(violations: Violation[], lang: Lang = "sv"): SafeHtml | string {
  if (violations.length === 0) return "";
  return html`<div class="error violations" role="alert" tabindex="-1" id="violations">
<p><strong>${dt(lang, "ed.notSaved")}</strong> ${dt(lang, "ed.fix")}</p>
<ul>${violations.map((v) => html`<li><code>${v.ruleId}</code> ${lang === "en" ? v.message_en : v.message_sv}${v.path ? html` <span class="muted">(${v.path})</span>` : ""}</li>`)}</ul></div>`;
}

/** Save draft, publish now, or publish from a date ("nytt nummer från 1 januari"). */
export function publishControls(o: { canPublish: boolean; effectiveAt?: string | undefined; lang?: Lang }): SafeHtml {
  const lang = o.lang ?? "sv";
  return html`<div class="actions">
<button type="submit" name="action" value="draft">${dt(lang, "ed.saveDraft")}</button>
${
  o.canPublish
    ? html`<button type="submit" name="action" value="publish">${dt(lang, "ed.savePublish")}</button>
<div><label for="f-effectiveAt">${dt(lang, "ed.publishFrom")}</label>
<input type="datetime-local" id="f-effectiveAt" name="effectiveAt" value="${o.effectiveAt ?? ""}" aria-describedby="f-effectiveAt-hint">
<p class="muted" id="f-effectiveAt-hint">${dt(lang, "ed.publishFrom.hint")}</p></div>`
    : ""
}
</div>`;
}

export function csrfField(req: FastifyRequest): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${req.principal?.csrfToken ?? ""}">`;
}

/** "2026-12-31T08:00" as Swedish time → an instant. */
export function parseLocalDateTime(value: string | undefined, timeZone = "Europe/Stockholm"): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value ?? "");
  if (!m) return null;
  return instantOf({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: 0 }, timeZone);
}

export function sendPage(req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200): FastifyReply {
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(page({ lang: req.lang, title, principal: req.principal, csrfToken: req.principal?.csrfToken, currentPath: req.url, body }));
}

/** The violations of a refused write, or rethrow anything else. */
export function violationsOf(e: unknown): Violation[] {
  if (e instanceof AppError && e.code === "principle_violation") return ((e.publicContext?.violations as Violation[] | undefined) ?? []);
  throw e;
}

const SAVED = ["draft", "published", "scheduled", "verified", "restored", "deleted", "discarded"] as const;

export function savedNotice(req: FastifyRequest): SafeHtml | string {
  const s = (req.query as { saved?: string }).saved;
  const key = SAVED.find((x) => x === s);
  return key ? html`<p class="ok" role="status">${dt(req.lang, `ed.saved.${key}`)}</p>` : "";
}
