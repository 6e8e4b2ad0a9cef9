import { Command, Option } from "commander";
import { checkDataset } from "../check/check-dataset.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import type { NotesFormat } from "../notes/formats.ts";
import { checkReportToGithub } from "../check/check-report-github.ts";
import { checkReportToJunit } from "../check/check-report-junit.ts";
import { checkReportToText, verdict } from "../check/check-report-text.ts";
import type { CheckReport } from "../check/check-report.ts";
import type { LanguageOption } from "../text/language.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";
import { colourEnabled, printDiagnostics, style, type CliIO } from "./io.ts";
import { inputFormatOption, readCodebookInput, readDatasetFiles } from "./load-inputs.ts";
import { delimiter, numberIn, languageOption } from "./options.ts";
import { emit } from "./output.ts";

/** The reporters of `kodebok check`. */
export const CHECK_REPORTERS = ["text", "json", "github", "junit"] as const;
export type CheckReporter = (typeof CHECK_REPORTERS)[number];

/** Options of `kodebok check`. */
export interface CheckCommandOptions {
  codebook: string;
  minAlpha: number;
  warnAlpha: number;
  minKappa?: number;
  againstAuto?: boolean;
  maxUncoded: number;
  language: LanguageOption;
  personalData: boolean;
  reporter: CheckReporter;
  out?: string;
  textColumn?: string;
  delimiter?: string;
  inputFormat?: NotesFormat;
  verbose?: boolean;
}

const EXAMPLES = `
Examples:
  $ kodebok check data/seminar.csv --codebook codebook.yaml
  $ kodebok check data/notes.csv data/codings.csv --codebook natland-2021 --min-alpha 0.7 --against-auto
  $ kodebok check data/*.csv --codebook codebook.yaml --reporter github
  $ kodebok check data/*.csv --codebook codebook.yaml --reporter junit --out kodebok-junit.xml

Exit codes: 0 the check passed, 1 it failed (an error finding), 2 a usage or input error
(a dataset file or the codebook cannot be read).
`;

/**
 * Registers `kodebok check` on the program.
 *
 * @param program the `kodebok` command
 * @param io the process's IO
 * @param setExit receives the command's exit code
 * @returns nothing; the command is added to `program`
 * @example
 * ```ts
 * registerCheckCommand(program, processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function registerCheckCommand(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command("check")
    .summary("check a coded dataset against a codebook (the CI gate)")
    .description(
      "Check a coded dataset against a codebook: the schema of every file, duplicate ids, empty texts, codes not in the codebook, codes on notes in a language the codebook does not cover, agreement between coders per code and overall, optionally against kodebok's own coding, the share of uncoded notes, and personal data in texts. A dataset is notes files with codes:<coder> columns and/or long-form codings files (note_id, coder, code).",
    )
    .argument("<dataset...>", "notes files with codes:<coder> columns, and/or long-form codings files")
    .requiredOption("-c, --codebook <name|file>", "a bundled codebook name or a codebook file")
    .option("--min-alpha <x>", "fail when Krippendorff's alpha is below this", numberIn(-1, 1), 0.667)
    .option("--warn-alpha <x>", "warn when Krippendorff's alpha is below this", numberIn(-1, 1), 0.8)
    .option("--min-kappa <x>", "fail when kappa (Cohen's; Fleiss' for more than two coders) is below this (default: none)", numberIn(-1, 1))
    .option("--against-auto", "also compare each coder with kodebok's own coding")
    .option("--max-uncoded <share>", "fail when a coder left more than this share of notes uncoded", numberIn(0, 1), 0.2)
    .addOption(languageOption("the notes' language"))
    .option("--no-personal-data", "do not look for personal data in the texts")
    .addOption(new Option("-r, --reporter <reporter>", "how to report").choices([...CHECK_REPORTERS]).default("text"))
    .option("-o, --out <file>", "write the report to this file (atomically) instead of stdout")
    .option("--text-column <name>", "the column holding the note text")
    .option("--delimiter <char>", "CSV delimiter (default: detected)", delimiter)
    .addOption(inputFormatOption())
    .option("-v, --verbose", "also print informational findings")
    .addHelpText("after", EXAMPLES)
    .action(async (dataset: string[], options: CheckCommandOptions) => {
      setExit(await runCheck(dataset, options, io));
    });
}

/**
 * The `check` command: read the codebook and the dataset's files (an unreadable one is an input
 * error), run `checkDataset`, report.
 *
 * @param dataset the dataset's files
 * @param options thresholds, reporter, output
 * @param io the process's IO
 * @returns 0 when the check passed, 1 when a finding is an error
 * @throws CliError (exit 2) when a file or the codebook cannot be read
 * @example
 * ```ts
 * const code = await runCheck(["data/seminar.csv"], { ...defaults, codebook: "codebook.yaml", reporter: "github" }, processIO());
 * ```
 */
export async function runCheck(dataset: string[], options: CheckCommandOptions, io: CliIO): Promise<ExitCode> {
  const { codebook, files: codebookFiles } = await readCodebookInput(options.codebook, io.cwd);
  // A file that cannot be read is an input error (exit 2), but the others are still checked, so
  // that one run reports every problem.
  const files = await readDatasetFiles(dataset, io);
  const unreadable = files.some((f) => hasErrors(f.diagnostics ?? []));
  const report = checkDataset(files, codebook, {
    minAlpha: options.minAlpha,
    warnAlpha: options.warnAlpha,
    ...(options.minKappa !== undefined ? { minKappa: options.minKappa } : {}),
    againstAuto: options.againstAuto ?? false,
    maxUncoded: options.maxUncoded,
    language: options.language,
    personalData: options.personalData,
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.textColumn ? { textColumn: options.textColumn } : {}),
    ...(options.inputFormat ? { format: options.inputFormat } : {}),
  });
  const inputs = [...dataset.filter((f) => f !== "-"), ...codebookFiles];
  if (options.reporter === "text") {
    // Findings are diagnostics: stderr, `file:line:column: message [code]`; the tables go to stdout.
    printDiagnostics(io, report.findings, { verbose: options.verbose ?? false });
    const text = checkReportToText(report, { findings: false });
    const painted = options.out === undefined ? paintVerdict(text, report, colourEnabled(io, "stdout")) : text;
    await emit(io, painted, options.out, inputs);
  } else {
    await emit(io, renderCheckReport(report, options.reporter), options.out, inputs);
    if (options.out !== undefined) io.stderr(`${verdict(report)}\n`);
  }
  return unreadable ? EXIT.usage : report.ok ? EXIT.ok : EXIT.findings;
}

/**
 * Renders a check report with a reporter.
 *
 * @param report the report
 * @param reporter `json`, `github`, `junit` or `text`
 * @returns the output
 * @example
 * ```ts
 * await writeFile("junit.xml", renderCheckReport(report, "junit"));
 * ```
 */
export function renderCheckReport(report: CheckReport, reporter: CheckReporter): string {
  switch (reporter) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "github":
      return checkReportToGithub(report);
    case "junit":
      return checkReportToJunit(report);
    case "text":
      return checkReportToText(report);
  }
}

function paintVerdict(text: string, report: CheckReport, colour: boolean): string {
  const s = style(colour);
  const line = verdict(report);
  return text.replace(line, report.ok ? s.green(line) : s.red(s.bold(line)));
}
