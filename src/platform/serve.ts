// `vaxel serve`: open the database (embedded or DATABASE_URL), migrate, make
// sure there is an organisation and an admin, load demo data on a new data dir,
// then serve HTTP until SIGINT/SIGTERM.
import { performance } from "node:perf_hooks";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { loadConfig, type Config } from "../config.ts";
import { createOidcLogin } from "../access/oidc.ts";
import { ensureFirstOrganisation } from "./bootstrap/first-start.ts";
import { DEMO_ORGANISATION, loadDemoData } from "./demo.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase, type Database } from "./db/open-database.ts";
import { AppError } from "./errors.ts";
import { createLogger } from "./logging.ts";
import { loadEncryptionKey } from "./secrets.ts";

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  cfg: Config;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(opts: { demo?: boolean; port?: number } = {}): Promise<RunningServer> {
  const t0 = performance.now();
  const cfg = loadConfig(process.env, {
    ...(opts.demo ? { demo: true } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
  });
  const logger = createLogger(cfg.logLevel);
  // Generated on first start when not configured; a broken key file stops start-up here.
  loadEncryptionKey(cfg);
  const db = await openDatabase(cfg, { attach: false, onLog: (line) => logger.trace({ postgres: line.trim() }) });
  let app: FastifyInstance | undefined;
  try {
    await migrate(db.pool, { onApply: (name) => logger.info({ migration: name }, "migration applied") });
    const first = await ensureFirstOrganisation(db.pool, cfg, cfg.demo ? DEMO_ORGANISATION : undefined);
    if (cfg.demo && first.createdOrg) await loadDemoData(db.pool, first.org.id);
    if (first.admin) {
      // Shown once, on the terminal only: the password is not stored anywhere but as an argon2 hash.
      process.stdout.write(
        `\n  Första start: administratörskonto skapat / first start: admin account created\n` +
          `  organisation: ${first.org.name} (${first.org.slug})\n` +
          `  användarnamn / username: ${first.admin.username}\n` +
          `  lösenord / password:     ${first.admin.password}\n` +
          `  (visas bara nu / shown only now — byt med / change with: vaxel users set-password admin)\n\n`,
      );
    }
    const oidc = cfg.oidcIssuer
      ? createOidcLogin({ issuer: cfg.oidcIssuer, clientId: cfg.oidcClientId, clientSecret: cfg.oidcClientSecret, allowHttp: cfg.oidcAllowHttp })
      : undefined;
    app = await buildApp({ cfg, pool: db.pool, logger, oidc });
    await app.listen({ port: cfg.port, host: cfg.host });
    const addr = app.server.address();
    const port = typeof addr === "object" && addr ? addr.port : cfg.port;
    const url = `http://${cfg.host === "0.0.0.0" || cfg.host === "::" ? "localhost" : cfg.host}:${port}`;
    logger.info({ url, readyMs: Math.round(performance.now() - t0), embedded: db.embedded }, "Växel är redo / ready");
    let stopping: Promise<void> | undefined;
    const started = app;
    return {
      app: started,
      db,
      cfg,
      url,
      stop() {
        stopping ??= (async () => {
          await started.close();
          await db.close();
        })();
        return stopping;
      },
    };
  } catch (e) {
    // e.g. the port is taken: close the app first (its onClose hooks stop the
    // modules' background work and release their connections), then the database.
    if (app) await app.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new AppError("port_in_use", { public: { port: cfg.port }, cause: e });
    }
    throw e;
  }
}
