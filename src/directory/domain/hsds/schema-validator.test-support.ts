// Test support (not domain code: it reads files): validators for the official HSDS 3.0
// JSON Schemas in ../shared/data/hsds-3.0/schema. The schemas are draft 2020-12 without
// `$id`, and refer to each other by file name, so each is registered under its file name.
// Route tests can reuse this for the /hsds endpoints.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const HSDS_SCHEMA_DIR = path.resolve(repoRoot, "../shared/data/hsds-3.0/schema");

export type HsdsSchemaName = "organization.json" | "service.json" | "phone.json" | "schedule.json" | "location.json" | "address.json";

let ajv: InstanceType<typeof Ajv2020> | undefined;

function instance(): InstanceType<typeof Ajv2020> {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const file of readdirSync(HSDS_SCHEMA_DIR).filter((f) => f.endsWith(".json") && f !== "openapi.json")) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(HSDS_SCHEMA_DIR, file), "utf8")) as object, file);
  }
  return ajv;
}

export function hsdsValidator(name: HsdsSchemaName): ValidateFunction {
  const validate = instance().getSchema(name);
  if (!validate) throw new Error(`HSDS schema ${name} not found in ${HSDS_SCHEMA_DIR}`);
  return validate;
}

/** The paging envelope, from openapi.json's components.schemas.Page, plus required contents. */
export function hsdsPageValidator(): ValidateFunction {
  const openapi = JSON.parse(readFileSync(path.join(HSDS_SCHEMA_DIR, "openapi.json"), "utf8")) as { components: { schemas: { Page: { properties: object } } } };
  return instance().compile({
    type: "object",
    properties: { ...openapi.components.schemas.Page.properties, contents: { type: "array" } },
    required: [...Object.keys(openapi.components.schemas.Page.properties), "contents"],
  });
}
