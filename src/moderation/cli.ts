// `vaxel moderation …`: the open queue for scripts.
import type { Command } from "commander";
import { CLI_ACTOR, pickOrganisation, withCliDb } from "../channels/cli-support.ts";
import type { QueueView } from "./domain/state.ts";
import { presentEntry } from "./presenter.ts";
import { applyAutomaticActions } from "./use-cases/apply-automatic-actions.ts";
import { listQueue } from "./use-cases/list-queue.ts";
import { auditUnmaskedRead } from "./use-cases/audit-unmasked-read.ts";

export function registerModerationCommands(program: Command): void {
  const mod = program.command("moderation").description("Moderering / moderation");
  mod
    .command("queue")
    .description("Den öppna kön, allvarligast och äldst först / the open queue, most severe and oldest first")
    .option("--org <slug>", "organisation")
    .option("--view <view>", "needs_review | auto_hidden | escalated | pending_confirmation")
    .option("--channel <id>", "bara en kanal / one channel only")
    .option("--category <id>", "bara en kategori / one category only")
    .option("--limit <n>", "högst så många (standard: alla) / at most this many (default: all)", (v) => Number(v))
    .option("--json", "JSONL: ett objekt per rad (objekt, text, träffar med kategori, regel och rättslig grund, läge) / one object per line")
    .action(async (o: { org?: string; view?: QueueView; channel?: string; category?: string; limit?: number; json?: boolean }) => {
      await withCliDb(async (db) => {
        const org = await pickOrganisation(db, o.org);
        // Keyset pages of 1,000 until the queue (or --limit) ends: no cap on a flood.
        let left = o.limit ?? Infinity;
        let after: string | undefined;
        do {
          const page = await listQueue(db.pool, org.id, { view: o.view, channelId: o.channel, category: o.category, limit: Math.min(1000, left), after });
          left -= page.entries.length;
          after = page.next ?? undefined;
          // The text goes out unmasked: personal data printed here is audited like on the item page.
          await auditUnmaskedRead(db.pool, { orgId: org.id, actor: CLI_ACTOR, via: "cli_queue", items: page.entries.map((e) => ({ id: e.item.id, findings: e.analysis?.findings ?? [] })) });
          print(page.entries);
        } while (after && left > 0);
      });
      function print(entries: Awaited<ReturnType<typeof listQueue>>["entries"]) {
        for (const e of entries) {
          const j = presentEntry(e);
          process.stdout.write(o.json
            ? `${JSON.stringify(j)}\n`
            : `${j.item.capturedAt}  ${j.state.view.padEnd(20)} ${j.findings.map((f) => `${f.category}/${f.legalBasis}`).join(",").padEnd(30)} ${(j.text ?? "").replace(/\s+/g, " ").slice(0, 70)}\n`);
        }
      }
    });
  mod
    .command("auto")
    .description("Kör sidreglernas automatiska åtgärder nu / run the page rules' automatic actions now")
    .action(async () => {
      await withCliDb(async (db, { cfg }) => {
        const out = await applyAutomaticActions(db.pool, { publicUrl: cfg.publicUrl });
        process.stdout.write(`${out.length}\n`);
      });
    });
}
