// Analytics beyond 30 days: 20,000 flagged comments over two years, counted
// by month, week or day in SQL; the CSV adds up; a bad period is refused.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { addBareChannel, seedAnalysedItems, testFinding } from "../src/moderation/test-support.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

const N = 20_000;
const DAY = 86_400_000;

describe("moderation analytics for any period", () => {
  let t: TestApp;
  let cookie: string;
  const end = new Date();
  const start = new Date(end.getTime() - 730 * DAY);
  const iso = (d: Date) => d.toISOString().slice(0, 10);

  before(async () => {
    t = await buildTestApp({ config: { workers: false } });
    const u = await t.user(["moderator"], "analytiker");
    cookie = (await t.login(u.username, u.password)).cookie;
    const channelId = await addBareChannel(t.db.pool, t.org.id);
    // Spread evenly over two years (from noon on the first day, so every item falls inside the period in Swedish time).
    const first = Date.parse(`${iso(start)}T12:00:00Z`);
    const step = (end.getTime() - 12 * 3_600_000 - first) / N;
    await seedAnalysedItems(t.db.pool, { orgId: t.org.id, channelId, n: N, text: (i) => `Köp nu ${i}`, labels: ["commercial"], action: "review", findings: [testFinding("commercial")], at: (i) => new Date(first + i * step) });
  });

  const get = (url: string) => t.app.inject({ method: "GET", url, headers: { cookie } });
  const rows = (csv: string) => csv.trim().split(/\r?\n/).slice(1).map((l) => l.split(";").map((c) => c.replace(/^"|"$/g, "")));

  test("two years by month: every item counted once, 25 months at most, aggregated in SQL", async () => {
    const t0 = performance.now();
    const r = await get(`/moderation/analytics.csv?from=${iso(start)}&to=${iso(end)}`);
    const ms = performance.now() - t0;
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /^\uFEFFmonth;category;channel;items\n/);
    const data = rows(r.body);
    assert.ok(data.length >= 24 && data.length <= 25, `${data.length} months`);
    assert.equal(data.reduce((s, x) => s + Number(x[3]), 0), N);
    assert.ok(data.every((x) => /^\d{4}-\d{2}$/.test(x[0]!) && x[1] === "commercial"));
    process.stdout.write(`# analytics CSV, ${N} items over two years by month: ${ms.toFixed(0)} ms\n`);
  });

  test("the granularity follows the span unless chosen; weeks are ISO weeks", async () => {
    const week = rows((await get(`/moderation/analytics.csv?from=${iso(new Date(end.getTime() - 200 * DAY))}&to=${iso(end)}`)).body);
    assert.ok(week.every((x) => /^\d{4}-W\d{2}$/.test(x[0]!)));
    const day = await get(`/moderation/analytics.csv?from=${iso(new Date(end.getTime() - 40 * DAY))}&to=${iso(end)}&granularity=day`);
    assert.match(day.body, /^\uFEFFday;/);
    const page = await get(`/moderation/analytics?from=${iso(start)}&to=${iso(end)}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg role="img"/);
    assert.match(page.body, /<caption>Flaggade kommentarer per kategori och period \(Månad\)<\/caption>/);
  });

  test("a bad period is refused", async () => {
    assert.equal((await get("/moderation/analytics.csv?from=2026-13-01&to=2026-12-31")).statusCode, 400);
    assert.equal((await get("/moderation/analytics.csv?from=2026-02-01&to=2026-01-01")).statusCode, 400);
    assert.equal((await get("/moderation/analytics.csv?from=2000-01-01&to=2026-01-01")).statusCode, 400);
  });
});
