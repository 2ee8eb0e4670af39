// The records module's HTTP surface: search, the register (diarium), records
// requests, disposal and archival packages. Each area registers its routes.
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../config.ts";
import type { Pool } from "../platform/db/pool.ts";
import { loadEncryptionKey } from "../platform/secrets.ts";
import { startRecordsBackground } from "./background.ts";
import { NAV } from "../web/layout.ts";
import { registerDisposalRoutes } from "./disposal/routes.ts";
import { registerArchiveRoutes } from "./export/routes.ts";
import { startSnapshotSchedule } from "./export/snapshot-schedule.ts";
import { registerRegistrationRoutes } from "./registration/routes.ts";
import { registerRequestRoutes } from "./requests/routes.ts";
import { registerSearchRoutes } from "./search/routes.ts";
import { tr } from "./web/messages.ts";

export interface RecordsRoutesOptions {
  pool: Pool;
  cfg: Config;
}

export const recordsRoutes: FastifyPluginAsync<RecordsRoutesOptions> = async (app, opts) => {
  const { pool, cfg } = opts;
  const schedule = { everyMonths: cfg.snapshotEveryMonths, outDir: cfg.snapshotDir };
  if (cfg.workers) {
    const stops: (() => unknown)[] = [];
    app.addHook("onReady", async () => {
      const key = loadEncryptionKey(cfg);
      stops.push(startRecordsBackground({ pool, key, log: app.log }));
      if (schedule.everyMonths > 0) stops.push(startSnapshotSchedule({ pool, key, log: app.log }, { ...schedule, intervalMs: Math.max(1, cfg.snapshotCheckSeconds) * 1000 }));
    });
    app.addHook("onClose", async () => {
      for (const stop of stops) await stop();
    });
  }
  if (!NAV.some((n) => n.href === "/records/search")) NAV.push({ href: "/records/search", label: { sv: tr("sv", "nav.search"), en: tr("en", "nav.search") }, permission: "records:read" });
  if (!NAV.some((n) => n.href === "/records/register")) NAV.push({ href: "/records/register", label: { sv: tr("sv", "nav.register"), en: tr("en", "nav.register") }, permission: "records:read" });
  await registerSearchRoutes(app, pool);
  if (!NAV.some((n) => n.href === "/records/requests")) NAV.push({ href: "/records/requests", label: { sv: tr("sv", "nav.requests"), en: tr("en", "nav.requests") }, permission: "records:request" });
  if (!NAV.some((n) => n.href === "/records/disposal")) NAV.push({ href: "/records/disposal", label: { sv: tr("sv", "nav.disposal"), en: tr("en", "nav.disposal") }, permission: "records:dispose" });
  await registerRegistrationRoutes(app, pool);
  await registerRequestRoutes(app, pool);
  await registerDisposalRoutes(app, pool);
  if (!NAV.some((n) => n.href === "/records/archive")) NAV.push({ href: "/records/archive", label: { sv: tr("sv", "nav.archive"), en: tr("en", "nav.archive") }, permission: "records:dispose" });
  await registerArchiveRoutes(app, pool, schedule);
};
