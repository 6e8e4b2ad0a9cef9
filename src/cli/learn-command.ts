import { Command, Option } from "commander";
import type { Codebook } from "../codebook/codebook.ts";
import type { LoadedCodings } from "../codings/loaded-codings.ts";
import { parseCodings } from "../codings/parse-codings.ts";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import type { CrossValidation, LearnedModel } from "../learn/model.ts";
import { crossValidateCoder, trainCoder, type TrainCoderOptions } from "../learn/train-coder.ts";
import { modelToJson } from "../learn/write-model.ts";
import type { Note } from "../notes/note.ts";
import type { NotesFormat } from "../notes/formats.ts";
import type { NotesOptions } from "../notes/parse.ts";
import type { LanguageOption } from "../text/language.ts";
import { defaultFoldGroup } from "../validity/folds.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { colourEnabled, printDiagnostics, style, type CliIO, type Style } from "./io.ts";
import { inputFormatOption, readCodebookInput, readNotesInputs, readTextInput } from "./load-inputs.ts";
import { DEFAULT_CODEBOOK, delimiter, integerIn, numberIn } from "./options.ts";
import { emit } from "./output.ts";
import { renderTable } from "./table.ts";

/** Options of `kodebok learn`. */
export interface LearnCommandOptions {
  codebook: string;
  codings?: string[];
  coder?: string;
  out?: string;
  cv: number | false;
  groupBy?: string;
  combine: "both" | "model" | "rules";
  learningCurve: boolean;
  l2?: number;
  language: LanguageOption;
  format: "text" | "json";
  textColumn?: string;
  delimiter?: string;
  inputFormat?: NotesFormat;
}

const EXAMPLES = `
Examples:
  $ kodebok learn notes.csv --codings codings.csv --out model.json
  $ kodebok learn notes.csv --codings codings.csv --cv 5
  $ kodebok learn seminar-1.csv seminar-2.csv --coder anna --group-by seminar --out model.json
  $ kodebok code more-notes.csv --model model.json

Hand codings: --codings files in long form (note_id, coder, code, polarity; a row with an empty
code: seen, no code) or wide form (note_id plus codes:<coder> columns); without --codings, the
notes files' own codes:<coder> columns (every note of a file counts as seen by its coders).
With --out, the model is trained on every hand-coded note and saved with its cross-validated
figures; without --out, kodebok only cross-validates and prints the figures.
`;

/**
 * Registers `kodebok learn` on the program.
 *
 * @param program the `kodebok` command
 * @param io the process's IO
 * @param setExit receives the command's exit code
 * @returns nothing; the command is added to `program`
 * @example
 * ```ts
 * registerLearnCommand(program, processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function registerLearnCommand(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command("learn")
    .summary("train a model on hand-coded notes, cross-validated")
    .description("Train a classifier per code on hand-coded notes (stems and word pairs, the codebook's rule hits, language, kind) and report how well rules alone, the model alone and both agree with the hand coding on held-out notes, with folds by seminar or source, and a learning curve.")
    .argument("<notes...>", "notes files (CSV/TSV, JSON, JSONL, Markdown, transcripts)")
    .option("-c, --codebook <name|file>", "a bundled codebook name or a codebook file", DEFAULT_CODEBOOK)
    .option("--codings <files...>", "hand codings (long or wide form); default: the notes files' codes:<coder> columns")
    .option("--coder <name>", "the coder to learn from, when the codings hold several")
    .option("-o, --out <file>", "write the model (JSON) to this file, atomically (- for stdout, without the figures)")
    .option("--cv <k>", "folds of the cross-validation (default 5; a seminar or source is never in two folds)", integerIn(2, 50), 5)
    .option("--no-cv", "train without cross-validated figures (faster; the thresholds are still cross-validated)")
    .option("--group-by <field>", "what keeps notes in one fold: seminar, source, group, participant, question or an attribute (default: seminar, else source)")
    .addOption(new Option("--combine <way>", "how codeNotes combines rules and this model by default").choices(["both", "model", "rules"]).default("both"))
    .option("--no-learning-curve", "leave out the learning curve (faster)")
    .option("--l2 <penalty>", "L2 penalty of the regressions (default 1)", numberIn(1e-6, 1e6))
    .addOption(new Option("-l, --language <language>", "the notes' language").choices(["nb", "nn", "en", "auto"]).default("auto"))
    .addOption(new Option("-f, --format <format>", "how to print the figures").choices(["text", "json"]).default("text"))
    .option("--text-column <name>", "the column holding the note text")
    .option("--delimiter <char>", "CSV delimiter (default: detected)", delimiter)
    .addOption(inputFormatOption())
    .addHelpText("after", EXAMPLES)
    .action(async (notes: string[], options: LearnCommandOptions) => setExit(await runLearn(notes, options, io)));
}

/**
 * The `learn` command: read notes, codings and codebook; train (with `--out`) or cross-validate;
 * print the figures; write the model.
 *
 * @param files the notes files
 * @param options codebook, codings, coder, output, folds, grouping, combining
 * @param io the process's IO
 * @returns exit code 0
 * @throws CliError (exit 2) on input errors
 * @example
 * ```ts
 * await runLearn(["notes.csv"], { codebook: "natland-2021", codings: ["codings.csv"], out: "model.json", cv: 5, combine: "both", learningCurve: true, language: "auto", format: "text" }, processIO());
 * ```
 */
export async function runLearn(files: string[], options: LearnCommandOptions, io: CliIO): Promise<ExitCode> {
  // Without its own model: the model trained here replaces it.
  const { codebook, path } = await readCodebookInput(options.codebook, io.cwd, { model: false });
  const { notes, codings, inputs } = await readTraining(files, options, codebook, io);
  const trainOptions: TrainCoderOptions = {
    codebook,
    language: options.language,
    combine: options.combine,
    folds: options.cv === false ? 5 : options.cv,
    crossValidate: options.cv !== false,
    learningCurve: options.learningCurve,
    ...(options.coder !== undefined ? { coder: options.coder } : {}),
    ...(options.l2 !== undefined ? { l2: options.l2 } : {}),
    ...(options.groupBy !== undefined ? { groupOf: groupBy(options.groupBy) } : {}),
  };
  let model: LearnedModel | undefined;
  let figures: CrossValidation | null;
  try {
    if (options.out !== undefined) {
      model = trainCoder(notes, codings, trainOptions);
      figures = model.crossValidation;
    } else {
      if (options.cv === false) throw new CliError("Nothing to do: --no-cv without --out neither trains a model nor cross-validates one");
      figures = crossValidateCoder(notes, codings, trainOptions).figures;
    }
  } catch (error) {
    if (error instanceof KodebokError) throw new CliError("Cannot train a model", error.diagnostics);
    throw error;
  }
  const allInputs = [...inputs, ...(path ? [path] : [])];
  if (model !== undefined) await emit(io, modelToJson(model), options.out, allInputs);
  if (options.out === "-") return EXIT.ok; // the model went to stdout
  const s = style(colourEnabled(io, "stdout"));
  if (options.format === "json") io.stdout(`${JSON.stringify(figures, null, 2)}\n`);
  else io.stdout(learnedText(figures, model, codebook, options, s));
  return EXIT.ok;
}

/** Reads the notes and the hand codings of `kodebok learn` and `kodebok suggest`. */
async function readTraining(files: string[], options: Pick<LearnCommandOptions, "codings" | "textColumn" | "delimiter" | "inputFormat">, codebook: Codebook, io: CliIO): Promise<{ notes: Note[]; codings: LoadedCodings; inputs: string[] }> {
  const notesOptions: NotesOptions = {};
  if (options.delimiter) notesOptions.delimiter = options.delimiter;
  if (options.textColumn) notesOptions.columns = { text: options.textColumn };
  if (options.inputFormat) notesOptions.format = options.inputFormat;
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  const sources: LoadedCodings[] = [];
  for (const file of files) {
    const loaded = await readNotesInputs([file], notesOptions, io);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.ok) continue;
    notes.push(...loaded.value.notes);
    if (options.codings === undefined) {
      // The file's own codes:<coder> columns: each coder saw every note of the file.
      const coders = [...new Set(loaded.value.codings.map((c) => c.coder))];
      const ids = loaded.value.notes.map((n) => n.id);
      sources.push({ form: "wide", coders, notes: ids, codings: loaded.value.codings, seen: coders.map((coder) => ({ coder, notes: ids })) });
    }
  }
  for (const file of options.codings ?? []) {
    const { text, diagnostics: read } = await readTextInput(file, io.cwd);
    diagnostics.push(...read);
    const parsed = parseCodings(text, { file, codebook });
    diagnostics.push(...parsed.diagnostics);
    if (parsed.ok) sources.push(parsed.value);
  }
  printDiagnostics(io, diagnostics);
  if (hasErrors(diagnostics)) throw new CliError("Cannot read the notes and codings");
  const codings = mergeCodings(sources);
  if (codings.coders.length === 0) {
    throw new CliError(options.codings === undefined ? "The notes hold no hand codings: give --codings, or codes:<coder> columns in the notes file" : "The codings files hold no codings");
  }
  return { notes, codings, inputs: [...files.filter((f) => f !== "-"), ...(options.codings ?? [])] };
}

/**
 * Merges codings read from several files: coders and notes in order of first appearance, every
 * coding, and per coder the union of the notes seen.
 *
 * @param sources the codings of each file
 * @returns one set of codings
 * @example
 * ```ts
 * mergeCodings([fromNotesFile, fromCodingsFile]).coders; // ["anna", "bjørn"]
 * ```
 */
export function mergeCodings(sources: readonly LoadedCodings[]): LoadedCodings {
  const coders: string[] = [];
  const notes: string[] = [];
  const seen = new Map<string, Set<string>>();
  for (const s of sources) {
    for (const c of s.coders) if (!coders.includes(c)) coders.push(c);
    for (const n of s.notes) if (!notes.includes(n)) notes.push(n);
    for (const { coder, notes: ids } of s.seen) {
      const set = seen.get(coder) ?? new Set<string>();
      for (const id of ids) set.add(id);
      seen.set(coder, set);
    }
  }
  return { form: "long", coders, notes, codings: sources.flatMap((s) => s.codings), seen: coders.map((coder) => ({ coder, notes: [...(seen.get(coder) ?? [])] })) };
}

/** The fold group of `--group-by`: the note's field or attribute, else the default grouping. */
function groupBy(field: string): (note: Note) => string {
  const fields = new Set(["seminar", "source", "group", "participant", "question", "cluster"]);
  return (note) => {
    const value = fields.has(field) ? (note as Record<string, unknown>)[field] : note.attributes?.[field];
    return typeof value === "string" && value !== "" ? `${field}:${value}` : defaultFoldGroup(note);
  };
}

const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? "-" : x.toFixed(digits));

/**
 * The figures of `kodebok learn` as text: per code, kappa, precision and recall of rules alone,
 * model alone and both; the means; polarity; the learning curve; and what was written.
 *
 * @param figures the cross-validated figures (null: none)
 * @param model the model written, if any
 * @param codebook the codebook
 * @param options the output file and folds
 * @param s styles
 * @returns the text
 * @example
 * ```ts
 * io.stdout(learnedText(model.crossValidation, model, codebook, { out: "model.json", cv: 5 }, style(false)));
 * ```
 */
export function learnedText(figures: CrossValidation | null, model: LearnedModel | undefined, codebook: Codebook, options: Pick<LearnCommandOptions, "out" | "cv">, s: Style): string {
  const out: string[] = [];
  if (model !== undefined) {
    out.push(s.bold(`Trained on ${model.training.notes} hand-coded notes${model.training.coder ? ` (coder ${model.training.coder})` : ""}: ${model.codes.length} of ${codebook.codes.length} codes, ${model.features.length} features.`));
    const skipped = codebook.codes.filter((c) => !model.codes.some((m) => m.code === c.id)).map((c) => c.id);
    if (skipped.length > 0) out.push(s.yellow(`No classifier for ${skipped.join(", ")}: fewer than 2 hand-coded notes with (or without) the code; the rules alone code it.`));
  }
  if (figures !== null) {
    out.push(`Cross-validated: ${figures.k} folds by seminar or source (${figures.groups} groups, ${figures.notes} notes); each note coded by a model that never saw its group.`);
    out.push("");
    const header = ["code", "notes", "rules κ", "prec", "recall", "model κ", "prec", "recall", "both κ", "prec", "recall"];
    const rows = figures.codes.map((c) => [c.code, String(c.notes), ...(["rules", "model", "both"] as const).flatMap((m) => [fmt(c[m].kappa), fmt(c[m].precision), fmt(c[m].recall)])]);
    rows.push(["mean", "", fmt(figures.meanKappa.rules), "", "", fmt(figures.meanKappa.model), "", "", fmt(figures.meanKappa.both), "", ""]);
    const table = renderTable(header, rows, ["left", ...header.slice(1).map(() => "right" as const)]);
    out.push(...table.map((l, i) => (i === 0 || i === table.length - 1 ? s.bold(l) : l)));
    out.push("");
    out.push(`Polarity (both): ${fmt(figures.polarity.agreement === null ? null : 100 * figures.polarity.agreement, 0)}% of ${figures.polarity.pairs} hand-coded mentions found; of the codes the model added, ${fmt(figures.polarity.learned.agreement === null ? null : 100 * figures.polarity.learned.agreement, 0)}% of ${figures.polarity.learned.pairs}.`);
    if (figures.learningCurve.length > 0) {
      out.push("Learning curve (mean κ against hand-coded notes trained on):");
      const curve = renderTable(["notes", ...figures.learningCurve.map((p) => String(p.notes))], [["model", ...figures.learningCurve.map((p) => fmt(p.model))], ["both", ...figures.learningCurve.map((p) => fmt(p.both))]], ["left", ...figures.learningCurve.map(() => "right" as const)]);
      out.push(...curve.map((l) => `  ${l}`));
    }
  }
  if (model !== undefined && options.out !== undefined) out.push(s.green(`Wrote ${options.out}`));
  return `${out.join("\n")}\n`;
}
