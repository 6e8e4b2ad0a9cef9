import { Command, Option } from "commander";
import { CliError, type ExitCode } from "./exit-codes.ts";
import type { CliIO } from "./io.ts";
import { DEFAULT_CODEBOOK } from "./options.ts";

/** Options of `kodebok agree`. */
export interface AgreeCommandOptions {
  codebook: string;
  by: "code" | "category";
  format: "text" | "json";
  out?: string;
  againstAuto?: boolean;
}

const EXAMPLES = `
Examples:
  $ kodebok agree fixtures/seminars/city-seminar.csv --against-auto
  $ kodebok agree codings-anna.csv codings-bo.csv --codebook ./codebook.yaml
  $ kodebok agree double-coded.csv --by category --format json
`;

/** Registers `kodebok agree` on the program. */
export function registerAgreeCommand(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command("agree")
    .summary("agreement between coders, per code or category")
    .description("Print the agreement table between coders (per code or per category, and overall): percent agreement, Cohen's kappa, Krippendorff's alpha and the notes compared.")
    .argument("<codings...>", "codings files (long form note_id, coder, code; or wide form), or notes files with codes:<coder> columns")
    .option("-c, --codebook <name|file>", "a bundled codebook name or a codebook file", DEFAULT_CODEBOOK)
    .addOption(new Option("--by <level>", "agreement per code or per category").choices(["code", "category"]).default("code"))
    .option("--against-auto", "compare each coder with kodebok's own coding (needs notes files)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("-o, --out <file>", "write to this file (atomically) instead of stdout")
    .addHelpText("after", EXAMPLES)
    .action(async (codings: string[], options: AgreeCommandOptions) => setExit(await runAgree(codings, options, io)));
}

/** The `agree` command. */
export async function runAgree(codings: string[], options: AgreeCommandOptions, io: CliIO): Promise<ExitCode> {
  void codings;
  void options;
  void io;
  // TODO(cli): compareCodings (src/agreement/, issue 3) once it is on main.
  throw new CliError("kodebok agree is not available in this build yet");
}
