// Platform commands: serve, migrate, config, users, tokens, audit verify, demo.
// Commands other than `serve` attach to the database of a running server (the
// connection details are kept in the data dir) instead of starting a second one.
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { loadConfig, describeConfig } from "../config.ts";
import { createApiToken } from "../access/api-tokens.ts";
import { randomPassword } from "../access/passwords.ts";
import { TOKEN_SCOPES } from "../access/policy.ts";
import { ROLES, type Role } from "../access/principal.ts";
import { assignRole, createUser, listUsers, setUserPassword } from "../access/users.ts";
import { verifyAuditChain } from "./audit/index.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase, type Database } from "./db/open-database.ts";
import { DEMO_ORGANISATION, loadDemoData } from "./demo.ts";
import { AppError } from "./errors.ts";
import { getOrganisation, listOrganisations, type Organisation } from "./tenancy.ts";

const CLI_ACTOR = (label = "cli") => ({ id: null, label });

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const cfg = loadConfig();
  const db = await openDatabase(cfg, { attach: true, poolSize: 4 });
  try {
    await migrate(db.pool);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function pickOrg(db: Database, slug?: string): Promise<Organisation> {
  const org = slug ? await getOrganisation(db.pool, slug) : (await listOrganisations(db.pool))[0];
  if (!org) throw new AppError("not_found", { public: { organisation: slug ?? "(none — run vaxel serve once)" } });
  return org;
}

export function registerPlatformCommands(program: Command): void {
  program
    .command("serve")
    .description("Starta Växel (HTTP) / start the server")
    .option("--demo", "ladda demodata i en ny datakatalog / load demo data into a new data dir")
    .option("-p, --port <port>", "HTTP-port (default PORT or 3000)", (v) => Number(v))
    .action(async (o: { demo?: boolean; port?: number }) => {
      // Loaded only here: every other command (and --help) starts without the whole app.
      const { startServer } = await import("./serve.ts");
      const server = await startServer({ ...(o.demo ? { demo: true } : {}), ...(o.port !== undefined ? { port: o.port } : {}) });
      process.stdout.write(`Växel: ${server.url}\n`);
      const shutdown = () => {
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      // SIGHUP too: a closed terminal must not leave PostgreSQL running without its owner.
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
      process.once("SIGHUP", shutdown);
    });

  program
    .command("migrate")
    .description("Kör databasmigreringar / apply database migrations (exit 1 on failure)")
    .action(async () => {
      await withDb(async (db) => {
        const r = await migrate(db.pool, { onApply: (n) => process.stdout.write(`applied ${n}\n`) });
        process.stdout.write(`schema version ${r.current} (${r.applied.length} applied now)\n`);
      });
    });

  program
    .command("config")
    .description("Visa konfigurationen, hemligheter maskerade / show configuration with secrets masked")
    .option("--json", "JSON output")
    .action((o: { json?: boolean }) => {
      const rows = describeConfig(loadConfig());
      if (o.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else for (const r of rows) process.stdout.write(`${r.env.padEnd(22)} ${r.value.padEnd(28)} ${r.doc}\n`);
    });

  const users = program.command("users").description("Användare och roller / users and roles");
  users
    .command("list")
    .description("Lista användare / list users")
    .option("--org <slug>", "organisation")
    .option("--json", "JSON output")
    .action(async (o: { org?: string; json?: boolean }) => {
      await withDb(async (db) => {
        const org = await pickOrg(db, o.org);
        const list = await listUsers(db.pool, org.id);
        if (o.json) process.stdout.write(`${JSON.stringify(list)}\n`);
        else for (const u of list) process.stdout.write(`${u.username.padEnd(20)} ${u.roles.map((r) => r.role + (r.unitId ? `@${r.unitId}` : "")).join(",") || "-"}${u.disabled ? " (disabled)" : ""}\n`);
      });
    });
  users
    .command("create <username>")
    .description("Skapa lokalt konto; lösenordet skrivs ut en gång / create a local account, password printed once")
    .option("--org <slug>", "organisation")
    .option("--role <role...>", `roller / roles: ${ROLES.join(", ")}`)
    .option("--name <displayName>", "visningsnamn")
    .action(async (username: string, o: { org?: string; role?: string[]; name?: string }) => {
      for (const r of o.role ?? []) {
        if (!(ROLES as readonly string[]).includes(r)) throw new AppError("validation_failed", { public: { role: r, allowed: ROLES } });
      }
      await withDb(async (db) => {
        const org = await pickOrg(db, o.org);
        const password = randomPassword();
        await createUser({ pool: db.pool }, {
          orgId: org.id, username, password, displayName: o.name ?? "",
          roles: (o.role ?? []).map((role) => ({ role: role as Role, unitId: null })), actor: CLI_ACTOR(),
        });
        process.stdout.write(`${username} skapad / created; lösenord / password: ${password}\n`);
      });
    });
  users
    .command("set-password <username>")
    .description("Sätt ett nytt slumpat lösenord / set a new random password (printed once)")
    .option("--org <slug>", "organisation")
    .action(async (username: string, o: { org?: string }) => {
      await withDb(async (db) => {
        const org = await pickOrg(db, o.org);
        const password = randomPassword();
        await setUserPassword({ pool: db.pool }, { orgId: org.id, username, password, actor: CLI_ACTOR() });
        process.stdout.write(`nytt lösenord / new password for ${username}: ${password}\n`);
      });
    });
  users
    .command("grant <username> <role>")
    .description("Ge en roll, ev. på en enhet / grant a role, optionally on a unit")
    .option("--org <slug>", "organisation")
    .option("--unit <unitId>", "enhetens id / unit id")
    .action(async (username: string, role: string, o: { org?: string; unit?: string }) => {
      await withDb(async (db) => {
        const org = await pickOrg(db, o.org);
        const u = (await listUsers(db.pool, org.id)).find((x) => x.username === username);
        if (!u) throw new AppError("not_found", { public: { username } });
        await assignRole({ pool: db.pool }, { orgId: org.id, userId: u.id, role, unitId: o.unit ?? null, actor: CLI_ACTOR() });
        process.stdout.write(`${username}: ${role}${o.unit ? ` @ ${o.unit}` : ""}\n`);
      });
    });

  program
    .command("tokens")
    .description("API-token / API tokens")
    .command("create <username> <name>")
    .description("Skapa API-token (visas en gång) / create an API token (shown once)")
    .option("--org <slug>", "organisation")
    .requiredOption("--scope <scope...>", `behörigheter / scopes: ${TOKEN_SCOPES.join(", ")}`)
    .option("--days <n>", "giltighet i dagar / lifetime in days", (v) => Number(v), 90)
    .action(async (username: string, name: string, o: { org?: string; scope: string[]; days: number }) => {
      await withDb(async (db) => {
        const org = await pickOrg(db, o.org);
        const u = (await listUsers(db.pool, org.id)).find((x) => x.username === username);
        if (!u) throw new AppError("not_found", { public: { username } });
        const { token, view } = await createApiToken({ pool: db.pool }, { orgId: org.id, userId: u.id, name, scopes: o.scope, days: o.days, actor: CLI_ACTOR() });
        process.stdout.write(`${token}\n(id ${view.id}, giltig till / expires ${view.expiresAt})\n`);
      });
    });

  program
    .command("audit")
    .description("Granskningsloggen / the audit trail")
    .command("verify")
    .description("Kontrollera hashkedjan; exit 1 vid brott / verify the hash chain, exit 1 on a break")
    .option("--org <slug>", "bara en organisation / one organisation only")
    .option("--json", "JSON output")
    .action(async (o: { org?: string; json?: boolean }) => {
      const broken = await withDb(async (db) => {
        const orgs = o.org ? [await pickOrg(db, o.org)] : await listOrganisations(db.pool);
        let anyBroken = false;
        for (const org of orgs) {
          const bar = o.json || !process.stderr.isTTY ? undefined : new cliProgress.SingleBar({ format: `${org.slug} [{bar}] {value}/{total}` }, cliProgress.Presets.shades_classic);
          let started = false;
          const report = await verifyAuditChain(db.pool, org.id, (n, total) => {
            if (!bar) return;
            if (!started) { bar.start(total, 0); started = true; }
            bar.update(n);
          });
          bar?.stop();
          if (o.json) process.stdout.write(`${JSON.stringify({ org: org.slug, ...report })}\n`);
          else if (report.ok) process.stdout.write(`${org.slug}: ok, ${report.checked} händelser / events\n`);
          else {
            const b = report.firstBreak!;
            process.stdout.write(`${org.slug}: BRUTEN KEDJA / BROKEN CHAIN at seq ${b.seq}: ${b.kind} (expected ${b.expected}, found ${b.actual})\n`);
          }
          anyBroken ||= !report.ok;
        }
        return anyBroken;
      });
      if (broken) process.exitCode = 1;
    });

  program
    .command("demo")
    .description("Demodata / demo data")
    .command("reset")
    .description("Återställ demodata / restore the demo data")
    .action(async () => {
      await withDb(async (db) => {
        const org = (await getOrganisation(db.pool, DEMO_ORGANISATION.slug)) ?? (await pickOrg(db));
        const done = await loadDemoData(db.pool, org.id);
        process.stdout.write(`demo återställd / restored for ${org.slug}: ${done.join(", ") || "(no module data)"}\n`);
      });
    });
}
