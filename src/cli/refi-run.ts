import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
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
import { toQdc } from "../refi-qda/to-qdc.ts";
import { toQdpx } from "../refi-qda/to-qdpx.ts";
import type { Language } from "../text/language.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { printDiagnostics, type CliIO } from "./io.ts";
import { readCodebookInput, readTextInput } from "./load-inputs.ts";
import { assertNotInput, emit } from "./output.ts";
import { writeFileAtomic } from "../files/write-file-atomic.ts";
import type { ExportCommandOptions, ImportCommandOptions } from "./refi-commands.ts";

// The work of `kodebok export` and `kodebok import`, loaded only when one of them runs.

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
