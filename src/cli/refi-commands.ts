import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Command, Option } from "commander";
import { stringify as csvStringify } from "csv-stringify/sync";
import { stringify as yamlStringify } from "yaml";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { codeNotes } from "../match/code-notes.ts";
import type { Note } from "../notes/note.ts";
import { loadNotes } from "../notes/load.ts";
import type { NotesOptions } from "../notes/parse.ts";
import { importRefiQda } from "../refi-qda/files.ts";
import type { SplitRule } from "../refi-qda/from-qdpx.ts";
import { toQdc } from "../refi-qda/to-qdc.ts";
import { toQdpx, type SourceGrouping } from "../refi-qda/to-qdpx.ts";
import type { Language, LanguageOption } from "../text/language.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { printDiagnostics, type CliIO } from "./io.ts";
import { readCodebookInput, readTextInput } from "./load-inputs.ts";
import { DEFAULT_CODEBOOK, delimiter } from "./options.ts";
import { assertNotInput, emit, writeFileAtomic } from "./output.ts";

/** Options of `kodebok export`. */
export interface ExportCommandOptions {
  format: "qdc" | "qdpx";
  codebook: string;
  out?: string;
  language: LanguageOption;
  sources: SourceGrouping;
  machine: boolean;
  textColumn?: string;
  delimiter?: string;
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
    .argument("[notes...]", "notes files (needed for --format qdpx)")
    .addOption(new Option("-f, --format <format>", "qdc (codebook) or qdpx (project)").choices(["qdc", "qdpx"]).makeOptionMandatory())
    .option("-c, --codebook <name|file>", "a bundled codebook name or a codebook file", DEFAULT_CODEBOOK)
    .option("-o, --out <file>", "the file to write (atomically; required for qdpx)")
    .addOption(new Option("-l, --language <language>", "the notes' language").choices(["nb", "nn", "en", "auto"]).default("auto"))
    .addOption(new Option("--sources <grouping>", "one text source per seminar, per note source, or per note").choices(["seminar", "note-source", "note"]).default("seminar"))
    .option("--no-machine", "leave kodebok's own codings out of the project (human codings only)")
    .option("--text-column <name>", "the column holding the note text")
    .option("--delimiter <char>", "CSV delimiter (default: detected)", delimiter)
    .addHelpText("after", EXPORT_EXAMPLES)
    .action(async (notes: string[], options: ExportCommandOptions) => setExit(await runExport(notes, options, io)));
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
    .action(async (file: string, options: ImportCommandOptions) => setExit(await runImport(file, options, io)));
}

/**
 * The `export` command: the codebook as `.qdc`, or the coded notes as a `.qdpx` project.
 *
 * @param files notes files (for `qdpx`)
 * @param options format, codebook, output, grouping of sources
 * @param io the process's IO
 * @returns exit code 0
 * @throws CliError (exit 2) on input errors, a `qdpx` without `--out`, an `--out` that is an input
 * @example
 * ```ts
 * await runExport(["notes.csv"], { format: "qdpx", codebook: "natland-2021", out: "p.qdpx", language: "auto", sources: "seminar", machine: true }, processIO());
 * ```
 */
export async function runExport(files: string[], options: ExportCommandOptions, io: CliIO): Promise<ExitCode> {
  const { codebook, path } = await readCodebookInput(options.codebook, io.cwd);
  const inputs = [...files, ...(path ? [path] : [])];
  const language = options.language === "auto" ? undefined : options.language;
  if (options.format === "qdc") {
    await emit(io, toQdc(codebook, language ? { language } : {}), options.out, inputs);
    return EXIT.ok;
  }
  if (files.length === 0) throw new CliError("kodebok export --format qdpx needs notes files");
  if (options.out === undefined || options.out === "-") throw new CliError("kodebok export --format qdpx writes a ZIP file: name it with --out <file.qdpx>");
  const notesOptions: NotesOptions = {};
  if (options.delimiter) notesOptions.delimiter = options.delimiter;
  if (options.textColumn) notesOptions.columns = { text: options.textColumn };
  const loaded = await loadNotes(files, notesOptions);
  printDiagnostics(io, loaded.diagnostics);
  if (!loaded.ok || hasErrors(loaded.diagnostics)) throw new CliError("Cannot load the notes");
  const coded = codeNotes(loaded.value.notes, codebook, { language: options.language });
  const bytes = toQdpx(coded, codebook, {
    sources: options.sources,
    machine: options.machine,
    codings: loaded.value.codings,
    ...(language ? { language } : {}),
  });
  await emit(io, bytes, options.out, inputs);
  return EXIT.ok;
}

/** Options of `kodebok import`. */
export interface ImportCommandOptions {
  outDir?: string;
  split?: SplitRule;
  id?: string;
  title?: string;
  languages?: string;
}

/**
 * The `import` command: a `.qdc` becomes `codebook.yaml`; a `.qdpx` becomes `notes.csv`,
 * `codings.csv` and `codebook.yaml`.
 *
 * @param file the REFI-QDA file
 * @param options output folder, split rule, codebook id, title, languages
 * @param io the process's IO
 * @returns exit code 0
 * @throws CliError (exit 2) when the file cannot be read or imported
 * @example
 * ```ts
 * await runImport("project.qdpx", { outDir: "imported" }, processIO());
 * ```
 */
export async function runImport(file: string, options: ImportCommandOptions, io: CliIO): Promise<ExitCode> {
  await readTextInput(file, io.cwd); // an unreadable file is an input error (exit 2)
  const languages = options.languages?.split(",").map((l) => l.trim()).filter(Boolean);
  if (languages && !languages.every((l) => l === "nb" || l === "nn" || l === "en")) {
    throw new CliError(`--languages takes nb, nn and en, comma-separated; got "${options.languages}"`);
  }
  const result = await importRefiQda(resolve(io.cwd, file), {
    file,
    ...(options.split ? { split: options.split } : {}),
    ...(options.id ? { id: options.id } : {}),
    ...(options.title ? { title: options.title } : {}),
    ...(languages ? { languages: languages as Language[] } : {}),
  });
  printDiagnostics(io, result.diagnostics);
  if (!result.ok) throw new CliError(`Cannot import "${file}"`);
  const imported = result.value;
  if (imported.kind === "codebook") {
    const yaml = codebookToYaml(imported.codebook);
    if (options.outDir === undefined) io.stdout(yaml);
    else await writeInto(options.outDir, "codebook.yaml", yaml, [file], io);
    return EXIT.ok;
  }
  if (options.outDir === undefined) throw new CliError("A project becomes several files: name a folder with --out-dir <dir>");
  await writeInto(options.outDir, "notes.csv", notesToCsv(imported.notes), [file], io);
  await writeInto(options.outDir, "codings.csv", codingsToCsv(imported.codings), [file], io);
  await writeInto(options.outDir, "codebook.yaml", codebookToYaml(imported.codebook), [file], io);
  io.stderr(`Imported ${imported.notes.length} notes, ${imported.codings.length} codings by ${imported.users.length} users and ${imported.codebook.codes.length} codes into ${options.outDir}\n`);
  return EXIT.ok;
}

async function writeInto(dir: string, name: string, content: string, inputs: string[], io: CliIO): Promise<void> {
  const folder = resolve(io.cwd, dir);
  await mkdir(folder, { recursive: true });
  const target = join(folder, name);
  await assertNotInput(target, inputs, io.cwd);
  await writeFileAtomic(target, content);
}

/**
 * A codebook as YAML in kodebok's own format, without the empty lists and objects that
 * validation fills in.
 *
 * @param codebook the codebook
 * @returns the YAML text
 * @example
 * ```ts
 * await writeFile("codebook.yaml", codebookToYaml(imported));
 * ```
 */
export function codebookToYaml(codebook: Codebook): string {
  return yamlStringify(prune(codebook), { lineWidth: 0 });
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p === undefined || (Array.isArray(p) && p.length === 0) || (p && typeof p === "object" && !Array.isArray(p) && Object.keys(p).length === 0)) continue;
      out[k] = p;
    }
    return out;
  }
  return value;
}

const NOTE_COLUMNS = ["id", "seminar", "group", "participant", "question", "source", "language", "cluster", "text"] as const;

/**
 * Notes as a `;`-delimited CSV in kodebok's notes format (attributes as extra columns, sorted).
 *
 * @param notes the notes
 * @returns the CSV text
 * @example
 * ```ts
 * notesToCsv([{ id: "n1", text: "Tid" }]); // "id;seminar;...;text\nn1;;;;;;;;Tid\n"
 * ```
 */
export function notesToCsv(notes: readonly Note[]): string {
  const attributes = [...new Set(notes.flatMap((n) => Object.keys(n.attributes ?? {})))].sort();
  const rows = notes.map((n) => [...NOTE_COLUMNS.map((c) => n[c] ?? ""), ...attributes.map((a) => n.attributes?.[a] ?? "")]);
  return csvStringify([[...NOTE_COLUMNS, ...attributes], ...rows], { delimiter: ";", record_delimiter: "\n" });
}

/**
 * Codings as a long-form CSV: `note_id;coder;code;polarity`.
 *
 * @param codings the codings
 * @returns the CSV text
 * @example
 * ```ts
 * codingsToCsv([{ note: "n1", coder: "anna", code: "time" }]); // "note_id;coder;code;polarity\nn1;anna;time;\n"
 * ```
 */
export function codingsToCsv(codings: readonly Coding[]): string {
  return csvStringify([["note_id", "coder", "code", "polarity"], ...codings.map((c) => [c.note, c.coder, c.code, c.polarity ?? ""])], { delimiter: ";", record_delimiter: "\n" });
}
