// Renders a police report's item as it looked (PNG via headless Chromium) and
// keeps it with the report. Runs after the report's transaction commits.
import { sha256Hex } from "../../records/capture/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { renderPng } from "./render-png.ts";

export async function storeRendering(pool: Pool, orgId: string, reportId: string): Promise<boolean> {
  const r = await pool.query<{ package: { item: { platform: string; text: string | null; firstCapturedAt: string }; author: { name: string | null }; channel: { name: string }; thread: { authorName: string | null; text: string | null; capturedAt: string; isReported: boolean }[] } }>(
    "select package from police_reports where org_id = $1 and id = $2", [orgId, reportId]);
  const pkg = r.rows[0]?.package;
  if (!pkg) return false;
  const thread = pkg.thread.length ? pkg.thread : [{ authorName: pkg.author.name, text: pkg.item.text, capturedAt: pkg.item.firstCapturedAt, isReported: true }];
  const out = await renderPng({ platform: pkg.item.platform, channelName: pkg.channel.name, thread: thread.map((t) => ({ authorName: t.authorName, text: t.text, at: t.capturedAt, isReported: t.isReported })) });
  if (!out) return false;
  await pool.query(
    "insert into police_report_renderings (org_id, report_id, png, png_sha256, width, height, renderer) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing",
    [orgId, reportId, out.png, sha256Hex(out.png), out.width, out.height, out.renderer]);
  return true;
}
