import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { decryptSecret, encryptSecret, loadEncryptionKey } from "./secrets.ts";

test("round trip; each encryption differs; tampering is detected", () => {
  const key = Buffer.alloc(32, 7);
  const a = encryptSecret(key, "app-secret-åäö");
  const b = encryptSecret(key, "app-secret-åäö");
  assert.notEqual(a, b);
  assert.equal(decryptSecret(key, a), "app-secret-åäö");
  const raw = Buffer.from(a.slice(3), "base64url");
  raw[raw.length - 1]! ^= 1;
  assert.throws(() => decryptSecret(key, `v1:${raw.toString("base64url")}`));
  assert.throws(() => decryptSecret(Buffer.alloc(32, 8), a));
});

test("without a configured key, one is generated once into the data dir (0600) and reused", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-key-"));
  const k1 = loadEncryptionKey({ encryptionKey: "", dataDir: dir });
  const k2 = loadEncryptionKey({ encryptionKey: "", dataDir: dir });
  assert.deepEqual(k1, k2);
  assert.equal(fs.statSync(path.join(dir, "secret.key")).mode & 0o777, 0o600);
  const configured = loadEncryptionKey({ encryptionKey: "ab".repeat(32), dataDir: dir });
  assert.equal(configured.toString("hex"), "ab".repeat(32));
  fs.rmSync(dir, { recursive: true });
});
