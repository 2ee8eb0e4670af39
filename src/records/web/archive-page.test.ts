import assert from "node:assert/strict";
import { test } from "node:test";
import { archivePageBody } from "./archive-page.ts";

test("the snapshot runs' outcomes are words in the page's language, not codes", () => {
  const status = {
    everyMonths: 6, outDir: "/srv/snapshots", last: null, next: "2027-01-01",
    runs: [
      { finishedAt: "2026-07-01T02:00:00.000Z", status: "ok", packages: 1, error: null, host: "a" },
      { finishedAt: "2026-06-01T02:00:00.000Z", status: "failed", packages: 0, error: "disk full", host: "a" },
      { finishedAt: "2026-05-01T02:00:00.000Z", status: "busy", packages: 0, error: null, host: "b" },
    ],
  };
  const cells = (lang: "sv" | "en") => [...String(archivePageBody(lang, status)).matchAll(/<tr><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells("sv"), ["klar", "misslyckades: disk full", "upptagen (en annan server körde)"]);
  assert.deepEqual(cells("en"), ["done", "failed: disk full", "busy (another server was running)"]);
});
