// Logging with pino. Secrets and personnummer never reach a log line: known
// secret fields are redacted by path, and every string that is logged passes a
// personnummer mask (GDPR / dataskyddslagen 3:10: personnummer only where
// clearly justified, and a log is not).
import pino, { type Logger } from "pino";

// 6 or 8 digits of date, optional separator (-, +, space), 4 digits. Masks
// samordningsnummer too. Deliberately broad: a false mask in a log costs nothing.
const PNR = /(?<![\d])(?:\d{2})?\d{6}[-+ ]?\d{4}(?![\d])/g;

export function maskPersonnummer(s: string): string {
  return s.replace(PNR, "[personnummer]");
}

function maskDeep(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return maskPersonnummer(v);
  if (depth > 6 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, depth + 1));
  if (v instanceof Error) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = maskDeep(x, depth + 1);
  return out;
}

export const REDACT_PATHS = [
  "password",
  "*.password",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "req.headers.authorization",
  "req.headers.cookie",
  "res.headers['set-cookie']",
  "databaseUrl",
  "*.databaseUrl",
  "clientSecret",
  "*.clientSecret",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          // Mask personnummer in messages and in any object argument.
          const masked = args.map((a) => maskDeep(a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
      serializers: {
        // Request logs carry method, masked URL and id only: never headers (cookies, tokens).
        req(req: { method?: string; url?: string; id?: string }) {
          return { method: req.method, url: maskPersonnummer(String(req.url ?? "")), id: req.id };
        },
      },
    },
    destination,
  );
}
