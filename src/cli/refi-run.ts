import { fromRecovered } from "../diagnostics/result.ts";
import { lstat, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { stringify as csvStringify } from "csv-stringify/sync";
import { stringify as yamlStringify } from "yaml";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import { codersInHeader } from "../check/check-dataset.ts";
import { looksLikeCodingsFile, parseDatasetCodings } from "../check/dataset-codings.ts";
import { diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { checkNotes } from "../notes/loaded-notes.ts";
import { codeNotes } from "../match/code-notes.ts";
import type { Note } from "../notes/note.ts";
import { parseNotes, type NotesOptions } from "../notes/parse.ts";
import { appendAll } from "../collections/append-all.ts";
import { readRefiQda } from "../refi-qda/files.ts";
import { toQdc } from "../refi-qda/to-qdc.ts";
import { KODEBOK_MODEL_USER, KODEBOK_USER, toQdpx } from "../refi-qda/to-qdpx.ts";
import type { Language } from "../text/language.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { printDiagnostics, type CliIO } from "./io.ts";
import { readCodebookInput, readDatasetFiles, readModelInput, STDIN_NAME } from "./load-inputs.ts";
import { readInputFile } from "../files/read-input-file.ts";
import { assertNotInput, emit } from "./output.ts";
import { writeFilesAtomic } from "../files/write-file-atomic.ts";
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
  const { codebook, files: codebookFiles } = await readCodebookInput(options.codebook, io.cwd);
  const inputs = [...files.filter((f) => f !== "-"), ...codebookFiles];
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
  if (options.inputFormat) notesOptions.format = options.inputFormat;
  const dataset = await readExportDataset(files, notesOptions, io);
  const model = typeof options.model === "string" ? await readModelInput(options.model, codebook, io.cwd) : options.model;
  const coded = codeNotes(dataset.notes, codebook, { language: options.language, ...(model !== undefined ? { model } : {}), ...(options.combine ? { combine: options.combine } : {}) });
  if (typeof options.model === "string") inputs.push(options.model);
  const bytes = toQdpx(coded, codebook, {
    sources: options.sources,
    machine: options.machine,
    codings: dataset.codings,
    seen: dataset.seen,
    ...(language ? { language } : {}),
  });
  await emit(io, bytes, options.out, inputs);
  return EXIT.ok;
}

/** What `kodebok export` reads: the notes, the human codings and which notes each coder saw. */
interface ExportDataset {
  notes: Note[];
  codings: Coding[];
  seen: Array<{ coder: string; notes: string[] }>;
}

/**
 * Reads the files of `kodebok export` as `kodebok check` reads a dataset: notes files (whose
 * `codes:<coder>` coders saw every note of the file) and long-form codings files (whose rows with
 * an empty code record a note seen and left uncoded), so that an imported project exports again
 * as it was. Codings by "kodebok" are kodebok's own: the export codes the notes itself.
 */
async function readExportDataset(files: readonly string[], notesOptions: NotesOptions, io: CliIO): Promise<ExportDataset> {
  const notes: Note[] = [];
  const codings: Coding[] = [];
  const seen = new Map<string, Set<string>>();
  const saw = (coder: string, ids: Iterable<string>) => {
    const set = seen.get(coder) ?? new Set<string>();
    for (const id of ids) set.add(id);
    seen.set(coder, set);
  };
  const diagnostics: Diagnostic[] = [];
  let machine = 0;
  for (const { file, text, diagnostics: read } of await readDatasetFiles(files, io)) {
    appendAll(diagnostics, read ?? []);
    if (hasErrors(read ?? [])) continue;
    if (/\.(csv|tsv|tab|json)$/iu.test(file) && looksLikeCodingsFile(file, text)) {
      const result = fromRecovered(parseDatasetCodings(text, file));
      appendAll(diagnostics, result.diagnostics);
      if (!result.ok) continue;
      for (const c of result.value.codings) if (c.coder === KODEBOK_USER || c.coder === KODEBOK_MODEL_USER) machine++;
      appendAll(codings, result.value.codings);
      for (const s of result.value.seen) saw(s.coder, s.notes);
      continue;
    }
    const loaded = parseNotes(text, { ...notesOptions, file });
    appendAll(diagnostics, loaded.diagnostics);
    if (!loaded.ok) continue;
    const ids = loaded.value.notes.map((n) => n.id);
    appendAll(notes, loaded.value.notes);
    appendAll(codings, loaded.value.codings);
    const header = /\.(csv|tsv|tab|txt)$/iu.test(file) || file === STDIN_NAME ? codersInHeader(text, file, notesOptions.delimiter) : [];
    for (const coder of new Set([...header, ...loaded.value.codings.map((c) => c.coder)])) saw(coder, ids);
  }
  const checked = checkNotes(notes);
  appendAll(diagnostics, checked.diagnostics.filter((d) => d.code === "note-duplicate-id"));
  printDiagnostics(io, diagnostics);
  if (machine > 0) io.stderr(`kodebok: left out ${machine} codings by "${KODEBOK_USER}": kodebok codes the notes itself for the project (--no-machine leaves its coding out)\n`);
  if (hasErrors(diagnostics)) throw new CliError("Cannot load the notes");
  if (notes.length === 0) throw new CliError("kodebok export --format qdpx needs at least one notes file besides codings files");
  return { notes: checked.notes, codings, seen: [...seen].map(([coder, ids]) => ({ coder, notes: [...ids] })) };
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
  // A missing file or a folder is an input error (exit 2), named as typed.
  const readable = await readInputFile(resolve(io.cwd, file), { action: `Cannot import "${file}"`, source: "kodebok:cli", name: file });
  if (!readable.ok) throw new CliError(`Cannot import "${file}"`, readable.diagnostics);
  const languages = options.languages?.split(",").map((l) => l.trim()).filter(Boolean);
  if (languages && !languages.every((l) => l === "nb" || l === "nn" || l === "en")) {
    throw new CliError(`--languages takes nb, nn and en, comma-separated; got "${options.languages}"`);
  }
  const result = await readRefiQda(resolve(io.cwd, file), {
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
    else await writeInto(options.outDir, [["codebook.yaml", yaml]], [file], io);
    return EXIT.ok;
  }
  if (options.outDir === undefined) throw new CliError("A project becomes several files: name a folder with --out-dir <dir>");
  const isMachine = (coder: string) => coder === KODEBOK_USER || coder === KODEBOK_MODEL_USER;
  const human = imported.codings.filter((c) => !isMachine(c.coder));
  const machine = imported.codings.filter((c) => isMachine(c.coder));
  // Every file is made first, then all are written together: a failure leaves none half-written.
  const outputs: [string, string][] = [
    ["notes.csv", notesToCsv(imported.notes)],
    ["codings.csv", codingsToCsv(human, imported.seen.filter((s) => !isMachine(s.coder)), imported.notes)],
  ];
  const machineSeen = imported.seen.filter((s) => isMachine(s.coder));
  if (machine.length > 0 || machineSeen.length > 0) outputs.push([MACHINE_CODINGS_FILE, codingsToCsv(machine, machineSeen, imported.notes)]);
  outputs.push(["codebook.yaml", codebookToYaml(imported.codebook)]);
  await writeInto(options.outDir, outputs, [file], io);
  const coders = new Set(human.map((c) => c.coder)).size;
  io.stderr(
    `Imported ${imported.notes.length} notes, ${human.length} codings by ${coders} coder${coders === 1 ? "" : "s"} and ${imported.codebook.codes.length} codes into ${options.outDir}` +
      (machine.length > 0 ? ` (kodebok's own ${machine.length} codings in ${MACHINE_CODINGS_FILE})` : "") + "\n",
  );
  return EXIT.ok;
}

/**
 * Writes the files into the output folder as one (see `writeFilesAtomic`: all or none, never
 * through a link). The folder itself must not be a symbolic link: a cloned data folder may
 * hold one that points anywhere.
 */
async function writeInto(dir: string, files: readonly [string, string][], inputs: string[], io: CliIO): Promise<void> {
  const folder = resolve(io.cwd, dir);
  const link = await lstat(folder).then((s) => s.isSymbolicLink(), () => false);
  if (link) {
    throw new CliError(`Cannot write into "${dir}": it is a symbolic link`, [
      diagnostic({
        code: "output-not-regular",
        severity: "error",
        reason: `Cannot write into "${dir}": it is a symbolic link, and kodebok never writes through a link`,
        file: dir,
        note: "Remove the link, or name the folder it points to with --out-dir.",
        source: "kodebok:cli",
      }),
    ]);
  }
  await mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot create the folder "${dir}": ${error.code === "EEXIST" || error.code === "ENOTDIR" ? "a file of that name is in the way" : error.code ?? error.message}`);
  });
  const targets = files.map(([name]) => join(folder, name));
  for (const target of targets) await assertNotInput(target, inputs, io.cwd);
  await writeFilesAtomic(files.map(([, data], i) => ({ path: targets[i]!, data })), { inputs: inputs.map((input) => resolve(io.cwd, input)) });
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

/** The file `kodebok import` writes kodebok's own codings of a project into (not `codings.csv`). */
export const MACHINE_CODINGS_FILE = "kodebok-codings.csv";

/**
 * Codings as a long-form CSV: `note_id;coder;code;polarity`. With `seen`, a note a coder saw and
 * gave no code gets a row with an empty code, as `readCodings` and `kodebok check` read it; with
 * `notes`, the rows follow the notes' order (each note's codings as given, then its empty rows).
 *
 * @param codings the codings
 * @param seen for each coder, the notes the coder saw
 * @param notes the notes, for the order of the rows
 * @returns the CSV text
 * @example
 * ```ts
 * codingsToCsv([{ note: "n1", coder: "anna", code: "time" }]); // "note_id;coder;code;polarity\nn1;anna;time;\n"
 * codingsToCsv([], [{ coder: "anna", notes: ["n2"] }]); // "note_id;coder;code;polarity\nn2;anna;;\n"
 * ```
 */
export function codingsToCsv(
  codings: readonly Coding[],
  seen: ReadonlyArray<{ coder: string; notes: readonly string[] }> = [],
  notes: readonly Note[] = [],
): string {
  const rows: Array<{ note: string; cells: string[] }> = codings.map((c) => ({ note: c.note, cells: [c.note, c.coder, c.code, c.polarity ?? ""] }));
  const coded = new Set(codings.map((c) => `${c.coder}\u0000${c.note}`));
  for (const s of seen) for (const note of s.notes) if (!coded.has(`${s.coder}\u0000${note}`)) rows.push({ note, cells: [note, s.coder, "", ""] });
  if (notes.length > 0) {
    const order = new Map(notes.map((n, i) => [n.id, i]));
    const at = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
    rows.sort((a, b) => at(a.note) - at(b.note)); // stable: a note's rows keep their order
  }
  return csvStringify([["note_id", "coder", "code", "polarity"], ...rows.map((r) => r.cells)], { delimiter: ";", record_delimiter: "\n" });
}
