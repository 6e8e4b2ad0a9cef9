import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Option } from "commander";
import type { Codebook } from "../codebook/codebook.ts";
import { BUNDLED_CODEBOOKS_DIR, readCodebook } from "../codebook/load.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";
import type { LearnedModel } from "../learn/model.ts";
import { parseModel } from "../learn/read-model.ts";
import { decodeText } from "../notes/decode.ts";
import type { DatasetFile } from "../check/check-dataset.ts";
import { binaryContent } from "../files/binary-content.ts";
import { readInputFile } from "../files/read-input-file.ts";
import { describeNotesFileTypes, NotesFormatSchema, officeFormat } from "../notes/formats.ts";
import type { LoadedNotes } from "../notes/loaded-notes.ts";
import type { NotesOptions } from "../notes/parse.ts";
import { combineNotes, parseNotesBytes, readNotesFile } from "../notes/read-notes.ts";
import { CliError } from "./exit-codes.ts";
import type { CliIO } from "./io.ts";

/** How standard input is named in messages, when `-` stands for a file. */
export const STDIN_NAME = "<stdin>";

/**
 * The `--input-format` option of the commands that read notes: the format of standard input, or
 * of a file whose extension kodebok does not read.
 *
 * @returns the commander option
 * @example
 * ```ts
 * command.addOption(inputFormatOption());
 * ```
 */
export function inputFormatOption(): Option {
  return new Option("--input-format <format>", "the notes' format, for standard input (-) or a file of another extension (default: from the extension or content)").choices(NotesFormatSchema.options);
}

/**
 * Reads the notes files a command names, with `-` for standard input (once). Relative paths are
 * kept as typed, so messages name them as typed.
 *
 * @param files the files as given on the command line
 * @param options format and column mapping
 * @param io the process's IO (standard input)
 * @returns the notes of all files, or every diagnostic
 * @throws CliError (exit 2) when `-` is given twice, or there is no standard input
 * @example
 * ```ts
 * const loaded = await readNotesInputs(["-"], { format: "csv" }, processIO());
 * ```
 */
export async function readNotesInputs(files: readonly string[], options: NotesOptions, io: CliIO): Promise<Result<LoadedNotes>> {
  const results: Result<LoadedNotes>[] = [];
  const stdin = await readStdinOnce(files, io);
  for (const file of files) {
    if (file === "-") {
      results.push(await parseNotesBytes(stdin!, { idPrefix: "stdin", ...options, file: STDIN_NAME }));
      continue;
    }
    // Read from the run's folder (io.cwd, as --out and the codebook), named as typed.
    const path = resolve(io.cwd, file);
    const read = await readNotesFile(path, options);
    const typed = <T extends { file?: string }>(d: T): T => (d.file === path ? { ...d, file } : d);
    results.push(read.ok ? { ...read, diagnostics: read.diagnostics.map(typed) } : { ok: false, diagnostics: read.diagnostics.map(typed) });
  }
  return combineNotes(results);
}

/**
 * Standard input's bytes when one of `files` is `-`.
 *
 * @param files the files as given
 * @param io the process's IO
 * @returns the bytes, or undefined when no file is `-`
 * @throws CliError (exit 2) when `-` is given twice, or the process has no standard input
 * @example
 * ```ts
 * const bytes = await readStdinOnce(["-"], processIO());
 * ```
 */
export async function readStdinOnce(files: readonly string[], io: CliIO): Promise<Uint8Array | undefined> {
  const dashes = files.filter((f) => f === "-").length;
  if (dashes === 0) return undefined;
  if (dashes > 1) throw new CliError("Cannot read standard input twice: give - once");
  if (!io.readStdin) throw new CliError("Cannot read standard input: there is none here");
  return io.readStdin();
}

/** A codebook read for a command, and the file it came from (for the no-overwrite guard and lint). */
export interface CodebookInputFile {
  codebook: Codebook;
  /** The codebook's path (a bundled codebook's too). */
  path: string | undefined;
  /** Every file read for it: its own and its bases' (`extends`). All are inputs of the run. */
  files: string[];
  diagnostics: Diagnostic[];
}

/**
 * Reads a codebook by bundled name or path; an unreadable or invalid codebook is an input error.
 *
 * @param nameOrPath a bundled codebook name or a file
 * @param cwd the folder paths are relative to
 * @param options `model: false`: leave out the model the codebook names
 * @returns the codebook, its file, every file read for it (with its bases), and its warnings
 * @throws CliError (exit 2) with the codebook's located diagnostics
 * @example
 * ```ts
 * const { codebook, path } = await readCodebookInput("natland-2021", process.cwd());
 * ```
 */
export async function readCodebookInput(nameOrPath: string, cwd: string, options: { model?: boolean } = {}): Promise<CodebookInputFile> {
  const files: string[] = [];
  const result = await readCodebook(nameOrPath, { from: cwd, files, ...options });
  if (!result.ok) throw new CliError(`Cannot load codebook "${nameOrPath}"`, result.diagnostics);
  return { codebook: result.value, path: await codebookPath(nameOrPath, cwd), files, diagnostics: result.diagnostics };
}

/**
 * The file a codebook name or path refers to, as `readCodebook` resolves it.
 *
 * @param nameOrPath a bundled codebook name or a file
 * @param cwd the folder paths are relative to
 * @returns the absolute path, or undefined when there is no such file
 * @example
 * ```ts
 * await codebookPath("natland-2021", process.cwd()); // ".../codebooks/natland-2021.yaml"
 * ```
 */
export async function codebookPath(nameOrPath: string, cwd: string): Promise<string | undefined> {
  const candidates = /^[a-z][a-z0-9_-]*$/u.test(nameOrPath)
    ? [resolve(BUNDLED_CODEBOOKS_DIR, `${nameOrPath}.yaml`), resolve(BUNDLED_CODEBOOKS_DIR, `${nameOrPath}.yml`)]
    : [];
  candidates.push(resolve(cwd, nameOrPath));
  for (const path of candidates) if (await stat(path).then(() => true, () => false)) return path;
  return undefined;
}

/**
 * Reads a file as text (UTF-8, or Windows-1252 with a warning). A missing file, a folder and
 * binary content are input errors.
 *
 * @param file the path
 * @param cwd the folder paths are relative to
 * @returns the decoded text and any encoding warning
 * @throws CliError (exit 2) when the file cannot be read
 * @example
 * ```ts
 * const { text } = await readTextInput("notes.csv", process.cwd());
 * ```
 */
export async function readTextInput(file: string, cwd: string): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  const read = await readText(resolve(cwd, file), file, `Cannot read "${file}"`);
  if (!read.ok) throw new CliError(read.diagnostics[0]!.reason, read.diagnostics);
  return read.value;
}

/**
 * Reads the files of a dataset (`kodebok check`, `kodebok agree`) as text, `-` as standard input,
 * in the order given. A file that cannot be read (missing, a folder, binary) comes back with no
 * text and the error among its diagnostics, and the others are still read, so that a command can
 * report every problem in one run.
 *
 * @param files the files as given on the command line
 * @param io the process's IO
 * @returns each file's text and diagnostics
 * @throws CliError (exit 2) when `-` is given twice, or there is no standard input
 * @example
 * ```ts
 * const files = await readDatasetFiles(["data/seminar.csv", "-"], processIO());
 * const unreadable = files.filter((f) => hasErrors(f.diagnostics ?? []));
 * ```
 */
export async function readDatasetFiles(files: readonly string[], io: CliIO): Promise<DatasetFile[]> {
  const stdin = await readStdinOnce(files, io);
  const out: DatasetFile[] = [];
  for (const file of files) {
    const name = file === "-" ? STDIN_NAME : file;
    const read = file === "-" ? textOf(stdin!, name, "Cannot read standard input") : await readText(resolve(io.cwd, file), file, "Cannot read the dataset file");
    out.push(read.ok ? { file: name, text: read.value.text, diagnostics: read.value.diagnostics } : { file: name, text: "", diagnostics: read.diagnostics });
  }
  return out;
}

async function readText(path: string, name: string, action: string): Promise<Result<{ text: string; diagnostics: Diagnostic[] }>> {
  const bytes = await readInputFile(path, { action, source: "kodebok:cli", name });
  return bytes.ok ? textOf(bytes.value, name, action) : bytes;
}

function textOf(bytes: Uint8Array, name: string, action: string): Result<{ text: string; diagnostics: Diagnostic[] }> {
  if (officeFormat(name) !== undefined) {
    const reason = `${action}: a dataset is read from text files (CSV, TSV, JSON, JSON Lines, Markdown, text); save the ${officeFormat(name) === "xlsx" ? "workbook" : "document"} as CSV or text`;
    return { ok: false, diagnostics: [diagnostic({ code: "file-unsupported-type", severity: "error", reason, file: name, source: "kodebok:cli" })] };
  }
  const binary = binaryContent(bytes);
  if (binary !== undefined) {
    const d = diagnostic({ code: "file-binary", severity: "error", reason: `${action}: the file is ${binary}, not text; kodebok reads ${describeNotesFileTypes()} files`, file: name, source: "kodebok:cli" });
    return { ok: false, diagnostics: [d] };
  }
  const decoded = decodeText(bytes, name);
  return decoded.ok ? { ok: true, value: decoded, diagnostics: [] } : decoded;
}

/**
 * Reads a model file (kodebok learn) and checks it against the codebook; any problem is an
 * input error located in the model file as typed.
 *
 * @param file the model file
 * @param codebook the codebook the notes are coded with
 * @param cwd the folder paths are relative to
 * @returns the model
 * @throws CliError (exit 2) with the model's located diagnostics
 * @example
 * ```ts
 * const model = await readModelInput("model.json", codebook, process.cwd());
 * ```
 */
export async function readModelInput(file: string, codebook: Codebook, cwd: string): Promise<LearnedModel> {
  const { text } = await readTextInput(file, cwd);
  const result = parseModel(text, { file, codebook });
  if (!result.ok) throw new CliError(`Cannot use model "${file}"`, result.diagnostics);
  return result.value;
}
