import { Command, Option } from "commander";
import { stringify } from "csv-stringify/sync";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { suggestNotes, type Suggestion } from "../learn/suggest.ts";
import type { NotesFormat } from "../notes/formats.ts";
import type { NotesOptions } from "../notes/parse.ts";
import type { LanguageOption } from "../text/language.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { printDiagnostics, type CliIO } from "./io.ts";
import { inputFormatOption, readCodebookInput, readModelInput, readNotesInputs } from "./load-inputs.ts";
import { DEFAULT_CODEBOOK, delimiter, integerIn } from "./options.ts";
import { emit } from "./output.ts";

/** Options of `kodebok suggest`. */
export interface SuggestCommandOptions {
  codebook: string;
  model: string;
  count: number;
  coder?: string;
  combine: "both" | "model";
  out?: string;
  language: LanguageOption;
  textColumn?: string;
  delimiter?: string;
  inputFormat?: NotesFormat;
}

const EXAMPLES = `
Examples:
  $ kodebok suggest survey.csv --model model.json --count 30 --out to-code.csv
  $ kodebok learn survey.csv --codings codings.csv --codings to-code.csv --out model.json

The CSV has one row per note to code, least sure first: the note's fields, what the model is
unsure about (code, probability, threshold), the codes it gives now, and an empty codes:<coder>
column. Fill in the codes (separated by ;), leave the cell empty where no code applies, delete
the rows you do not code, and give the file back to kodebok learn with --codings.
`;

/**
 * Registers `kodebok suggest` on the program.
 *
 * @param program the `kodebok` command
 * @param io the process's IO
 * @param setExit receives the command's exit code
 * @returns nothing; the command is added to `program`
 * @example
 * ```ts
 * registerSuggestCommand(program, processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function registerSuggestCommand(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command("suggest")
    .summary("the notes to code by hand next, as a CSV (uncertainty sampling)")
    .description("List the notes a model is least sure of (its probability nearest a threshold), as a CSV to code in a spreadsheet and give back to kodebok learn: coding them helps the model most.")
    .argument("<notes...>", "notes files not yet hand-coded (the model's training notes are skipped)")
    .requiredOption("-m, --model <file>", "the model (kodebok learn --out)")
    .option("-c, --codebook <name|file>", "the codebook the model was trained for", DEFAULT_CODEBOOK)
    .option("-n, --count <n>", "how many notes", integerIn(1, 100_000), 20)
    .option("--coder <name>", "the coder column to fill (default: the model's training coder, else you)")
    .addOption(new Option("--combine <way>", "the way of combining the suggestions are for").choices(["both", "model"]).default("both"))
    .option("-o, --out <file>", "write the CSV to this file (atomically) instead of stdout")
    .addOption(new Option("-l, --language <language>", "the notes' language").choices(["nb", "nn", "en", "auto"]).default("auto"))
    .option("--text-column <name>", "the column holding the note text")
    .option("--delimiter <char>", "CSV delimiter of the notes (default: detected)", delimiter)
    .addOption(inputFormatOption())
    .addHelpText("after", EXAMPLES)
    .action(async (notes: string[], options: SuggestCommandOptions) => setExit(await runSuggest(notes, options, io)));
}

/**
 * The `suggest` command: read notes, codebook and model; rank the notes by the model's doubt; write the CSV.
 *
 * @param files the notes files
 * @param options codebook, model, count, coder column, output
 * @param io the process's IO
 * @returns exit code 0
 * @throws CliError (exit 2) on input errors
 * @example
 * ```ts
 * await runSuggest(["survey.csv"], { codebook: "natland-2021", model: "model.json", count: 20, combine: "both", language: "auto" }, processIO());
 * ```
 */
export async function runSuggest(files: string[], options: SuggestCommandOptions, io: CliIO): Promise<ExitCode> {
  const { codebook, path } = await readCodebookInput(options.codebook, io.cwd);
  const model = await readModelInput(options.model, codebook, io.cwd);
  const notesOptions: NotesOptions = {};
  if (options.delimiter) notesOptions.delimiter = options.delimiter;
  if (options.textColumn) notesOptions.columns = { text: options.textColumn };
  if (options.inputFormat) notesOptions.format = options.inputFormat;
  const loaded = await readNotesInputs(files, notesOptions, io);
  printDiagnostics(io, loaded.diagnostics);
  if (!loaded.ok || hasErrors(loaded.diagnostics)) throw new CliError("Cannot load the notes");
  let suggestions: Suggestion[];
  try {
    suggestions = suggestNotes(loaded.value.notes, codebook, model, { count: options.count, combine: options.combine, language: options.language });
  } catch (error) {
    if (error instanceof KodebokError) throw new CliError("Cannot suggest notes", error.diagnostics);
    throw error;
  }
  const coder = options.coder ?? model.training.coder ?? "you";
  await emit(io, suggestionsCsv(suggestions, coder), options.out, [...files.filter((f) => f !== "-"), options.model, ...(path ? [path] : [])]);
  return EXIT.ok;
}

/**
 * Suggestions as a CSV to code in a spreadsheet (UTF-8 with a byte order mark, so Excel shows
 * æ, ø and å): `id, text, seminar, group, participant, question, source, language`, then
 * `unsure_code, probability, threshold, model_codes`, and an empty `codes:<coder>` column.
 *
 * @param suggestions from `suggestNotes`
 * @param coder the name of the column's coder
 * @returns the CSV text
 * @example
 * ```ts
 * suggestionsCsv(suggestNotes(notes, codebook, model), "anna").split("\r\n")[0]; // "\uFEFFid,text,...,codes:anna"
 * ```
 */
export function suggestionsCsv(suggestions: readonly Suggestion[], coder: string): string {
  const header = ["id", "text", "seminar", "group", "participant", "question", "source", "language", "unsure_code", "probability", "threshold", "model_codes", `codes:${coder}`];
  const rows = suggestions.map((s) => [
    s.note.id, s.note.text, s.note.seminar ?? "", s.note.group ?? "", s.note.participant ?? "", s.note.question ?? "", s.note.source ?? "", s.note.language ?? "",
    s.code, s.probability.toFixed(3), s.threshold.toFixed(2), s.codes.join(";"), "",
  ]);
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: "\r\n" })}`;
}
