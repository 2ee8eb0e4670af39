// Webhook routes need the exact bytes that were signed: the JSON parser would
// lose them (Meta escapes non-ASCII as \u00e4, key order, whitespace). Inside
// this encapsulated scope every body is kept as a Buffer, within a size limit.
import type { FastifyInstance } from "fastify";

export function useRawBodies(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_req, body, done) => done(null, body));
}

/** JSON.parse that reports failure instead of throwing. */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}

/**
 * Webhook POSTs answer a platform's servers with a bare 200, never a browser
 * page: the security headers (CSP, frame policy …) protect nothing there, and
 * building them for every delivery was a measurable share of the webhook path.
 */
export const WEBHOOK_HELMET = false;
