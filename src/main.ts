// CLI entry: `vaxel <command>`. Every subcommand has --help. Exit codes:
// 0 ok, 1 failure (or violations found), 2 bad input or usage.
import { Command } from "commander";
import { registerAnalysisCommands } from "./analysis/cli.ts";
import { registerDirectoryCommands } from "./directory/cli.ts";
import { registerChannelsCommands } from "./channels/cli.ts";
import { registerModerationCommands } from "./moderation/cli.ts";
import { registerPlatformCommands } from "./platform/cli.ts";
import { registerRecordsCommands } from "./records/cli.ts";
import { registerRecordsArchiveCommands } from "./records/archive-cli.ts";
import { formatCliError } from "./platform/errors.ts";

const program = new Command("vaxel")
  .description("Växel — kontaktkatalog, moderering av sociala medier och allmänna handlingar för kommuner")
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerPlatformCommands(program);
registerAnalysisCommands(program);
registerDirectoryCommands(program);
registerChannelsCommands(program);
registerModerationCommands(program);
registerRecordsCommands(program);
registerRecordsArchiveCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`${formatCliError(e)}\n`);
  process.exit(1);
}
