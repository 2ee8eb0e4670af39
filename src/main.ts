// CLI entry: `vaxel <command>`. Every subcommand has --help; exit codes are
// documented in README.md (0 ok, 1 failure/violations, 2 bad input/usage).
import { Command } from "commander";
import { registerAnalysisCommands } from "./analysis/cli.ts";

const program = new Command("vaxel")
  .description("Växel — kontaktkatalog, moderering av sociala medier och allmänna handlingar för kommuner")
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerAnalysisCommands(program);

await program.parseAsync(process.argv);
