// Import from the editor: paste the CSV template or an HSDS 3.0 document,
// check it (dry run) or import it. The same use case as the CLI and the API:
// every record through the principles, nothing imported when anything is refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { html } from "../../web/html.ts";
import type { ImportViolation } from "../domain/index.ts";
import { writeContext } from "../api/write-routes.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { importDirectory, type ImportResult } from "../use-cases/import-directory.ts";
import { csrfField, formOf, renderField, sendPage, type Form } from "./forms.ts";

function resultView(r: ImportResult | undefined, dryRun: boolean) {
  if (!r) return "";
  const summary = `${r.counts.units} enheter, ${r.counts.contactPoints} kontaktvägar, ${r.counts.services} tjänster, ${r.counts.externalActors} externa aktörer`;
  if (r.violations.length === 0) {
    return html`<p class="ok" role="status">${dryRun ? `Inga fel. En import skulle ge: ${summary}.` : `Importerat och publicerat: ${summary}.`}</p>`;
  }
  return html`<div class="error violations" role="alert" id="violations"><p><strong>Inget importerades.</strong> ${r.violations.length} fel:</p></div>
<table><caption>Fel per rad</caption><thead><tr><th scope="col">Var</th><th scope="col">Regel</th><th scope="col">Meddelande</th></tr></thead>
<tbody>${r.violations.map((v: ImportViolation) => html`<tr><td>${v.ref}</td><td><code>${v.ruleId}</code></td><td>${v.message_sv}${v.path ? html` <span class="muted">(${v.path})</span>` : ""}</td></tr>`)}</tbody></table>`;
}

export async function registerImportEditor(app: FastifyInstance, rt: DirectoryRuntime): Promise<void> {
  const render = (req: FastifyRequest, reply: FastifyReply, values: Form, result?: ImportResult, status = 200) => {
    const body = html`<p><a href="/directory">← Kontaktkatalog</a></p><h1>Importera</h1>
<p>Klistra in CSV enligt mallen (<code>vaxel directory template</code>) eller ett HSDS 3.0-dokument (samma form som exporten). Varje rad prövas mot principerna; finns något fel importeras ingenting.</p>
${resultView(result, values.action !== "import")}
<form method="post" action="/directory/import" novalidate>${csrfField(req)}
${renderField({ name: "format", label: "Format", type: "select", value: values.format ?? "csv", options: [{ value: "csv", label: "CSV (mallen)" }, { value: "hsds", label: "HSDS 3.0 JSON" }] }, [])}
${renderField({ name: "content", label: "Innehåll", type: "textarea", value: values.content, required: true }, [])}
<div class="actions"><button type="submit" name="action" value="check" class="secondary">Kontrollera</button><button type="submit" name="action" value="import">Importera och publicera</button></div>
</form>`;
    return sendPage(req, reply, "Importera", body, status);
  };
  app.get("/directory/import", { config: { permission: "directory:publish", html: true }, schema: { hide: true } }, async (req, reply) => render(req, reply, {}));
  app.post("/directory/import", { config: { permission: "directory:publish", html: true }, schema: { hide: true } }, async (req, reply) => {
    const f = formOf(req);
    const result = await importDirectory(rt.deps, writeContext(req), { format: f.format === "hsds" ? "hsds" : "csv", text: f.content ?? "", dryRun: f.action !== "import" });
    return render(req, reply, f, result, result.violations.length ? 422 : 200);
  });
}
