// Analytics for any period: the page (charts with their tables) and CSV for
// volumes, decisions and review times, all aggregated in PostgreSQL.
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import type { Pool } from "../platform/db/pool.ts";
import { decisionVolumes, itemsPerPeriod, periodBuckets, resolvePeriod, reviewTimes, volumes } from "./use-cases/analytics.ts";
import { toCsvTable } from "../web/csv.ts";
import { analyticsBody } from "./web/analytics-page.ts";
import { tm } from "./web/messages.ts";
import { sendPage } from "./web/send-page.ts";

const PeriodQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  granularity: Type.Optional(Type.Union(["auto", "day", "week", "month"].map((g) => Type.Literal(g)))),
  measure: Type.Optional(Type.Union(["volumes", "decisions", "review"].map((m) => Type.Literal(m)))),
  lang: Type.Optional(Type.String()),
});
type PeriodQueryT = { from?: string; to?: string; granularity?: string; measure?: "volumes" | "decisions" | "review" };

export const analyticsRoutes: FastifyPluginAsync<{ pool: Pool }> = async (app, { pool }) => {
  app.get("/moderation/analytics", { config: { permission: "moderation:read", html: true }, schema: { hide: true, querystring: PeriodQuery } }, async (req, reply) => {
    const orgId = req.principal!.orgId;
    const period = resolvePeriod(req.query as PeriodQueryT);
    const [buckets, items, vol, decisions, reviews] = await Promise.all([
      periodBuckets(pool, period), itemsPerPeriod(pool, orgId, period), volumes(pool, orgId, period), decisionVolumes(pool, orgId, period), reviewTimes(pool, orgId, period)]);
    return sendPage(req, reply, tm(req.lang, "analytics.page"), analyticsBody(req.lang, { period, buckets, items, volumes: vol, decisions, reviews }));
  });

  app.get("/moderation/analytics.csv", {
    config: { permission: "moderation:read" },
    schema: { tags: ["moderation"], summary: "Volumes, decisions or review times for a period as CSV (first column: the day, week or month)", security: [{ bearer: [] }], querystring: PeriodQuery },
  }, async (req, reply) => {
    const orgId = req.principal!.orgId;
    const q = req.query as PeriodQueryT;
    const p = resolvePeriod(q);
    let csv: string;
    if (q.measure === "decisions") csv = toCsvTable([p.granularity, "decision", "rule", "n"], (await decisionVolumes(pool, orgId, p)).map((r) => [r.period, r.kind, r.rule, r.n]));
    else if (q.measure === "review") csv = toCsvTable([p.granularity, "channel", "reviewed", "p50_minutes", "p90_minutes"], (await reviewTimes(pool, orgId, p)).map((r) => [r.period, r.channel, r.reviewed, r.p50, r.p90]));
    else csv = toCsvTable([p.granularity, "category", "channel", "items"], (await volumes(pool, orgId, p)).map((r) => [r.period, r.category, r.channel, r.n]));
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="moderering-${q.measure ?? "volumes"}-${p.from}-${p.to}.csv"`).send(csv);
  });
};

(analyticsRoutes as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;
