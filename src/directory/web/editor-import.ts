// Import from the editor: paste the CSV template or an HSDS 3.0 document,
// check it (dry run) or import it. The same use case as the CLI and the API:
// every record through the principles, nothing imported when anything is refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { html } from "../../web/html.ts";
import type { ImportViolation } from "../domain/index.ts";
import { writeContext } from "../api/write-routes.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { importDirectory, type ImportResult } from "../use-cases/import-directory.ts";
import type { Lang } from "../../web/i18n.ts";
import { bi, dt } from "./messages.ts";
import { csrfField, formOf, renderField, sendPage, type Form } from "./forms.ts";

function resultView(r: ImportResult | undefined, dryRun: boolean, lang: Lang) {
  if (!r) return "";
  const c = r.counts;
  const summary = bi(lang, `${c.units} enheter, ${c.contactPoints} kontaktvägar, ${c.services} tjänster, ${c.externalActors} externa aktörer`, `${c.units} units, ${c.contactPoints} contact points, ${c.services} services, ${c.externalActors} external actors`);
  if (r.violations.length === 0) {
    return html`<p class="ok" role="status">${dryRun ? bi(lang, `Inga fel. En import skulle ge: ${summary}.`, `No violations. An import would give: ${summary}.`) : bi(lang, `Importerat och publicerat: ${summary}.`, `Imported and published: ${summary}.`)}</p>`;
  }
  return html`<div class="error violations" role="alert" id="violations"><p><strong>${bi(lang, "Inget importerades.", "Nothing was imported.")}</strong> ${r.violations.length} ${bi(lang, "fel:", "violations:")}</p></div>
<table><caption>${bi(lang, "Fel per rad", "Violations by row")}</caption><thead><tr><th scope="col">${bi(lang, "Var", "Where")}</th><th scope="col">${bi(lang, "Regel", "Rule")}</th><th scope="col">${bi(lang, "Meddelande", "Message")}</th></tr></thead>
<tbody>${r.violations.map((v: ImportViolation) => html`<tr><td>${v.ref}</td><td><code>${v.ruleId}</code></td><td>${lang === "en" ? v.message_en : v.message_sv}${v.path ? html` <span class="muted">(${v.path})</span>` : ""}</td></tr>`)}</tbody></table>`;
}

export async function registerImportEditor(app: FastifyInstance, rt: DirectoryRuntime): Promise<void> {
  const render = (req: FastifyRequest, reply: FastifyReply, values: Form, result?: ImportResult, status = 200) => {
    const lang = req.lang;
    const body = html`<p><a href="/directory">${dt(lang, "ed.back")}</a></p><h1>${bi(lang, "Importera", "Import")}</h1>
<p>${bi(lang, "Klistra in CSV enligt mallen (vaxel directory template) eller ett HSDS 3.0-dokument (samma form som exporten). Varje rad prövas mot principerna; finns något fel importeras ingenting.", "Paste CSV following the template (vaxel directory template) or an HSDS 3.0 document (the export's shape). Every row is checked against the principles; if anything is refused, nothing is imported.")}</p>
${resultView(result, values.action !== "import", lang)}
<form method="post" action="/directory/import" novalidate>${csrfField(req)}
${renderField({ name: "format", label: "Format", type: "select", value: values.format ?? "csv", options: [{ value: "csv", label: bi(lang, "CSV (mallen)", "CSV (the template)") }, { value: "hsds", label: "HSDS 3.0 JSON" }] }, [], lang)}
${renderField({ name: "content", label: bi(lang, "Innehåll", "Content"), type: "textarea", value: values.content, required: true }, [], lang)}
<div class="actions"><button type="submit" name="action" value="check" class="secondary">${bi(lang, "Kontrollera", "Check")}</button><button type="submit" name="action" value="import">${bi(lang, "Importera och publicera", "Import and publish")}</button></div>
</form>`;
    return sendPage(req, reply, bi(lang, "Importera", "Import"), body, status);
  };
  app.get("/directory/import", { config: { permission: "directory:publish", html: true }, schema: { hide: true } }, async (req, reply) => render(req, reply, {}));
  app.post("/directory/import", { config: { permission: "directory:publish", html: true }, schema: { hide: true } }, async (req, reply) => {
    const f = formOf(req);
    const result = await importDirectory(rt.deps, writeContext(req), { format: f.format === "hsds" ? "hsds" : "csv", text: f.content ?? "", dryRun: f.action !== "import" });
    return render(req, reply, f, result, result.violations.length ? 422 : 200);
  });
}
