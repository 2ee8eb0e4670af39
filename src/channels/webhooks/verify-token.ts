// Constant-time comparison of two strings of possibly different length (verify
// tokens): compares HMACs of both, so neither length nor content leaks by timing.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const KEY = randomBytes(32);

export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHmac("sha256", KEY).update(a).digest();
  const hb = createHmac("sha256", KEY).update(b).digest();
  return timingSafeEqual(ha, hb) && a === b;
}
