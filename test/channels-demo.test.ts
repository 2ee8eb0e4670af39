// The demo: seeded accounts, emulators beside the server, and `vaxel demo
// simulate` streaming Swedish comments through the real webhook path into
// capture and analysis.
import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";
import { startDemoEmulators } from "../src/channels/demo/demo-emulators.ts";
import { seedDemoChannels } from "../src/channels/demo/seed.ts";
import { simulate } from "../src/channels/demo/simulate.ts";
import { loadEncryptionKey } from "../src/platform/secrets.ts";
import { buildTestApp } from "./helpers/app.ts";
import { onCleanup } from "./helpers/db.ts";
import { listen } from "./helpers/http-server.ts";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

test("demo simulate: comments arrive through signed webhooks, are captured and analysed", { timeout: 120_000 }, async () => {
  const t = await buildTestApp({ config: { workers: false } });
  await seedDemoChannels(t.db.pool, t.org.id);
  await seedDemoChannels(t.db.pool, t.org.id); // idempotent
  assert.equal((await t.db.pool.query("select count(*)::int as n from channels")).rows[0].n, 3);
  const base = await listen(t);
  const emu = await startDemoEmulators({ pool: t.db.pool, key: loadEncryptionKey(t.cfg), cfg: { ...t.cfg, emulatorsPort: await freePort() }, serverUrl: base });
  onCleanup(() => emu.close());
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const lines: string[] = [];
  const sent = await simulate({ emulatorsUrl: emu.url, minutes: 0.05, perMinute: 1200, out: (l) => lines.push(l), random });
  assert.equal(sent, 60);
  const pushed = lines.filter((l) => !l.startsWith("youtube")).length;
  const captured = (await t.db.pool.query("select count(*)::int as n from captured_items where platform in ('facebook', 'instagram')")).rows[0].n;
  assert.equal(captured, pushed, "every Facebook and Instagram comment was captured before its webhook was acknowledged");
  await t.app.channels.analysis.drain();
  const flagged = (await t.db.pool.query("select count(*)::int as n from item_analyses where action <> 'none'")).rows[0].n;
  assert.ok(flagged > 0, "some simulated comments break the page rules");
});
