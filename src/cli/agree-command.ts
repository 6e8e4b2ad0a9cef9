import { Command, Option } from "commander";
import { compareCodingsMany, type AgreementFigures, type Comparison } from "../agreement/compare-codings.ts";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import type { LoadedCodings } from "../codings/loaded-codings.ts";
import { diagnostic, hasErrors } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { codeNotes } from "../match/code-notes.ts";
import type { NotesFormat } from "../notes/formats.ts";
import { codingsFromCodedNotes } from "../agreement/codings-from-coded-notes.ts";
import { resolveDimension } from "../codebook/dimensions.ts";
import type { LanguageOption } from "../text/language.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { colourEnabled, printDiagnostics, style, type CliIO } from "./io.ts";
import { readCodedInputs } from "./coded-inputs.ts";
import { inputFormatOption, readCodebookInput } from "./load-inputs.ts";
import { DEFAULT_CODEBOOK, languageOption } from "./options.ts";
import { emit } from "./output.ts";
import { renderTable } from "./table.ts";

/** Options of `kodebok agree`. */
export interface AgreeCommandOptions {
  codebook: string;
  by: "code" | "category";
  format: "text" | "json";
  out?: string;
  againstAuto?: boolean;
  language: LanguageOption;
  inputFormat?: NotesFormat;
  /** A further dimension of the codebook to compare (`actors`); default the themes. */
  dimension?: string;
}

const EXAMPLES = `
Examples:
  $ kodebok agree fixtures/check/good-seminar.csv --codebook fixtures/check/codebook.yaml
  $ kodebok agree fixtures/seminars/city-seminar.csv --against-auto
  $ kodebok agree notes.csv codings.csv --codebook ./codebook.yaml --by category
  $ kodebok agree double-coded.csv --format json --out agreement.json
  $ kodebok agree ../shared/gold/notes.csv ../shared/gold/actors.csv --dimension actors --against-auto

Inputs: notes files with codes:<coder> columns (every coder saw every note of the file), and/or
codings files in long form (note_id, coder, code; a row with an empty code: seen, not coded) or
wide form (note_id plus one column per coder).
`;

/**
 * Registers `kodebok agree` on the program.
 *
 * @param program the `kodebok` command
 * @param io the process's IO
 * @param setExit receives the command's exit code
 * @returns nothing; the command is added to `program`
 * @example
 * ```ts
 * registerAgreeCommand(program, processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function registerAgreeCommand(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command("agree")
    .summary("agreement between coders, per code or category")
    .description(
      "Print the agreement table between coders, per code (or category) and overall: notes compared, each coder's count, percent agreement, Cohen's kappa (Fleiss' for more than two coders) and Krippendorff's alpha with 95% bootstrap intervals.",
    )
    .argument("<codings...>", "notes files with codes:<coder> columns, and/or codings files (long or wide form)")
    .option("-c, --codebook <name|file>", "a bundled codebook name or a codebook file", DEFAULT_CODEBOOK)
    .addOption(new Option("--by <level>", "agreement per code or per category").choices(["code", "category"]).default("code"))
    .option("--against-auto", "also compare each coder with kodebok's own coding (needs notes files)")
    .option("--dimension <id>", "compare the codes of this dimension of the codebook (actors) instead of the themes")
    .addOption(languageOption("the notes' language, for --against-auto"))
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("-o, --out <file>", "write to this file (atomically) instead of stdout")
    .addOption(inputFormatOption())
    .addHelpText("after", EXAMPLES)
    .action(async (codings: string[], options: AgreeCommandOptions) => setExit(await runAgree(codings, options, io)));
}

/**
 * The `agree` command: read the codings, compare the coders with `compareCodingsMany`, print the table.
 *
 * @param files notes files with `codes:<coder>` columns and/or codings files
 * @param options codebook, level, format, output
 * @param io the process's IO
 * @returns exit code 0
 * @throws CliError (exit 2) when the inputs cannot be read or hold fewer than two coders
 * @example
 * ```ts
 * await runAgree(["double-coded.csv"], { codebook: "natland-2021", by: "code", format: "text", language: "auto" }, processIO());
 * ```
 */
export async function runAgree(files: string[], options: AgreeCommandOptions, io: CliIO): Promise<ExitCode> {
  const { codebook, files: codebookFiles } = await readCodebookInput(options.codebook, io.cwd);
  const { notes, codings, seen, diagnostics } = await readCodedInputs(files, codebook, io, options.inputFormat ? { format: options.inputFormat } : {});
  printDiagnostics(io, diagnostics);
  if (hasErrors(diagnostics)) throw new CliError("Cannot read the codings");
  const humans = [...seen.keys()];
  const comparisons: Comparison[] = [];
  const compare = (sides: LoadedCodings[]) => {
    try {
      comparisons.push(compareCodingsMany(sides, { codebook, notes: notes.map((n) => ({ id: n.id, text: n.text })), ...(options.dimension ? { dimension: options.dimension } : {}) }));
    } catch (error) {
      if (error instanceof KodebokError) throw new CliError("Cannot compare the codings", error.diagnostics);
      throw error;
    }
  };
  const side = (coder: string, list: readonly Coding[], saw: Iterable<string>): LoadedCodings => ({
    form: "long",
    coders: [coder],
    notes: [...saw],
    codings: list.filter((c) => c.coder === coder),
    seen: [{ coder, notes: [...saw] }],
  });
  if (humans.length >= 2) compare(humans.map((h) => side(h, codings, seen.get(h)!)));
  if (options.againstAuto) {
    if (notes.length === 0) throw new CliError("--against-auto needs notes files (with texts) among the inputs");
    if (humans.includes("kodebok")) {
      throw new CliError('A human coder is named "kodebok"', [
        diagnostic({
          code: "coder-name-reserved",
          severity: "error",
          reason: 'Cannot compare with --against-auto: a human coder is named "kodebok", the name of kodebok\'s own coding',
          note: "Rename the coder (the column codes:kodebok, or the coder field of the codings file).",
          source: "kodebok:cli",
        }),
      ]);
    }
    const dimension = options.dimension === undefined ? undefined : resolveDimension((codebook.dimensions ?? []).map((d) => d.id), options.dimension);
    const auto = codingsFromCodedNotes(codeNotes(notes, codebook, { language: options.language }), "kodebok", dimension);
    for (const h of humans) compare([side(h, codings, seen.get(h)!), side("kodebok", auto, notes.map((n) => n.id))]);
  }
  if (comparisons.length === 0) {
    throw new CliError(
      humans.length === 0 ? "The inputs hold no codings (codes:<coder> columns or a codings file)" : `Only one coder ("${humans[0]}"): nothing to compare; add a second coder or use --against-auto`,
    );
  }
  const inputs = [...files, ...codebookFiles];
  if (options.format === "json") {
    await emit(io, `${JSON.stringify(comparisons.length === 1 ? comparisons[0] : comparisons, null, 2)}\n`, options.out, inputs);
  } else {
    const s = style(options.out === undefined && colourEnabled(io, "stdout"));
    await emit(io, comparisons.map((c) => comparisonToText(c, codebook, options.by, s)).join("\n"), options.out, inputs);
  }
  return EXIT.ok;
}

/**
 * One comparison as a table: a row per code (or category) and the overall row, with the notes
 * compared, each coder's count, percent agreement, kappa and alpha with their intervals.
 *
 * @param c the comparison from `compareCodingsMany`
 * @param codebook the codebook compared under
 * @param by rows per code or per category
 * @param s styles (colour or plain)
 * @returns the text, ending with a newline
 * @example
 * ```ts
 * process.stdout.write(comparisonToText(compareCodingsMany([loaded], { codebook }), codebook, "code", style(false)));
 * ```
 */
export function comparisonToText(c: Comparison, codebook: Codebook, by: "code" | "category", s: ReturnType<typeof style>): string {
  const out: string[] = [];
  out.push(s.bold(`${c.coders.join(" × ")}`) + `${c.dimension === undefined ? "" : ` on ${c.dimension}`} — ${c.universe.notes.length} notes compared (${c.kappa === "cohen" ? "Cohen's" : "Fleiss'"} kappa, Krippendorff's alpha nominal; 95% bootstrap intervals)`);
  const rowOf = (id: string, f: AgreementFigures): string[] => [
    id,
    String(f.units),
    ...c.coders.map((coder) => String(f.applied[coder] ?? 0)),
    Number.isFinite(f.percentAgreement) ? `${(f.percentAgreement * 100).toFixed(1)}%` : "-",
    num(f.kappa),
    interval(f.kappaInterval),
    num(f.alpha),
    interval(f.alphaInterval),
  ];
  const rows = by === "code" ? c.codes.map((x) => rowOf(x.code, x)) : c.categories.map((x) => rowOf(x.category, x));
  rows.push(rowOf("overall", c.overall));
  const header = [by, "units", ...c.coders, "agree", "kappa", "95% CI", "alpha", "95% CI"];
  const table = renderTable(header, rows, ["left", "right", ...c.coders.map(() => "right" as const), "right", "right", "left", "right", "left"]);
  out.push(...table.map((l, i) => (i === 0 || i === table.length - 1 ? s.bold(l) : l)));
  if (c.oneSided.length > 0) out.push(s.yellow(`${c.oneSided.length} notes were seen by only some coders and are left out`));
  void codebook;
  return `${out.join("\n")}\n`;
}

function num(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : "-";
}

function interval(i: { lower: number; upper: number } | undefined): string {
  return i && Number.isFinite(i.lower) && Number.isFinite(i.upper) ? `[${i.lower.toFixed(2)}, ${i.upper.toFixed(2)}]` : "";
}
