import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { KodebokError } from "../diagnostics/result.ts";
import { registerAgreeCommand } from "./agree-command.ts";
import { registerCheckCommand } from "./check-command.ts";
import { registerCodeCommand } from "./code-command.ts";
import { registerCodebookCommand } from "./codebook-command.ts";
import { registerLearnCommand } from "./learn-command.ts";
import { registerSuggestCommand } from "./suggest-command.ts";
import { registerRefiCommands } from "./refi-commands.ts";
import { registerRefineCommand } from "./refine-command.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { colourEnabled, printDiagnostics, style, type CliIO } from "./io.ts";

/**
 * kodebok's version, from its package.json.
 *
 * @returns the version
 * @example
 * ```ts
 * packageVersion(); // "0.1.0"
 * ```
 */
export function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

const EXAMPLES = `
Examples:
  $ kodebok code fixtures/seminars/city-seminar.csv fixtures/seminars/rural-seminar.csv
  $ kodebok check data/seminar.csv --codebook codebook.yaml --reporter github
  $ kodebok agree data/seminar.csv --against-auto
  $ kodebok refine data/coded-sample.csv --coder anna --patch-out refined.yaml
  $ kodebok codebook list
  $ kodebok export fixtures/seminars/city-seminar.csv --format qdpx --out city.qdpx

Exit codes: 0 ok, 1 findings or a failed check, 2 a usage or input error.
Messages: file:line:column: message [code] on stderr. Colour only on a terminal, never with NO_COLOR.
`;

/**
 * Builds the `kodebok` command tree. Commander never exits the process itself: usage errors come
 * back as exit code 2 from {@link runCli}.
 *
 * @param io the process's IO
 * @param setExit receives the exit code of the command that ran
 * @returns the commander program
 * @example
 * ```ts
 * const program = createProgram(processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function createProgram(io: CliIO, setExit: (code: ExitCode) => void): Command {
  const program = new Command("kodebok");
  program
    .description("Transparent, repeatable thematic coding of qualitative text against a versioned codebook.")
    .version(packageVersion(), "-V, --version", "print kodebok's version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(style(colourEnabled(io, "stderr")).red(text)),
    })
    .addHelpText("after", EXAMPLES);
  registerCodeCommand(program, io, setExit);
  registerAgreeCommand(program, io, setExit);
  registerCheckCommand(program, io, setExit);
  registerCodebookCommand(program, io, setExit);
  registerRefineCommand(program, io, setExit);
  registerLearnCommand(program, io, setExit);
  registerSuggestCommand(program, io, setExit);
  registerRefiCommands(program, io, setExit);
  return program;
}

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code.
 *
 * @param argv the arguments, such as `["code", "notes.csv"]`
 * @param io the process's IO
 * @returns 0 ok, 1 findings, 2 usage or input error
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), processIO());
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  let exit: ExitCode = EXIT.ok;
  const program = createProgram(io, (code) => {
    exit = code;
  });
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "exit" with 0; every other commander error is a usage error.
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      if (error.code === "commander.executeSubCommandAsync") return EXIT.ok;
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      printDiagnostics(io, error.diagnostics);
      if (error.diagnostics.length === 0 || !error.diagnostics.some((d) => d.severity === "error")) io.stderr(`kodebok: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof KodebokError) {
      printDiagnostics(io, error.diagnostics);
      return EXIT.usage;
    }
    io.stderr(`kodebok: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}
