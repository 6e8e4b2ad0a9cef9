import { Command, Option } from "commander";
import type { SplitRule } from "../refi-qda/from-qdpx.ts";
import type { SourceGrouping } from "../refi-qda/to-qdpx.ts";
import type { LanguageOption } from "../text/language.ts";
import type { Combine } from "../learn/model.ts";
import type { ExitCode } from "./exit-codes.ts";
import type { CliIO } from "./io.ts";
import type { NotesFormat } from "../notes/formats.ts";
import { inputFormatOption } from "./load-inputs.ts";
import { DEFAULT_CODEBOOK, delimiter, languageOption } from "./options.ts";

/** Options of `kodebok export`. */
export interface ExportCommandOptions {
  format: "qdc" | "qdpx";
  codebook: string;
  out?: string;
  language: LanguageOption;
  sources: SourceGrouping;
  machine: boolean;
  /** A model file, or false for rules alone (default: the codebook's own model, if it names one). */
  model?: string | false;
  combine?: Combine;
  textColumn?: string;
  delimiter?: string;
  inputFormat?: NotesFormat;
}

const EXPORT_EXAMPLES = `
Examples:
  $ kodebok export --format qdc --codebook natland-2021 --out natland.qdc
  $ kodebok export fixtures/seminars/city-seminar.csv --format qdpx --out city.qdpx
  $ kodebok export notes.csv --format qdpx --codebook ./codebook.yaml --sources note --no-machine --out humans.qdpx

A .qdc holds the codebook; a .qdpx a project: the notes as text sources, kodebok's codings and
the human codings of codes:<coder> columns (each coder a user). See docs/refi-qda.md.
`;

const IMPORT_EXAMPLES = `
Examples:
  $ kodebok import codes.qdc > codebook.yaml
  $ kodebok import codes.qdc --out-dir imported/
  $ kodebok import project.qdpx --out-dir imported/
  $ kodebok check imported/notes.csv imported/codings.csv --codebook imported/codebook.yaml

A .qdc becomes codebook.yaml; a .qdpx becomes notes.csv, codings.csv (long form: note_id, coder,
code) and codebook.yaml, in kodebok's own formats.
`;

/**
 * Registers `kodebok export` and `kodebok import` (REFI-QDA) on the program.
 *
 * @param program the `kodebok` command
 * @param io the process's IO
 * @param setExit receives the command's exit code
 * @returns nothing; the commands are added to `program`
 * @example
 * ```ts
 * registerRefiCommands(program, processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function registerRefiCommands(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  program
    .command("export")
    .summary("export a codebook (.qdc) or coded notes (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder")
    .description("Export to REFI-QDA: the codebook as a .qdc, or notes coded by kodebok (and by the human coders of codes:<coder> columns) as a .qdpx project.")
    .argument("[notes...]", "notes files (needed for --format qdpx); - reads standard input")
    .addOption(new Option("-f, --format <format>", "qdc (codebook) or qdpx (project)").choices(["qdc", "qdpx"]).makeOptionMandatory())
    .option("-c, --codebook <name|file>", "a bundled codebook name or a codebook file", DEFAULT_CODEBOOK)
    .option("-o, --out <file>", "the file to write (atomically; required for qdpx)")
    .addOption(languageOption("the notes' language"))
    .addOption(new Option("--sources <grouping>", "one text source per seminar, per note source, or per note").choices(["seminar", "note-source", "note"]).default("seminar"))
    .option("--no-machine", "leave kodebok's own codings out of the project (human codings only)")
    .option("-m, --model <file>", "also code with a learned model (kodebok learn); its codes get the user kodebok-model")
    .option("--no-model", "code with the rules alone, even when the codebook names a model")
    .addOption(new Option("--combine <way>", "with a model: both (default), model or rules").choices(["both", "model", "rules"]))
    .option("--text-column <name>", "the column holding the note text")
    .option("--delimiter <char>", "CSV delimiter (default: detected)", delimiter)
    .addOption(inputFormatOption())
    .addHelpText("after", EXPORT_EXAMPLES)
    .action(async (notes: string[], options: ExportCommandOptions) => setExit(await (await import("./refi-run.ts")).runExport(notes, options, io)));
  program
    .command("import")
    .summary("import a REFI-QDA codebook (.qdc) or project (.qdpx) into kodebok's formats")
    .description("Import a REFI-QDA file: a .qdc becomes a kodebok codebook (YAML); a .qdpx project becomes notes.csv, codings.csv and codebook.yaml.")
    .argument("<file>", "a .qdc, .qdpx or .qde file")
    .option("-d, --out-dir <dir>", "the folder to write into (required for a project; a codebook goes to stdout without it)")
    .addOption(new Option("--split <rule>", "how a project's source texts become notes").choices(["paragraphs", "lines", "selections", "source", "notes"]))
    .option("--id <id>", "the id of the imported codebook")
    .option("--title <title>", "the title of the imported codebook")
    .option("--languages <list>", "the languages of the imported codebook, comma-separated (default: nb,en)")
    .addHelpText("after", IMPORT_EXAMPLES)
    .action(async (file: string, options: ImportCommandOptions) => setExit(await (await import("./refi-run.ts")).runImport(file, options, io)));
}

/** Options of `kodebok import`. */
export interface ImportCommandOptions {
  outDir?: string;
  split?: SplitRule;
  id?: string;
  title?: string;
  languages?: string;
}

