// One config module: every setting is documented here with its default, read
// from the environment once, validated at start-up, and secrets are flagged so
// `vaxel config` and logs never show them. Nothing else reads process.env
// (STYLE 11).
import path from "node:path";
import { AppError } from "./platform/errors.ts";

type Kind = "string" | "port" | "url" | "int" | "bool" | "enum";

interface KeyDef {
  env: string;
  doc: string;
  kind: Kind;
  default?: string;
  secret?: boolean;
  values?: readonly string[];
}

export const CONFIG_KEYS = {
  port: { env: "PORT", doc: "HTTP port to listen on.", kind: "port", default: "3000" },
  host: { env: "HOST", doc: "Interface to bind (localhost: IPv4 and IPv6 loopback); 0.0.0.0 to listen on all.", kind: "string", default: "localhost" },
  dataDir: {
    env: "VAXEL_DATA_DIR",
    doc: "Directory for the embedded PostgreSQL data and connection details (unused with DATABASE_URL, except for the connection file).",
    kind: "string",
    default: "./data",
  },
  databaseUrl: {
    env: "DATABASE_URL",
    doc: "External PostgreSQL (postgres://user:pass@host:port/db). Empty: run the embedded server in VAXEL_DATA_DIR.",
    kind: "url",
    default: "",
    secret: true,
  },
  embeddedPgPort: {
    env: "VAXEL_PG_PORT",
    doc: "Port for the embedded PostgreSQL; 0 picks a free one.",
    kind: "int",
    default: "0",
  },
  publicUrl: {
    env: "PUBLIC_URL",
    doc: "Public base URL used in links, OIDC redirects and e-mails. Empty: http://localhost:PORT.",
    kind: "url",
    default: "",
  },
  logLevel: {
    env: "LOG_LEVEL",
    doc: "pino log level.",
    kind: "enum",
    default: "info",
    values: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
  },
  encryptionKey: {
    env: "VAXEL_ENCRYPTION_KEY",
    doc: "32-byte key (64 hex chars) for credentials stored at rest. Empty: generated once and kept in VAXEL_DATA_DIR/secret.key.",
    kind: "string",
    default: "",
    secret: true,
  },
  smtpUrl: {
    env: "SMTP_URL",
    doc: "SMTP server for reminder e-mails (smtp://user:pass@host:port). Empty: e-mails are logged as not sent.",
    kind: "url",
    default: "",
    secret: true,
  },
  smtpFrom: { env: "SMTP_FROM", doc: "Sender address of outgoing e-mail.", kind: "string", default: "vaxel@localhost" },
  oidcIssuer: {
    env: "OIDC_ISSUER",
    doc: "OpenID Connect issuer URL for municipal single sign-on. Empty: local accounts only.",
    kind: "url",
    default: "",
  },
  oidcClientId: { env: "OIDC_CLIENT_ID", doc: "OIDC client id.", kind: "string", default: "" },
  oidcClientSecret: { env: "OIDC_CLIENT_SECRET", doc: "OIDC client secret.", kind: "string", default: "", secret: true },
  oidcAllowHttp: {
    env: "OIDC_ALLOW_HTTP",
    doc: "Allow an http:// issuer (development and tests only).",
    kind: "bool",
    default: "false",
  },
  sessionTtlHours: { env: "SESSION_TTL_HOURS", doc: "Idle lifetime of a login session.", kind: "int", default: "12" },
  secureCookies: {
    env: "SECURE_COOKIES",
    doc: "Mark cookies Secure (set true behind HTTPS).",
    kind: "bool",
    default: "false",
  },
  orgSlug: {
    env: "VAXEL_ORG_SLUG",
    doc: "Slug of the organisation created on first start (a fresh installation's first tenant).",
    kind: "string",
    default: "kommun",
  },
  orgName: { env: "VAXEL_ORG_NAME", doc: "Name of that organisation.", kind: "string", default: "Min kommun" },
  demo: { env: "VAXEL_DEMO", doc: "Load demo data into a new data dir.", kind: "bool", default: "false" },
  bodyLimitBytes: { env: "BODY_LIMIT_BYTES", doc: "Largest accepted request body.", kind: "int", default: "1048576" },
  loginRateLimit: {
    env: "LOGIN_RATE_LIMIT",
    doc: "Login attempts per IP per minute.",
    kind: "int",
    default: "10",
  },
  workers: {
    env: "VAXEL_WORKERS",
    doc: "Run the background workers (analysis after capture, the platform outbox, polling) in this process. Webhooks are received either way.",
    kind: "bool",
    default: "true",
  },
  analysisThreads: {
    env: "VAXEL_ANALYSIS_THREADS",
    doc: "Worker threads that analyse captured comments, so analysis never blocks the webhooks' event loop. 0 = one per core but one (os.availableParallelism() − 1), at least 1.",
    kind: "int",
    default: "0",
  },
  emulatorsPort: {
    env: "VAXEL_EMULATORS_PORT",
    doc: "Demo mode: port of the local platform emulators (Facebook, Instagram, YouTube) that the demo channels talk to; 0 means PORT + 1.",
    kind: "int",
    default: "0",
  },
  publicRateLimit: {
    env: "PUBLIC_RATE_LIMIT",
    doc: "Requests per IP per minute on public endpoints (0 = no limit).",
    kind: "int",
    default: "6000",
  },
  snapshotEveryMonths: {
    env: "VAXEL_SNAPSHOT_EVERY_MONTHS",
    doc: "Records: the server exports an archival package of each completed period of this many months (1, 2, 3, 4, 6 or 12, aligned to 1 January; default every half year). 0 turns the schedule off (e.g. when a timer runs `vaxel records snapshot`).",
    kind: "int",
    default: "6",
  },
  snapshotDir: {
    env: "VAXEL_SNAPSHOT_DIR",
    doc: "Records: directory the scheduled archival packages are written to. Empty: VAXEL_DATA_DIR/snapshots.",
    kind: "string",
    default: "",
  },
  snapshotCheckSeconds: {
    env: "VAXEL_SNAPSHOT_CHECK_SECONDS",
    doc: "Records: how often the server looks for a completed period without a snapshot (one process at a time does the export).",
    kind: "int",
    default: "3600",
  },
  moderationOverdueCheckSeconds: {
    env: "VAXEL_MODERATION_OVERDUE_CHECK_SECONDS",
    doc: "Moderation: how often the server checks for unreviewed comments older than the review limit in working time (BBS-lagen §4) and alerts open moderation pages. 0 = only when a page is loaded.",
    kind: "int",
    default: "60",
  },
} as const satisfies Record<string, KeyDef>;

export type ConfigKey = keyof typeof CONFIG_KEYS;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  embeddedPgPort: number;
  publicUrl: string;
  logLevel: string;
  encryptionKey: string;
  smtpUrl: string;
  smtpFrom: string;
  oidcIssuer: string;
  oidcClientId: string;
  oidcClientSecret: string;
  oidcAllowHttp: boolean;
  sessionTtlHours: number;
  secureCookies: boolean;
  orgSlug: string;
  orgName: string;
  demo: boolean;
  bodyLimitBytes: number;
  loginRateLimit: number;
  workers: boolean;
  analysisThreads: number;
  emulatorsPort: number;
  publicRateLimit: number;
  snapshotEveryMonths: number;
  snapshotDir: string;
  snapshotCheckSeconds: number;
  moderationOverdueCheckSeconds: number;
}

function parseValue(key: string, def: KeyDef, raw: string): string | number | boolean {
  const bad = (why: string) =>
    new AppError("config_invalid", { detail: `${def.env}: ${why}`, public: { key: def.env, why } });
  switch (def.kind) {
    case "port": {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw bad("port must be an integer 0–65535");
      return n;
    }
    case "int": {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) throw bad("must be a non-negative integer");
      return n;
    }
    case "bool":
      if (!["true", "false", "1", "0", ""].includes(raw)) throw bad("must be true or false");
      return raw === "true" || raw === "1";
    case "url":
      if (raw !== "" && !URL.canParse(raw)) throw bad("must be a URL");
      return raw;
    case "enum":
      if (!def.values?.includes(raw)) throw bad(`must be one of ${def.values?.join(", ")}`);
      return raw;
    default:
      return raw;
  }
  void key;
}

/** Reads and validates the configuration. Throws AppError("config_invalid") on the first bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(CONFIG_KEYS) as [ConfigKey, KeyDef][]) {
    const raw = env[def.env] ?? def.default ?? "";
    out[key] = parseValue(key, def, raw.trim());
  }
  const cfg = { ...(out as unknown as Config), ...overrides };
  cfg.dataDir = path.resolve(cfg.dataDir);
  if (!cfg.publicUrl) cfg.publicUrl = `http://localhost:${cfg.port}`;
  cfg.publicUrl = cfg.publicUrl.replace(/\/+$/, "");
  if (cfg.encryptionKey && !/^[0-9a-fA-F]{64}$/.test(cfg.encryptionKey)) {
    throw new AppError("config_invalid", {
      detail: "VAXEL_ENCRYPTION_KEY must be 64 hex characters",
      public: { key: "VAXEL_ENCRYPTION_KEY", why: "must be 64 hex characters" },
    });
  }
  if (cfg.snapshotEveryMonths !== 0 && 12 % cfg.snapshotEveryMonths !== 0) {
    throw new AppError("config_invalid", {
      detail: "VAXEL_SNAPSHOT_EVERY_MONTHS must be 0, 1, 2, 3, 4, 6 or 12",
      public: { key: "VAXEL_SNAPSHOT_EVERY_MONTHS", why: "must be 0, 1, 2, 3, 4, 6 or 12" },
    });
  }
  cfg.snapshotDir = path.resolve(cfg.snapshotDir || path.join(cfg.dataDir, "snapshots"));
  if (cfg.oidcIssuer && (!cfg.oidcClientId || !cfg.oidcClientSecret)) {
    throw new AppError("config_invalid", {
      detail: "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
      public: { key: "OIDC_CLIENT_ID", why: "required with OIDC_ISSUER" },
    });
  }
  return cfg;
}

/** Rows for `vaxel config`: every key with its value, secrets masked. */
export function describeConfig(cfg: Config): { env: string; value: string; doc: string; secret: boolean }[] {
  return (Object.entries(CONFIG_KEYS) as [ConfigKey, KeyDef][]).map(([key, def]) => {
    const v = String(cfg[key]);
    return { env: def.env, value: def.secret && v ? "********" : v, doc: def.doc, secret: def.secret === true };
  });
}
