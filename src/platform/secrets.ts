// Encryption at rest for stored credentials (platform app secrets, access
// tokens): AES-256-GCM with a random 96-bit nonce per value, authenticated, so a
// value altered in the database fails to decrypt instead of yielding garbage.
// The key comes from VAXEL_ENCRYPTION_KEY or, for the embedded setup, is
// generated once into VAXEL_DATA_DIR/secret.key (mode 0600).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.ts";
import { AppError } from "./errors.ts";

const PREFIX = "v1:";

export function loadEncryptionKey(cfg: Pick<Config, "encryptionKey" | "dataDir">): Buffer {
  if (cfg.encryptionKey) return Buffer.from(cfg.encryptionKey, "hex");
  const file = path.join(cfg.dataDir, "secret.key");
  try {
    const hex = fs.readFileSync(file, "utf8").trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, "hex");
    throw new AppError("config_invalid", { detail: `${file} is not a 64-hex-character key`, public: { key: "VAXEL_ENCRYPTION_KEY" } });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const key = randomBytes(32);
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  // wx: never overwrite a key another process wrote in the meantime.
  try {
    fs.writeFileSync(file, key.toString("hex"), { mode: 0o600, flag: "wx" });
    return key;
  } catch {
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
  }
}

export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString("base64url");
}

export function decryptSecret(key: Buffer, stored: string): string {
  if (!stored.startsWith(PREFIX)) throw new AppError("internal", { detail: "unknown secret format" });
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  const d = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString("utf8");
}
