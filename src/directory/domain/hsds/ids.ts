// HSDS requires a UUID on every object, including those we derive (a schedule per interval,
// a service's routed phone). Name-based UUIDs (RFC 9562 version 5, SHA-1) keep them stable
// across exports, so consumers can diff two exports.
import { createHash } from "node:crypto";

/** Växel's namespace for derived HSDS ids (a fixed random UUID). */
const NAMESPACE = "4f1b9c8e-2d6a-4e0b-9b7c-5a3e8d2f6c10";

export function derivedUuid(...parts: string[]): string {
  const ns = Buffer.from(NAMESPACE.replaceAll("-", ""), "hex");
  const hash = createHash("sha1").update(ns).update(parts.join("\u0000"), "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
