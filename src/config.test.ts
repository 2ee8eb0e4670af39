import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "./platform/errors.ts";
import { describeConfig, loadConfig } from "./config.ts";

test("defaults are valid and documented", () => {
  const cfg = loadConfig({});
  assert.equal(cfg.port, 3000);
  assert.equal(cfg.publicUrl, "http://localhost:3000");
  for (const row of describeConfig(cfg)) assert.ok(row.doc.length > 5, row.env);
});

test("bad values fail at start-up with config_invalid naming the key", () => {
  for (const env of [{ PORT: "abc" }, { PORT: "70000" }, { LOG_LEVEL: "loud" }, { DATABASE_URL: "not a url" }, { VAXEL_ENCRYPTION_KEY: "short" }, { OIDC_ISSUER: "https://idp.example" }]) {
    assert.throws(
      () => loadConfig(env),
      (e: unknown) => e instanceof AppError && e.code === "config_invalid",
      JSON.stringify(env),
    );
  }
});

test("secrets are masked in `vaxel config`", () => {
  const rows = describeConfig(loadConfig({ DATABASE_URL: "postgres://u:topsecret@h/db", OIDC_CLIENT_SECRET: "s3cret", OIDC_ISSUER: "https://idp", OIDC_CLIENT_ID: "c" }));
  const text = JSON.stringify(rows);
  assert.doesNotMatch(text, /topsecret|s3cret/);
  assert.equal(rows.find((r) => r.env === "DATABASE_URL")?.value, "********");
});
