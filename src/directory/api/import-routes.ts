// Import over HTTP: the same as `vaxel directory import` — HSDS 3.0 JSON (the
// export's shape) or the CSV template, every record through the principles,
// nothing imported when anything is refused.
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { AppError } from "../../platform/errors.ts";
import type { DirectoryRuntime } from "../runtime.ts";
import { importDirectory, type ImportFormat } from "../use-cases/import-directory.ts";
import { errorResponses } from "./schemas.ts";
import { writeContext } from "./write-routes.ts";

const Counts = Type.Object({ units: Type.Integer(), contactPoints: Type.Integer(), services: Type.Integer(), externalActors: Type.Integer() });

export async function registerImportRoutes(app: FastifyInstance, rt: DirectoryRuntime, bodyLimit: number): Promise<void> {
  // Own scope: CSV arrives as text/csv, which only this route parses.
  await app.register(async (scope) => {
    scope.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit }, (_req, body, done) => done(null, body));
    scope.post(
      "/api/v1/directory/import",
      {
        config: { permission: "directory:publish" },
        schema: {
          tags: ["directory (write)"],
          summary: "Import HSDS 3.0 JSON (application/json) or the CSV template (text/csv); all or nothing, published when clean",
          security: [{ bearer: [] }, { session: [] }],
          querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ description: "Check only" })) }),
          response: { 200: Type.Object({ imported: Type.Boolean(), dryRun: Type.Boolean(), counts: Counts }), ...errorResponses },
        },
      },
      async (req) => {
        const csv = String(req.headers["content-type"] ?? "").startsWith("text/csv");
        const format: ImportFormat = csv ? "csv" : "hsds";
        const text = typeof req.body === "string" ? req.body : JSON.stringify(req.body ?? null);
        const dryRun = (req.query as { dryRun?: boolean }).dryRun === true;
        const r = await importDirectory(rt.deps, writeContext(req), { format, text, dryRun });
        if (r.violations.length > 0) {
          throw new AppError("principle_violation", { public: { violations: r.violations }, detail: `import refused: ${r.violations.length} violations` });
        }
        return { imported: r.imported, dryRun, counts: r.counts };
      },
    );
  });
}
