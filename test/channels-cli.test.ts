// The channels and records commands against a real database, and imports of
// the platforms' data exports (idempotent, Meta's export encoding repaired).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { promisify } from "node:util";
import { fixMetaMojibake, parseYouTubeTakeout } from "../src/channels/imports/exports.ts";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { freshDatabase, onCleanup, type TestDb } from "./helpers/db.ts";

const run = promisify(execFile);
const VAXEL = path.resolve(import.meta.dirname, "../bin/vaxel");
const meta = (s: string) => Buffer.from(s, "utf8").toString("latin1"); // how Meta's export writes text

describe("vaxel channels / records", () => {
  let db: TestDb;
  let env: Record<string, string>;
  let dir: string;
  const vaxel = async (args: string[]) => {
    try {
      const r = await run(VAXEL, args, { env: { ...process.env, ...env } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };

  before(async () => {
    db = await freshDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-cli-"));
    onCleanup(async () => fs.rmSync(dir, { recursive: true, force: true }));
    env = { DATABASE_URL: db.url, VAXEL_DATA_DIR: dir, VAXEL_ENCRYPTION_KEY: randomBytes(32).toString("hex"), LOG_LEVEL: "silent" };
    await createOrganisation(db.pool, { slug: "clikommun", name: "Clikommun" });
  });

  test("channels add prints the generated verify token once; list never shows secrets", async () => {
    const add = await vaxel(["channels", "add", "--platform", "facebook", "--page-id", "123456789", "--app-secret", "s3cr3t-app", "--name", "Clikommun"]);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /verify token \(visas bara nu \/ shown only now\): \S+/);
    const list = await vaxel(["channels", "list", "--json"]);
    assert.equal(list.code, 0, list.stderr);
    const rows = list.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].credentialsSet.sort(), ["appSecret", "verifyToken"]);
    assert.ok(!list.stdout.includes("s3cr3t-app"));
    const bad = await vaxel(["channels", "add", "--platform", "facebook", "--page-id", "not-digits", "--app-secret", "x", "--name", "X"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /validation_failed/);
  });

  test("an export is imported once (a second import adds nothing) and records list prints JSONL", async () => {
    const id = JSON.parse((await vaxel(["channels", "list", "--json"])).stdout.trim().split("\n")[0]!).id as string;
    const file = path.join(dir, "comments.json");
    fs.writeFileSync(file, JSON.stringify({ comments_v2: [
      { timestamp: 1_700_000_000, data: [{ comment: { timestamp: 1_700_000_000, comment: meta("Varför är simhallen stängd på söndagar? Det är tråkigt för barnfamiljer."), author: meta("Åsa Öberg") } }], title: meta("Åsa Öberg commented on Clikommun's post.") },
      { timestamp: 1_700_000_100, data: [{ comment: { timestamp: 1_700_000_100, comment: "Tack för infon!", author: "Per" } }] },
    ] }));
    const first = await vaxel(["channels", "import", file, "--channel", id, "--format", "facebook-json", "--json"]);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { total: 2, created: 2, duplicates: 0 });
    const second = await vaxel(["channels", "import", file, "--channel", id, "--format", "facebook-json", "--json"]);
    assert.deepEqual(JSON.parse(second.stdout), { total: 2, created: 0, duplicates: 2 });
    const list = await vaxel(["records", "list", "--platform", "facebook", "--json"]);
    assert.equal(list.code, 0, list.stderr);
    const items = list.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(items.length, 2);
    const asa = items.find((i) => i.author.name === "Åsa Öberg");
    assert.equal(asa.text, "Varför är simhallen stängd på söndagar? Det är tråkigt för barnfamiljer.");
    assert.equal(asa.versions[0].source, "import");
    const verify = await vaxel(["records", "verify-capture"]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  test("rules publish stores a page rules version; rules bind points a channel at it (an unknown version is refused)", async () => {
    const id = JSON.parse((await vaxel(["channels", "list", "--json"])).stdout.trim().split("\n")[0]!).id as string;
    const file = path.join(dir, "rules.json");
    fs.writeFileSync(file, JSON.stringify({ categories: { profanity: { enabled: false } } }));
    const published = await vaxel(["channels", "rules", "publish", file, "--rules-version", "2026-05"]);
    assert.equal(published.code, 0, published.stderr);
    const unknown = await vaxel(["channels", "rules", "bind", id, "--rules-version", "2099-01"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /validation_failed/);
    const bound = await vaxel(["channels", "rules", "bind", id, "--rules-version", "2026-05"]);
    assert.equal(bound.code, 0, bound.stderr);
    const list = await vaxel(["channels", "list", "--json"]);
    assert.equal(JSON.parse(list.stdout.trim().split("\n")[0]!).pageRulesVersion, "2026-05");
  });

  test("Meta's export encoding is repaired; YouTube Takeout CSV is read with its text runs", () => {
    assert.equal(fixMetaMojibake(meta("Hej på dig, Göran! ❤️")), "Hej på dig, Göran! ❤️");
    assert.equal(fixMetaMojibake("Redan rätt: å ä ö"), "Redan rätt: å ä ö");
    const csv = `Comment ID,Channel ID,Comment create timestamp,Price,Parent comment ID,Post ID,Video ID,Comment text\n` +
      `UgxAAA,UCviewer,2024-05-01T10:00:00+00:00,,,,vid1,"{""text"":""Bra "" },{""text"":""video om älven""}"\n` +
      `UgxAAA.BBB,UCother,2024-05-01T11:00:00+00:00,,UgxAAA,,vid1,"{""text"":""Tack!""}"\n`;
    const ch = parseYouTubeTakeout(csv);
    assert.equal(ch.length, 2);
    assert.equal(ch[0]!.text, "Bra video om älven");
    assert.equal(ch[1]!.kind, "reply");
    assert.equal(ch[1]!.parentPlatformId, "UgxAAA");
  });
});
