// `vaxel records …`: the captured public records.
import type { Command } from "commander";
import { pickOrganisation, withCliDb } from "../channels/cli-support.ts";
import { listCapturedItems, verifyCaptureChain } from "./capture/index.ts";

export function registerRecordsCommands(program: Command): void {
  const records = program.command("records").description("Allmänna handlingar / public records");

  records
    .command("list")
    .description("Inhämtade poster med alla versioner / captured items with every version")
    .option("--org <slug>", "organisation")
    .option("--platform <platform>", "bara en plattform / one platform only")
    .option("--channel <id>", "bara en kanal / one channel only")
    .option("--json", "JSONL: ett objekt per rad / one object per line")
    .action(async (o: { org?: string; platform?: string; channel?: string; json?: boolean }) => {
      await withCliDb(async (db) => {
        const org = await pickOrganisation(db, o.org);
        for (let offset = 0; ; offset += 1000) {
          const items = await listCapturedItems(db.pool, { orgId: org.id, ...(o.platform ? { platform: o.platform } : {}), ...(o.channel ? { channelId: o.channel } : {}), limit: 1000, offset });
          for (const i of items) {
            process.stdout.write(o.json
              ? `${JSON.stringify(i)}\n`
              : `${i.firstCapturedAt}  ${i.platform.padEnd(9)} ${i.platformItemId.padEnd(24)} ${i.removed ? "[borttagen] " : ""}${i.hidden ? "[dold] " : ""}${(i.text ?? "").replace(/\s+/g, " ").slice(0, 80)}\n`);
          }
          if (items.length < 1000) break;
        }
      });
    });

  records
    .command("verify-capture")
    .description("Kontrollera kanalernas hashkedjor; exit 1 vid brott / verify the capture chains, exit 1 on a break")
    .option("--org <slug>", "organisation")
    .option("--json", "JSON output")
    .action(async (o: { org?: string; json?: boolean }) => {
      const broken = await withCliDb(async (db) => {
        const org = await pickOrganisation(db, o.org);
        const chans = await db.pool.query<{ id: string; name: string }>("select id, name from channels where org_id = $1 order by name", [org.id]);
        let bad = false;
        for (const c of chans.rows) {
          const r = await verifyCaptureChain(db.pool, org.id, c.id);
          bad ||= !r.ok;
          process.stdout.write(o.json ? `${JSON.stringify({ channel: c.name, ...r })}\n`
            : r.ok ? `${c.name}: ok, ${r.checked} versioner / versions\n` : `${c.name}: BRUTEN KEDJA / BROKEN CHAIN at seq ${r.firstBreak!.seq}: ${r.firstBreak!.kind}\n`);
        }
        return bad;
      });
      if (broken) process.exitCode = 1;
    });
}
