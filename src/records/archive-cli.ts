// `vaxel records verify | checkpoint | …`: the archive side of the records
// commands. Registered on the `records` command that records/cli.ts creates.
import type { Command } from "commander";
import { pickOrganisation, withCliDb } from "../channels/cli-support.ts";
import { recordCheckpoints } from "./archive/checkpoints.ts";
import { verifyRecords, type VerifyReport } from "./archive/verify-records.ts";

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
}
