// Liveness, readiness and metrics.
import type { FastifyPluginAsync } from "fastify";
import type { Registry } from "prom-client";
import type { Pool } from "../db/pool.ts";
import { migrationsApplied } from "../db/migrate.ts";

export const healthRoutes: FastifyPluginAsync<{ pool: Pool; metrics: Registry }> = async (app, { pool, metrics }) => {
  app.get(
    "/healthz",
    {
      config: { public: true },
      schema: {
        tags: ["platform"],
        summary: "The process is up",
        response: { 200: { type: "object", properties: { status: { type: "string" } }, required: ["status"] } },
      },
    },
    async () => ({ status: "ok" }),
  );

  app.get(
    "/readyz",
    {
      config: { public: true },
      schema: {
        tags: ["platform"],
        summary: "The database is reachable and every migration is applied",
        response: {
          200: { type: "object", properties: { status: { type: "string" }, database: { type: "string" }, migrations: { type: "string" } } },
          503: { type: "object", properties: { status: { type: "string" }, database: { type: "string" }, migrations: { type: "string" } } },
        },
      },
    },
    async (_req, reply) => {
      let database = "ok";
      let migrations = "ok";
      try {
        await pool.query("select 1");
        if (!(await migrationsApplied(pool))) migrations = "pending";
      } catch {
        database = "unreachable";
        migrations = "unknown";
      }
      const ok = database === "ok" && migrations === "ok";
      return reply.status(ok ? 200 : 503).send({ status: ok ? "ready" : "not_ready", database, migrations });
    },
  );

  app.get(
    "/metrics",
    { config: { permission: "metrics:read" }, schema: { tags: ["platform"], summary: "Prometheus metrics (token with metrics:read)" } },
    async (_req, reply) => reply.type(metrics.contentType).send(await metrics.metrics()),
  );
};
