// The e-archive's HTTP surface: the snapshot schedule's status as a page and
// as JSON (last snapshot, next due, recent runs).
import type { FastifyInstance } from "fastify";
import type { Pool } from "../../platform/db/pool.ts";
import { page } from "../../web/layout.ts";
import { archivePageBody } from "../web/archive-page.ts";
import { tr } from "../web/messages.ts";
import { snapshotStatus, type SnapshotScheduleOptions } from "./snapshot-schedule.ts";

export async function registerArchiveRoutes(app: FastifyInstance, pool: Pool, schedule: SnapshotScheduleOptions): Promise<void> {
  app.get("/api/v1/records/snapshots", {
    config: { permission: "records:dispose" },
    schema: { tags: ["records"], security: [{ bearer: [] }], summary: "The archival snapshot schedule: last snapshot, next due, recent runs" },
  }, async (req) => snapshotStatus(pool, req.principal!.orgId, schedule));
  app.get("/records/archive", { config: { permission: "records:dispose", html: true }, schema: { hide: true } }, async (req, reply) => {
    const status = await snapshotStatus(pool, req.principal!.orgId, schedule);
    return reply.type("text/html; charset=utf-8").send(page({
      lang: req.lang, title: tr(req.lang, "archive.title"), principal: req.principal, csrfToken: req.principal?.csrfToken, currentPath: req.url,
      body: archivePageBody(req.lang, status),
    }));
  });
}
