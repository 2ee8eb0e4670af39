// `vaxel directory …`: import (HSDS 3.0 JSON or the CSV template, all or
// nothing, exit 1 on any violation), export as HSDS, the CSV template, and
// review reminders. Attaches to the database of a running server like the
// platform commands do.
import fs from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config.ts";
import { migrate } from "../platform/db/migrate.ts";
import { openDatabase, type Database } from "../platform/db/open-database.ts";
import { AppError } from "../platform/errors.ts";
import { getOrganisation, listOrganisations, type Organisation } from "../platform/tenancy.ts";
import type { DirectoryDeps, WriteContext } from "./use-cases/context.ts";
import type { ImportFormat } from "./use-cases/import-directory.ts";

// The directory's heavier modules (domain calendars, HSDS, mail) load when a
// command runs, so `vaxel --help` and other commands do not pay for them.
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
  const cfg = loadConfig();
  const org = slug ? await getOrganisation(db.pool, slug) : ((await getOrganisation(db.pool, cfg.orgSlug)) ?? (await listOrganisations(db.pool))[0]);
  if (!org) throw new AppError("not_found", { public: { organisation: slug ?? "(none — run vaxel serve once)" } });
  return org;
}

function cliContext(orgId: string): WriteContext {
  return { orgId, actor: { id: null, label: "cli" } };
}

function deps(db: Database): DirectoryDeps {
  return { pool: db.pool, now: () => new Date() };
}

export function registerDirectoryCommands(program: Command): void {
  const dir = program.command("directory").description("Kontaktkatalogen / the directory (serviceguide)");

  dir
    .command("import <file>")
    .description("Importera HSDS 3.0-JSON eller CSV-mallen; inget importeras om någon rad bryter mot principerna (exit 1) / import HSDS JSON or the CSV template, all or nothing")
    .option("--dry-run", "kontrollera bara / check only, write nothing")
    .option("--format <format>", "hsds | csv (default: from the file extension)")
    .option("--org <slug>", "organisation")
    .action(async (file: string, o: { dryRun?: boolean; format?: string; org?: string }) => {
      const format = (o.format ?? (path.extname(file).toLowerCase() === ".csv" ? "csv" : "hsds")) as ImportFormat;
      if (format !== "hsds" && format !== "csv") throw new AppError("validation_failed", { public: { format: o.format } });
      const text = await fs.readFile(file, "utf8");
      const { importDirectory } = await import("./use-cases/import-directory.ts");
      const r = await withDb(async (db) => {
        const org = await pickOrg(db, o.org);
        return importDirectory(deps(db), cliContext(org.id), { format, text, dryRun: o.dryRun === true });
      });
      for (const v of r.violations) process.stdout.write(`${v.ref}  ${v.ruleId}  ${v.message_sv}${v.path ? ` (${v.path})` : ""}\n`);
      const summary = `${r.counts.units} enheter, ${r.counts.contactPoints} kontaktvägar, ${r.counts.services} tjänster, ${r.counts.externalActors} externa aktörer`;
      if (r.violations.length > 0) {
        process.stderr.write(`${r.violations.length} fel: inget importerades / ${r.violations.length} violations: nothing imported\n`);
        process.exitCode = 1;
      } else if (o.dryRun) process.stdout.write(`inga fel / no violations; skulle importera / would import: ${summary}\n`);
      else process.stdout.write(`importerat och publicerat / imported and published: ${summary}\n`);
    });

  dir
    .command("export")
    .description("Exportera den publicerade katalogen / export the published directory")
    .option("--format <format>", "hsds", "hsds")
    .option("--org <slug>", "organisation")
    .option("-o, --out <file>", "skriv till fil / write to a file (default stdout)")
    .action(async (o: { format: string; org?: string; out?: string }) => {
      if (o.format !== "hsds") throw new AppError("validation_failed", { public: { format: o.format, allowed: ["hsds"] } });
      const { defaultExportWindow, toHsdsDocument } = await import("./domain/index.ts");
      const { loadSnapshot } = await import("./store/versions.ts");
      const json = await withDb(async (db) => {
        const org = await pickOrg(db, o.org);
        const snap = await loadSnapshot(db.pool, org.id, { mode: "live" });
        return JSON.stringify(toHsdsDocument(snap, defaultExportWindow(new Date(), snap.org.timeZone)), null, 2);
      });
      if (o.out) await fs.writeFile(o.out, `${json}\n`);
      else process.stdout.write(`${json}\n`);
    });

  dir
    .command("template")
    .description("Skriv ut CSV-mallen för import / print the CSV import template")
    .action(async () => {
      const { CSV_TEMPLATE } = await import("./import/csv.ts");
      process.stdout.write(CSV_TEMPLATE);
    });

  dir
    .command("remind")
    .description("Skicka granskningspåminnelser till kontaktansvariga / e-mail review reminders to contact owners")
    .option("--org <slug>", "organisation")
    .option("--dry-run", "visa bara vem som skulle få e-post / list recipients only")
    .action(async (o: { org?: string; dryRun?: boolean }) => {
      const cfg = loadConfig();
      const { sendReviewReminders } = await import("./reminders/send-reminders.ts");
      await withDb(async (db) => {
        const orgs = o.org ? [await pickOrg(db, o.org)] : await listOrganisations(db.pool);
        for (const org of orgs) {
          const r = await sendReviewReminders({ pool: db.pool, cfg, now: new Date() }, { orgId: org.id, dryRun: o.dryRun === true });
          for (const m of r.messages) process.stdout.write(`${org.slug}: ${m.to.join(", ")}: ${m.items} kontaktvägar${r.sent ? "" : " (ej skickat / not sent)"}\n`);
          if (r.messages.length === 0) process.stdout.write(`${org.slug}: inget att påminna om / nothing due\n`);
        }
      });
    });
}
