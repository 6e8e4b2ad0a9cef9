import { dirname, relative, resolve, sep } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { BUNDLED_CODEBOOKS_DIR } from "../codebook/load.ts";
import { diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import type { Note } from "../notes/note.ts";
import { refineCodebook } from "../refine/refine-codebook.ts";
import type { RefineOptionsInput } from "../refine/refine-options.ts";
import { refineReportToHtml, refineReportToJson, refineReportToMarkdown, refineReportToText } from "../report/refine-render.ts";
import type { LanguageOption } from "../text/language.ts";
import { defaultFoldGroup } from "../validity/folds.ts";
import { readCodedInputs } from "./coded-inputs.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { printDiagnostics, type CliIO } from "./io.ts";
import { readCodebookInput } from "./load-inputs.ts";
import { DEFAULT_CODEBOOK, integerIn, numberIn, languageOption } from "./options.ts";
import { assertNotInput, emit } from "./output.ts";

/** The output formats of `kodebok refine`. */
export const REFINE_FORMATS = ["text", "md", "html", "json"] as const;
export type RefineFormat = (typeof REFINE_FORMATS)[number];

/** Note fields `--fold-by` can name (any other name is an attribute column). */
export const FOLD_FIELDS = ["seminar", "source", "group", "participant", "question", "cluster", "id"] as const;

/** Options of `kodebok refine`. */
export interface RefineCommandOptions {
  codebook: string;
  coder?: string;
  codes?: string[];
  language: LanguageOption;
  format: RefineFormat;
  out?: string;
  patchOut?: string;
  folds: number;
  crossValidate: boolean;
  foldBy?: string;
  keyness: "lr" | "chi2";
  correction: "default" | "yates" | "williams" | "none";
  minNotes: number;
  minGroups: number;
  minPrecision: number;
  minGain: number;
  maxChanges: number;
  candidates: number;
  exclusions: number;
  within: number;
  minLength: number;
  examples: number;
  samples: number;
  seed: number;
  redact: boolean;
}

const EXAMPLES = `
Examples:
  $ kodebok refine coded-sample.csv --coder anna --codebook my-codebook.yaml --patch-out refined.yaml
  $ kodebok refine notes.csv codings.csv --coder anna --format html --out refine.html
  $ kodebok refine coded-sample.csv --coder anna --fold-by participant --min-notes 3 --format md

Inputs: as for kodebok agree and check: notes files with codes:<coder> columns, and/or codings files
(note_id, coder, code). The coder's coding is the reference; kodebok's coding is compared with it.
The patch is a codebook that extends yours (--patch-out, or at the end of the report): nothing is
applied to your codebook. Its figures: in-sample (chosen on these notes, so optimistic) and
cross-validated (the search repeated without each fold of seminars or sources; the fair figure).
See docs/refine.md.
`;

const codeList = (value: string): string[] => {
  const list = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (list.length === 0) throw new InvalidArgumentError(`expected code ids separated by commas, got "${value}"`);
  return list;
};

/**
 * Registers `kodebok refine` on the program.
 *
 * @param program the `kodebok` command
 * @param io the process's IO
 * @param setExit receives the command's exit code
 * @returns nothing; the command is added to `program`
 * @example
 * ```ts
 * registerRefineCommand(program, processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function registerRefineCommand(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command("refine")
    .summary("improve a codebook on a hand-coded sample: errors, candidates, a patch to review")
    .description(
      "Compare kodebok's coding with a human coder's, per code, rule and term (hits, true and false positives, precision, recall, kappa with bootstrap intervals); rank the terms that code wrongly by the kappa they cost; list the missed notes with candidate terms over-represented in them (keyness: G² or chi², as quanteda's textstat_keyness) and candidate exclusions (notNear, notInNote); and propose a codebook patch, with the kappa it gives in-sample and cross-validated by seminar or source.",
    )
    .argument("<inputs...>", "notes files with codes:<coder> columns, and/or codings files (long or wide form)")
    .option("-c, --codebook <name|file>", "the codebook to refine: a bundled name or a file", DEFAULT_CODEBOOK)
    .option("--coder <name>", "the coder whose coding is the reference (needed when the inputs hold several)")
    .option("--codes <ids>", "refine only these codes (comma-separated; default all)", codeList)
    .addOption(languageOption("the notes' language"))
    .addOption(new Option("-f, --format <format>", "report format").choices([...REFINE_FORMATS]).default("text"))
    .option("-o, --out <file>", "write the report to this file (atomically) instead of stdout")
    .option("--patch-out <file>", "write the proposed patch (YAML) to this file; otherwise it ends the report")
    .option("--folds <k>", "cross-validation folds", integerIn(2, 100), 5)
    .option("--no-cross-validate", "skip cross-validation (in-sample figures only)")
    .option("--fold-by <field>", `what keeps notes together in a fold: ${FOLD_FIELDS.join(", ")} or an attribute column (default: seminar, else source, else the note)`)
    .addOption(new Option("--keyness <measure>", "keyness statistic: log-likelihood G² or chi²").choices(["lr", "chi2"]).default("lr"))
    .addOption(new Option("--correction <correction>", "correction of the keyness statistic: williams (Williams's q), yates, default (what quanteda does by default: Yates), none").choices(["williams", "yates", "default", "none"]).default("williams"))
    .option("--min-notes <n>", "least notes a candidate is found in (at least 2)", integerIn(2, 1000), 2)
    .option("--min-groups <n>", "least fold groups (seminars, sources) the notes a change puts right come from", integerIn(1, 1000), 2)
    .option("--min-precision <x>", "least share of right codings among the notes an added term newly codes", numberIn(0, 1), 0.5)
    .option("--min-gain <x>", "least rise in a code's kappa for a change to be proposed", numberIn(0, 1), 0.005)
    .option("--max-changes <n>", "most changes proposed per code", integerIn(0, 100), 8)
    .option("--candidates <n>", "candidate terms tried per code and step, and listed per code", integerIn(1, 1000), 25)
    .option("--exclusions <n>", "context words tried as exclusions per rule and step", integerIn(0, 1000), 10)
    .option("--within <n>", "words on either side a proposed notNear looks", integerIn(1, 100), 5)
    .option("--min-length <n>", "least letters of a candidate word (stems and compound ends: one more)", integerIn(1, 50), 3)
    .option("--examples <n>", "example notes shown per list", integerIn(0, 1000), 5)
    .option("--samples <n>", "bootstrap samples of each interval", integerIn(50, 1_000_000), 1000)
    .option("--seed <n>", "seed of the bootstrap", integerIn(0, 2 ** 31 - 1), 1)
    .option("--no-redact", "quote notes without masking names, phone numbers, e-mail addresses and id numbers")
    .addHelpText("after", EXAMPLES)
    .action(async (inputs: string[], options: RefineCommandOptions) => setExit(await runRefine(inputs, options, io)));
}

/** The fold group of a note by a field or attribute, else the default group. */
function foldGroupBy(field: string): (note: Note) => string {
  return (note) => {
    const value = field === "id" ? note.id : (FOLD_FIELDS as readonly string[]).includes(field) ? (note as Record<string, unknown>)[field] : note.attributes?.[field];
    return typeof value === "string" && value !== "" ? `${field}:${value}` : defaultFoldGroup(note);
  };
}

/** What `extends:` names in a patch written to `patchOut` (or printed): the bundled name, or the codebook's path from there. */
function extendsName(codebook: string, path: string | undefined, patchOut: string | undefined, cwd: string): string {
  if (path === undefined || path.startsWith(resolve(BUNDLED_CODEBOOKS_DIR) + sep)) return codebook;
  const from = patchOut === undefined ? cwd : dirname(resolve(cwd, patchOut));
  const rel = relative(from, path).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/**
 * The `refine` command: read the codebook and the coded inputs, run `refineCodebook`, write the
 * report (and the patch to `--patch-out`).
 *
 * @param inputs notes files with `codes:<coder>` columns and/or codings files
 * @param options the command's options
 * @param io the process's IO
 * @returns exit code 0
 * @throws CliError (exit 2) when an input cannot be read, the coder is missing, or an option is wrong
 * @example
 * ```ts
 * await runRefine(["sample.csv"], { ...defaults, coder: "anna" }, processIO());
 * ```
 */
export async function runRefine(inputs: string[], options: RefineCommandOptions, io: CliIO): Promise<ExitCode> {
  const { codebook, path, files: codebookFiles, diagnostics: codebookWarnings } = await readCodebookInput(options.codebook, io.cwd);
  const read = await readCodedInputs(inputs, codebook, io);
  const diagnostics: Diagnostic[] = [...codebookWarnings, ...read.diagnostics];
  const known = new Set(read.notes.map((n) => n.id));
  const orphans = read.codings.filter((c) => !known.has(c.note));
  if (orphans.length > 0) {
    const first = orphans[0]!;
    diagnostics.push(diagnostic({
      code: "coding-unknown-note",
      severity: "warning",
      source: "kodebok:refine",
      reason: `${orphans.length} codings name notes that no notes file holds (first: "${first.note}"); they are left out, since refine needs the notes' texts`,
      ...(first.origin?.file ? { file: first.origin.file } : {}),
      ...(first.origin ? { start: { line: first.origin.line, column: first.origin.column } } : {}),
    }));
  }
  printDiagnostics(io, diagnostics);
  if (hasErrors(diagnostics)) throw new CliError("Cannot read the coded notes");
  if (read.notes.length === 0) throw new CliError("The inputs hold no notes with texts: give a notes file (with codes:<coder> columns, or beside a codings file)");
  if (options.foldBy !== undefined && options.crossValidate) {
    const field = options.foldBy;
    const has = read.notes.some((n) => {
      const v = field === "id" ? n.id : (FOLD_FIELDS as readonly string[]).includes(field) ? (n as Record<string, unknown>)[field] : n.attributes?.[field];
      return typeof v === "string" && v !== "";
    });
    if (!has) {
      const attributes = [...new Set(read.notes.flatMap((n) => Object.keys(n.attributes ?? {})))];
      throw new CliError(`Cannot refine: --fold-by "${field}" names a field no note has a value for`, [diagnostic({
        code: "option-invalid",
        severity: "error",
        source: "kodebok:refine",
        reason: `Cannot refine: --fold-by "${field}" names a field no note has a value for`,
        actual: field,
        note: `Name one of ${FOLD_FIELDS.join(", ")}${attributes.length ? ` or an attribute column (${attributes.join(", ")})` : ""}.`,
      })]);
    }
  }
  if (options.patchOut !== undefined) await assertNotInput(options.patchOut, [...inputs, ...codebookFiles], io.cwd);
  const refineOptions: RefineOptionsInput = {
    language: options.language,
    measure: options.keyness,
    correction: options.correction,
    minNotes: options.minNotes,
    minGroups: options.minGroups,
    minPrecision: options.minPrecision,
    minGain: options.minGain,
    maxChanges: options.maxChanges,
    candidates: options.candidates,
    exclusions: options.exclusions,
    within: options.within,
    minLength: options.minLength,
    examples: options.examples,
    interval: { samples: options.samples, seed: options.seed },
    crossValidate: options.crossValidate
      ? { k: options.folds, ...(options.foldBy ? { groupOf: foldGroupBy(options.foldBy), groupedBy: `${options.foldBy} (else seminar, else source)` } : {}) }
      : false,
    extends: extendsName(options.codebook, path, options.patchOut, io.cwd),
    ...(options.coder !== undefined ? { coder: options.coder } : {}),
    ...(options.codes !== undefined ? { codes: options.codes } : {}),
  };
  const seen = [...read.seen].map(([coder, ids]) => ({ coder, notes: [...ids] }));
  let report;
  try {
    report = refineCodebook({ notes: read.notes, codings: read.codings, seen }, codebook, refineOptions);
  } catch (error) {
    if (error instanceof KodebokError) throw new CliError("Cannot refine the codebook", error.diagnostics);
    throw error;
  }
  printDiagnostics(io, report.diagnostics);
  const outputs = [...inputs, ...codebookFiles];
  if (options.patchOut !== undefined) await emit(io, report.patch.yaml, options.patchOut, outputs);
  const clean = { ...(options.redact ? {} : { redact: false as const }), patch: options.patchOut ?? true };
  const text =
    options.format === "json" ? refineReportToJson(report, clean)
    : options.format === "md" ? refineReportToMarkdown(report, clean)
    : options.format === "html" ? refineReportToHtml(report, clean)
    : refineReportToText(report, clean);
  await emit(io, text, options.out, [...outputs, ...(options.patchOut ? [options.patchOut] : [])]);
  return EXIT.ok;
}
