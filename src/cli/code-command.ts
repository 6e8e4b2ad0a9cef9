import { Command, InvalidArgumentError, Option } from "commander";
import type { Codebook } from "../codebook/codebook.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { codeNotes, codeNotesStream } from "../match/code-notes.ts";
import type { CodedNote } from "../match/coded-note.ts";
import { compileCodebook } from "../match/compile.ts";
import type { Combine, LearnedModel } from "../learn/model.ts";
import type { Note } from "../notes/note.ts";
import type { NotesFormat } from "../notes/formats.ts";
import type { NotesOptions } from "../notes/parse.ts";
import { rollUp } from "../rollup/roll-up.ts";
import type { AppendixMode } from "../report/html.ts";
import type { Summary } from "../rollup/summary.ts";
import type { LanguageOption } from "../text/language.ts";
import { redact } from "../rollup/redact.ts";
import { detectLanguage } from "../text/detect-language.ts";
import { tokenize } from "../text/tokenize.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { colourEnabled, printDiagnostics, style, type CliIO } from "./io.ts";
import { inputFormatOption, readCodebookInput, readModelInput, readNotesInputs } from "./load-inputs.ts";
import { DEFAULT_CODEBOOK, delimiter, integerIn, languageOption } from "./options.ts";
import { emit } from "./output.ts";
import { progress } from "./progress.ts";
import { renderSummary, SUMMARY_FORMATS, type SummaryFormat } from "./summary-formats.ts";
import { crossTableText } from "./summary-text.ts";
import { resolveDimension } from "../codebook/dimensions.ts";
import { localize } from "../codebook/label.ts";
import { crossTable } from "../rollup/cross-table.ts";
import { REPORT_LABELS } from "../report/labels.ts";

/** Options of `kodebok code`. */
export interface CodeCommandOptions {
  codebook: string;
  language: LanguageOption;
  format: SummaryFormat;
  out?: string;
  quotes: number;
  redact: boolean;
  textColumn?: string;
  delimiter?: string;
  inputFormat?: NotesFormat;
  verbose?: boolean;
  /** Worker threads to code on (0: the main thread). */
  workers?: number;
  /** The HTML report's codebook appendix. */
  appendix?: AppendixMode;
  /** Question texts by id, from `--question id=text` (repeatable). */
  question?: Record<string, string>;
  /** A model file (kodebok learn), or false for rules alone (default: the codebook's own model, if it names one). */
  model?: string | false;
  /** How rules and model combine. */
  combine?: Combine;
  /** Print the theme × actor (or × attribute) table with quotes per cell instead of the roll-up. */
  by?: string;
}

/** Parses one `--question id=text` into the map of question texts. */
function questionText(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = value.indexOf("=");
  if (at <= 0 || at === value.length - 1) {
    throw new InvalidArgumentError(`expected id=text, as in q1="Hva har hjulpet deg mest?", not "${value}"`);
  }
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

const EXAMPLES = `
Examples:
  $ kodebok code fixtures/seminars/city-seminar.csv fixtures/seminars/rural-seminar.csv
  $ kodebok code notes.csv --codebook ./my-codebook.yaml --language nb
  $ kodebok code survey.csv --text-column svar --delimiter ";" --format md --out report.md
  $ kodebok code notes.csv --format json --quotes 5 > summary.json
  $ kodebok code survey.xlsx --text-column svar --format xlsx --out results.xlsx
  $ kodebok code big-survey.csv --text-column svar --workers 2 --format md --out report.md
  $ kodebok code seminar.csv --format html --out report.html --question q1="Hva har hjulpet deg mest?" --appendix full
  $ kodebok code survey.csv --model model.json --format csv --out coded.csv
  $ kodebok code notes.csv --by actor                 # theme × actor: notes (helpful/barrier) and quotes per cell
  $ kodebok code notes.csv --by actor --format html --out actors.html
`;

/**
 * Registers `kodebok code` on the program.
 *
 * @param program the `kodebok` command
 * @param io the process's IO
 * @param setExit receives the command's exit code
 * @returns nothing; the command is added to `program`
 * @example
 * ```ts
 * registerCodeCommand(program, processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function registerCodeCommand(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command("code")
    .summary("code notes against a codebook and print the roll-up")
    .description("Code notes against a codebook and print or write the roll-up: categories and themes with notes, participants, groups, seminars, share, helpful/barrier mentions and quotes.")
    .argument("<notes...>", "notes files (CSV/TSV, JSON, JSONL, Markdown, transcripts); - reads standard input")
    .option("-c, --codebook <name|file>", "a bundled codebook name or a codebook file", DEFAULT_CODEBOOK)
    .addOption(languageOption("the notes' language"))
    .addOption(new Option("-f, --format <format>", "output format").choices([...SUMMARY_FORMATS]).default("text"))
    .option("-o, --out <file>", "write to this file (atomically) instead of stdout")
    .option("-q, --quotes <n>", "quotes per theme (per cell with --by)", integerIn(0, 100), 3)
    .option("--no-redact", "show quotes as written (default: e-mail, phone and national id numbers are masked)")
    .option("--text-column <name>", "the column holding the note text")
    .option("--delimiter <char>", "CSV delimiter (default: detected)", delimiter)
    .addOption(inputFormatOption())
    .option("--by <dimension|attribute>", "print the themes crossed with a dimension of the codebook (actor) or a note attribute (seminar, question, a column), with helpful/barrier and quotes per cell, instead of the roll-up")
    .option("-w, --workers <n>", "code on this many worker threads (0: on the main thread; same result either way)", integerIn(0, 64), 0)
    .option("-m, --model <file>", "also code with a model learned from hand-coded notes (kodebok learn)")
    .option("--no-model", "code with the rules alone, even when the codebook names a model")
    .addOption(new Option("--combine <way>", "with a model: a rule hit codes and the model adds codes (both), the model alone (model), or the rules alone (rules); default: the model's").choices(["both", "model", "rules"]))
    .option("-v, --verbose", "also print informational messages")
    .addOption(new Option("--appendix <size>", "the HTML report's codebook appendix: short (definitions, examples), full (also the search terms), none").choices(["short", "full", "none"]).default("short"))
    .option("--question <id=text>", "the text of a question, shown instead of its id in the tables and charts by question (repeatable)", questionText)
    .addHelpText("after", EXAMPLES)
    .action(async (notes: string[], options: CodeCommandOptions) => {
      setExit(await runCode(notes, options, io));
    });
}

/**
 * The `code` command: load notes and codebook, code, roll up, render, write.
 *
 * @param files the notes files
 * @param options codebook, language, format, output, quotes, redaction, CSV options
 * @param io the process's IO
 * @returns exit code 0
 * @throws CliError (exit 2) on input errors
 * @example
 * ```ts
 * await runCode(["notes.csv"], { codebook: "natland-2021", language: "auto", format: "md", quotes: 3, redact: true, out: "report.md" }, processIO());
 * ```
 */
export async function runCode(files: string[], options: CodeCommandOptions, io: CliIO): Promise<ExitCode> {
  if (options.format === "xlsx" && (options.out === undefined || options.out === "-")) {
    throw new CliError("kodebok code --format xlsx writes a workbook (a ZIP file): name it with --out <file.xlsx>");
  }
  const { codebook, files: codebookFiles } = await readCodebookInput(options.codebook, io.cwd);
  const model = typeof options.model === "string" ? await readModelInput(options.model, codebook, io.cwd) : options.model;
  const notesOptions: NotesOptions = {};
  if (options.delimiter) notesOptions.delimiter = options.delimiter;
  if (options.textColumn) notesOptions.columns = { text: options.textColumn };
  if (options.inputFormat) notesOptions.format = options.inputFormat;
  // Paths are given as typed (relative to the working folder), so messages name them as typed.
  const loaded = await readNotesInputs(files, notesOptions, io);
  printDiagnostics(io, loaded.diagnostics, { verbose: options.verbose ?? false });
  if (!loaded.ok || hasErrors(loaded.diagnostics)) throw new CliError("Cannot load the notes", []);
  if (options.by !== undefined) {
    const output = await renderCrossTable(loaded.value.notes, codebook, options.by, { ...options, model }, io);
    await emit(io, output, options.out, [...files.filter((f) => f !== "-"), ...codebookFiles, ...(typeof options.model === "string" ? [options.model] : [])]);
    return EXIT.ok;
  }
  const { summary, coded } = await codeAndRollUp(loaded.value.notes, codebook, { ...options, model }, io);
  const output = await renderSummary(summary, options.format, {
    coded,
    codebook,
    redact: options.redact,
    colour: options.out === undefined && colourEnabled(io, "stdout"),
    ...(options.appendix ? { appendix: options.appendix } : {}),
    ...(options.question ? { questions: options.question } : {}),
  });
  await emit(io, output, options.out, [...files.filter((f) => f !== "-"), ...codebookFiles, ...(typeof options.model === "string" ? [options.model] : [])]);
  return EXIT.ok;
}


/**
 * Codes the notes in chunks (with a progress bar on a TTY for long runs) and rolls them up, with
 * quotes redacted by the report module's `redact` (e-mail addresses, phone numbers, national identity
 * numbers; names in English text) unless `redact` is false.
 *
 * @param notes the notes
 * @param codebook the codebook
 * @param options language, quotes per code, redaction, worker threads
 * @param io the process's IO (for the progress bar)
 * @returns the roll-up and the coded notes
 * @example
 * ```ts
 * const { summary } = await codeAndRollUp(notes, codebook, { language: "nb", quotes: 3, redact: true, workers: 2 }, processIO());
 * ```
 */
export async function codeAndRollUp(
  notes: Note[],
  codebook: Codebook,
  options: Pick<CodeCommandOptions, "language" | "quotes" | "redact" | "workers" | "combine"> & { model?: LearnedModel | false | undefined },
  io: CliIO,
): Promise<{ summary: Summary; coded: CodedNote[] }> {
  const coded = await codeAll(notes, codebook, options, io);
  const summary = rollUp(coded, codebook, {
    ...(options.language !== "auto" ? { language: options.language } : {}),
    quotesPerCode: options.quotes,
    redact: options.redact ? quoteRedactor(options.language) : false,
    ...(options.model !== undefined ? { model: options.model } : {}),
  });
  return { summary, coded };
}

/** A quote is redacted in the notes' language (given, or detected per quote), for the right tokens. */
function quoteRedactor(language: LanguageOption): (text: string) => string {
  return (text) => {
    const detected = language !== "auto" ? language : detectLanguage(tokenize(text));
    return redact(text, { language: detected === "und" ? "nb" : detected });
  };
}

/**
 * `kodebok code --by`: codes the notes and renders the themes crossed with a dimension of the
 * codebook (`actor`) or a note attribute, with helpful/barrier and quotes per cell, in the format.
 *
 * @param notes the notes
 * @param codebook the codebook
 * @param by the dimension or attribute
 * @param options format, language, quotes per cell, redaction, workers, colour
 * @param io the process's IO
 * @returns the output text
 * @throws CliError (exit 2) when `by` is neither a dimension nor a field or column of the notes
 * @example
 * ```ts
 * await renderCrossTable(notes, codebook, "actor", { format: "md", language: "auto", quotes: 2, redact: true }, processIO());
 * ```
 */
export async function renderCrossTable(
  notes: Note[],
  codebook: Codebook,
  by: string,
  options: Pick<CodeCommandOptions, "format" | "language" | "quotes" | "redact" | "workers" | "out" | "combine"> & { model?: LearnedModel | false | undefined },
  io: CliIO,
): Promise<string | Uint8Array> {
  const dimensions = (codebook.dimensions ?? []).map((d) => d.id);
  const dimension = resolveDimension(dimensions, by);
  const columns = new Set(notes.flatMap((n) => Object.keys(n.attributes ?? {})));
  if (dimension === undefined && !NOTE_FIELDS.includes(by) && !columns.has(by)) {
    const known = [...dimensions.map((d) => `${d} (a dimension)`), ...NOTE_FIELDS, ...[...columns].sort()];
    throw new CliError(`Cannot cross the themes by "${by}": it is neither a dimension of codebook "${codebook.id}" nor a field or column of the notes (${known.join(", ")})`);
  }
  const coded = await codeAll(notes, codebook, options, io);
  const language = options.language === "en" ? "en" : options.language === "auto" ? (codebook.languages[0] ?? "nb") : options.language;
  const table = crossTable(coded, codebook, dimension ?? by, { language, quotesPerCell: options.quotes, redact: options.redact ? quoteRedactor(options.language) : false });
  const reportLanguage = language === "en" ? "en" : "nb";
  const label = dimension !== undefined ? localize(codebook.dimensions!.find((d) => d.id === dimension)!.label, language) : by;
  const report = { language: reportLanguage, title: `${REPORT_LABELS[reportLanguage].code} × ${label.toLowerCase()}`, columnTitle: label, ...(options.redact ? {} : { redact: false as const }) } as const;
  const cross = await import("../report/cross-report.ts");
  switch (options.format) {
    case "text":
      return `${crossTableText(table, style(options.out === undefined && colourEnabled(io, "stdout")), `Theme × ${label.toLowerCase()}`, true).join("\n")}\n`;
    case "md":
      return cross.crossTableToMarkdown(table, report);
    case "html":
      return cross.crossTableToHtml(table, report);
    case "csv":
      return cross.crossTableToCsv(table, report);
    case "json":
      return cross.crossTableToJson(table, report);
    case "xlsx":
      return (await import("../report/xlsx.ts")).crossTableToXlsx(table);
  }
}

/** The note fields `--by` accepts besides the dimensions and the notes' own columns. */
const NOTE_FIELDS = ["seminar", "group", "participant", "question", "source", "cluster"];

/** Codes the notes in chunks on the main thread, or on worker threads; with a progress bar on a TTY. */
async function codeAll(
  notes: Note[],
  codebook: Codebook,
  options: Pick<CodeCommandOptions, "language" | "workers" | "combine"> & { model?: LearnedModel | false | undefined },
  io: CliIO,
): Promise<CodedNote[]> {
  const bar = progress(io, notes.length, "notes");
  const modelOptions = { ...(options.model !== undefined ? { model: options.model } : {}), ...(options.combine !== undefined ? { combine: options.combine } : {}) };
  const coded: CodedNote[] = [];
  if (options.workers) {
    // The streaming API spreads the coding over worker threads; same coded notes, same order.
    for await (const c of codeNotesStream(notes, codebook, { language: options.language, workers: options.workers, ...modelOptions })) {
      coded.push(c);
      bar.tick();
    }
  } else {
    const matcher = compileCodebook(codebook);
    const chunk = 250;
    for (let i = 0; i < notes.length; i += chunk) {
      coded.push(...codeNotes(notes.slice(i, i + chunk), matcher, { language: options.language, ...modelOptions }));
      bar.tick(Math.min(chunk, notes.length - i));
    }
  }
  bar.done();
  return coded;
}
