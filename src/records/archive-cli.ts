// `vaxel records verify | checkpoint | …`: the archive side of the records
// commands. Registered on the `records` command that records/cli.ts creates.
import type { Command } from "commander";
import { CLI_ACTOR, pickOrganisation, withCliDb } from "../channels/cli-support.ts";
import { AppError } from "../platform/errors.ts";
import { recordCheckpoints } from "./archive/checkpoints.ts";
import { executeDisposal } from "./disposal/execute-disposal.ts";
import { planDisposal } from "./disposal/plan-disposal.ts";
import { getArchiveSettings, setArchiveSettings, type ArchiveSettings } from "./export/archive-settings.ts";
import { exportArchive, runSnapshots } from "./export/export-archive.ts";
import { verifyRecords, type VerifyReport } from "./archive/verify-records.ts";
import { formatPackageVerification, verifyPackage } from "./export/verify-package.ts";

function recordsCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === "records") ?? program.command("records").description("Allmänna handlingar / public records");
}

export function formatVerifyReport(r: VerifyReport): string {
  const lines: string[] = [];
  for (const c of r.chains) {
    if (c.ok) {
      lines.push(`ok      ${c.label}: ${c.checked} länkar / links`);
      continue;
    }
    const b = c.firstBreak!;
    lines.push(`BRUTEN  ${c.label}: första brott vid / first break at seq ${b.seq}: ${b.kind}`);
    lines.push(`        väntat / expected ${b.expected}`);
    lines.push(`        fann / found      ${b.actual}`);
    if (b.detail) lines.push(`        ${JSON.stringify(b.detail)}`);
  }
  lines.push(r.checkpoints.ok
    ? `ok      kontrollpunkter / checkpoints: ${r.checkpoints.checked}`
    : `BRUTEN  kontrollpunkter / checkpoints: seq ${r.checkpoints.firstBreak!.seq}: ${r.checkpoints.firstBreak!.kind}`);
  lines.push(r.ok ? "Arkivet är oförändrat. / The archive is unaltered." : "ARKIVET HAR ÄNDRATS. / THE ARCHIVE HAS BEEN ALTERED.");
  return `${lines.join("\n")}\n`;
}

export function registerRecordsArchiveCommands(program: Command): void {
  const records = recordsCommand(program);

  records
    .command("verify")
    .description("Kontrollera alla hashkedjor och kontrollpunkter; exit 1 vid brott / verify every chain and checkpoint, exit 1 on a break")
    .option("--org <slug>", "organisation")
    .option("--json", "JSON output")
    .action(async (o: { org?: string; json?: boolean }) => {
      const ok = await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        const r = await verifyRecords(db.pool, { orgId: org.id, key });
        process.stdout.write(o.json ? `${JSON.stringify(r)}\n` : formatVerifyReport(r));
        return r.ok;
      });
      if (!ok) process.exitCode = 1;
    });

  records
    .command("checkpoint")
    .description("Spara signerade kontrollpunkter för alla kedjor / record signed checkpoints of every chain")
    .option("--org <slug>", "organisation")
    .action(async (o: { org?: string }) => {
      await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        const r = await recordCheckpoints({ pool: db.pool, key }, { orgId: org.id });
        process.stdout.write(`${r.recorded.length} nya kontrollpunkter / new checkpoints, ${r.unchanged} oförändrade / unchanged\n`);
      });
    });

  const date = (v: string | undefined, name: string): string | null => {
    if (v === undefined) return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new AppError("validation_failed", { public: { field: name, why: "YYYY-MM-DD" } });
    return v;
  };

  records
    .command("export")
    .description("Arkivpaket för e-arkivet (METS.xml med SHA-256, JSON och HTML; E-ARK CSIP/FGS 2.0) / archival package for the e-archive")
    .requiredOption("--out <dir>", "katalog att skriva paketet i / output directory")
    .option("--from <date>", "från och med / from (YYYY-MM-DD)")
    .option("--to <date>", "till och med / to (YYYY-MM-DD)")
    .option("--org <slug>", "organisation")
    .action(async (o: { out: string; from?: string; to?: string; org?: string }) => {
      const from = date(o.from, "from");
      const to = date(o.to, "to");
      const r = await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        return exportArchive({ pool: db.pool, key }, { orgId: org.id, outDir: o.out, from, to, actor: CLI_ACTOR });
      });
      process.stdout.write(`${r.dir}\n${r.items} poster / items, ${r.files.length + 1} filer / files, METS.xml sha256 ${r.metsSha256}\n`);
      if (!r.verified) {
        process.stderr.write("VARNING: arkivets kedjor är brutna, se metadata/preservation/verification.json / WARNING: the archive's chains are broken\n");
        process.exitCode = 1;
      }
    });

  records
    .command("verify-package")
    .description("Kontrollera ett arkivpaket mot dess METS.xml (SHA-256, saknade och extra filer); exit 1 om det inte är intakt / verify an archival package against its METS.xml, exit 1 when not intact")
    .argument("<dir>", "paketets katalog (den med METS.xml) / the package folder (the one holding METS.xml)")
    .option("--json", "JSON output")
    .action((dir: string, o: { json?: boolean }) => {
      const r = verifyPackage(dir);
      process.stdout.write(o.json ? `${JSON.stringify(r)}\n` : formatPackageVerification(r));
      if (!r.ok) process.exitCode = 1;
    });

  records
    .command("archive-settings")
    .description("Organisationsnummer, leveransöverenskommelse och referenskod i arkivpaketen (tom sträng tar bort) / organisation number, submission agreement and reference code in the packages")
    .option("--organisation-number <nr>", "organisationsnummer / organisation number (NNNNNN-NNNN)")
    .option("--submission-agreement <ref>", "leveransöverenskommelse / submission agreement")
    .option("--reference-code <code>", "arkivets referenskod / archival reference code")
    .option("--org <slug>", "organisation")
    .action(async (o: { organisationNumber?: string; submissionAgreement?: string; referenceCode?: string; org?: string }) => {
      const r = await withCliDb(async (db) => {
        const org = await pickOrganisation(db, o.org);
        const fields = Object.fromEntries((["organisationNumber", "submissionAgreement", "referenceCode"] as const)
          .flatMap((k) => o[k] === undefined ? [] : [[k, o[k]]])) as Partial<Record<keyof ArchiveSettings, string>>;
        return Object.keys(fields).length
          ? setArchiveSettings({ pool: db.pool }, { orgId: org.id, actor: CLI_ACTOR, ...fields })
          : getArchiveSettings(db.pool, org.id);
      });
      process.stdout.write(`${JSON.stringify(r)}\n`);
    });

  records
    .command("snapshot")
    .description("Exportera varje avslutad period som saknar ögonblicksbild (standard halvår); kör från cron/systemd-timer / export every completed period without a snapshot")
    .requiredOption("--out <dir>", "katalog / output directory")
    .option("--every-months <n>", "periodens längd i månader / period length in months", "6")
    .option("--org <slug>", "organisation")
    .action(async (o: { out: string; everyMonths: string; org?: string }) => {
      const months = Number(o.everyMonths);
      if (!Number.isInteger(months) || months < 1 || months > 12 || 12 % months !== 0) throw new AppError("validation_failed", { public: { field: "every-months", why: "1, 2, 3, 4, 6 or 12" } });
      const r = await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        return runSnapshots({ pool: db.pool, key }, { orgId: org.id, outDir: o.out, everyMonths: months, actor: CLI_ACTOR });
      });
      for (const x of r) process.stdout.write(`${x.dir} (${x.items})\n`);
      if (r.length === 0) process.stdout.write("Inga nya perioder / no new periods\n");
    });

  records
    .command("dispose")
    .description("Gallring enligt en regel: provkörning som standard, --execute för att gallra / disposal under a rule: dry run unless --execute")
    .requiredOption("--rule <id>", "gallringsregelns id / disposal rule id")
    .option("--execute", "gallra (loggas i gallringsloggen) / dispose (logged in the kept disposal log)")
    .option("--json", "JSON output")
    .option("--org <slug>", "organisation")
    .action(async (o: { rule: string; execute?: boolean; json?: boolean; org?: string }) => {
      if (!/^[0-9a-f-]{36}$/i.test(o.rule)) throw new AppError("validation_failed", { public: { field: "rule" } });
      await withCliDb(async (db) => {
        const org = await pickOrganisation(db, o.org);
        if (!o.execute) {
          const plan = await planDisposal(db.pool, { orgId: org.id, ruleId: o.rule });
          if (o.json) process.stdout.write(`${JSON.stringify(plan)}\n`);
          else {
            for (const c of plan.disposable) process.stdout.write(`gallras / dispose  ${c.occurredAt}  ${c.kind.padEnd(8)} ${c.platformItemId}\n`);
            for (const c of plan.held) process.stdout.write(`bevaras / on hold  ${c.occurredAt}  ${c.kind.padEnd(8)} ${c.platformItemId}\n`);
            process.stdout.write(`${plan.disposable.length} gallras, ${plan.held.length} bevaras (${plan.planReference}, före / before ${plan.cutoff.slice(0, 10)})\n`);
          }
          return;
        }
        const r = await executeDisposal({ pool: db.pool }, { orgId: org.id, ruleId: o.rule, actor: CLI_ACTOR });
        process.stdout.write(o.json ? `${JSON.stringify(r)}\n` : `gallrat / disposed ${r.disposed} (${r.versions} versioner), bevarade / held ${r.held}, körning / run ${r.runId}\n`);
      });
    });
}
