import type { Codebook } from "../codebook/codebook.ts";
import { unwrap, type Result } from "../diagnostics/result.ts";
import { readInputFile } from "../files/read-input-file.ts";
import type { CodedNote } from "../match/coded-note.ts";
import { parseQdc } from "./from-qdc.ts";
import type { ImportCodebookOptions } from "./import-codes.ts";
import { parseQdpx, type QdpxImportOptions, type RefiProject } from "./from-qdpx.ts";
import { toQdc, type QdcOptions } from "./to-qdc.ts";
import { toQdpx, type QdpxOptions } from "./to-qdpx.ts";
import { writeFileAtomic, type WriteOptions } from "../files/write-file-atomic.ts";

export { writeFileAtomic, type WriteOptions };

const SOURCE = "kodebok:refi-qda";

/**
 * Writes a codebook as a `.qdc` file (see `toQdc`), atomically.
 *
 * @param path - the `.qdc` file to write
 * @param codebook - the codebook
 * @param options - language; input files not to overwrite
 * @returns nothing; throws KodebokError when the file cannot be written
 * @example
 * ```ts
 * await writeQdc("natland-2021.qdc", await loadCodebook("natland-2021"));
 * ```
 */
export async function writeQdc(path: string, codebook: Codebook, options: QdcOptions & WriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, toQdc(codebook, options), options.inputs ? { inputs: options.inputs } : {});
}

/**
 * Writes coded notes as a `.qdpx` project (see `toQdpx`), atomically.
 *
 * @param path - the `.qdpx` file to write
 * @param coded - the coded notes
 * @param codebook - the codebook
 * @param options - grouping, human codings, language; input files not to overwrite
 * @returns nothing; throws KodebokError when the file cannot be written
 * @example
 * ```ts
 * await writeQdpx("seminars.qdpx", codeNotes(notes, codebook), codebook, { codings, inputs: ["notes.csv"] });
 * ```
 */
export async function writeQdpx(path: string, coded: readonly CodedNote[], codebook: Codebook, options: QdpxOptions & WriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, toQdpx(coded, codebook, options), options.inputs ? { inputs: options.inputs } : {});
}

async function readBytes(path: string): Promise<Result<Uint8Array>> {
  return readInputFile(path, { action: `Cannot read "${path}"`, source: SOURCE });
}

/**
 * Reads a REFI-QDA codebook file (`.qdc`) (the `readX` convention: a result, never a throw); see
 * {@link parseQdc}.
 *
 * @param path - the `.qdc` file
 * @param options - codebook id, title, languages
 * @returns the codebook with diagnostics, or errors located in the file
 * @example
 * ```ts
 * const result = await readQdc("codes.qdc", { id: "atlas" });
 * if (result.ok) console.log(result.value.codes.length);
 * ```
 */
export async function readQdc(path: string, options: ImportCodebookOptions = {}): Promise<Result<Codebook>> {
  const bytes = await readBytes(path);
  if (!bytes.ok) return bytes;
  return parseQdc(new TextDecoder().decode(bytes.value), { ...options, file: options.file ?? path });
}

/**
 * Loads a REFI-QDA codebook file (`.qdc`) and throws a `KodebokError` when it cannot be read (the
 * `loadX` convention); see {@link readQdc}.
 *
 * @param path - the `.qdc` file
 * @param options - codebook id, title, languages
 * @returns the codebook
 * @example
 * ```ts
 * const codebook = await loadQdc("codes.qdc");
 * ```
 */
export async function loadQdc(path: string, options: ImportCodebookOptions = {}): Promise<Codebook> {
  return unwrap(await readQdc(path, options));
}

/**
 * Reads a REFI-QDA project file: a `.qdpx` archive, or a bare `.qde` (which has no source texts:
 * each selection becomes a note) (the `readX` convention: a result, never a throw). The path is
 * always a path; to parse bytes or XML text, use `parseQdpx`.
 *
 * @param path - the `.qdpx` or `.qde` file
 * @param options - split rule, zip limits, codebook id/title/languages
 * @returns notes, codings, codebook, users; or errors
 * @example
 * ```ts
 * const result = await readQdpx("project.qdpx", { split: "paragraphs" });
 * if (result.ok) console.log(result.value.codings.length);
 * ```
 */
export async function readQdpx(path: string, options: QdpxImportOptions = {}): Promise<Result<RefiProject>> {
  const bytes = await readBytes(path);
  if (!bytes.ok) return bytes;
  return parseQdpx(bytes.value, { ...options, file: options.file ?? path });
}

/**
 * Loads a REFI-QDA project file and throws a `KodebokError` when it cannot be read (the `loadX`
 * convention); see {@link readQdpx}.
 *
 * @param path - the `.qdpx` or `.qde` file
 * @param options - split rule, zip limits, codebook id/title/languages
 * @returns notes, codings, codebook, users
 * @example
 * ```ts
 * const { notes, codings } = await loadQdpx("project.qdpx");
 * ```
 */
export async function loadQdpx(path: string, options: QdpxImportOptions = {}): Promise<RefiProject> {
  return unwrap(await readQdpx(path, options));
}

/** What {@link readRefiQda} returns: a codebook (from `.qdc`) or a project (from `.qdpx`/`.qde`). */
export type RefiImport = { kind: "codebook"; codebook: Codebook } | ({ kind: "project" } & RefiProject);

/**
 * Reads a REFI-QDA file of either kind by path, for the CLI: `.qdc` → codebook; `.qdpx` or `.qde`
 * → project (other extensions are recognised by content).
 *
 * @param path - the file
 * @param options - split rule, zip limits, codebook id/title/languages
 * @returns the codebook or project with diagnostics; or errors
 * @example
 * ```ts
 * const result = await readRefiQda("codes.qdc");
 * if (result.ok && result.value.kind === "codebook") console.log(result.value.codebook.codes.length);
 * ```
 */
export async function readRefiQda(path: string, options: QdpxImportOptions = {}): Promise<Result<RefiImport>> {
  const bytes = await readBytes(path);
  if (!bytes.ok) return bytes;
  const data = bytes.value;
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  const text = isZip ? "" : new TextDecoder().decode(data.subarray(0, 4096));
  const isCodebook = /\.qdc$/i.test(path) || (!isZip && !/\.qd(e|px)$/i.test(path) && /<([a-zA-Z_][\w.-]*:)?CodeBook[\s>/]/.test(text) && !/<([a-zA-Z_][\w.-]*:)?Project[\s>/]/.test(text));
  if (isCodebook) {
    const result = parseQdc(new TextDecoder().decode(data), { ...options, file: options.file ?? path });
    return result.ok ? { ...result, value: { kind: "codebook", codebook: result.value } } : result;
  }
  const result = parseQdpx(data, { ...options, file: options.file ?? path });
  return result.ok ? { ...result, value: { kind: "project", ...result.value } } : result;
}
