import { readFile } from "node:fs/promises";
import type { Codebook } from "../codebook/codebook.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError, type Result } from "../diagnostics/result.ts";
import type { CodedNote } from "../match/coded-note.ts";
import { fromQdc } from "./from-qdc.ts";
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
  await writeFileAtomic(path, toQdc(codebook, options), options);
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
  await writeFileAtomic(path, toQdpx(coded, codebook, options), options);
}

async function readBytes(path: string): Promise<Result<Uint8Array>> {
  try {
    return { ok: true, value: new Uint8Array(await readFile(path)), diagnostics: [] };
  } catch (error) {
    return { ok: false, diagnostics: [diagnostic({ code: "file-not-found", severity: "error", file: path, source: SOURCE,
      reason: `Cannot read "${path}": ${(error as { code?: string }).code === "ENOENT" ? "no such file" : (error as Error).message}` })] };
  }
}

/**
 * Imports a REFI-QDA project: `.qdpx` bytes, `.qde` XML text, or the path of a `.qdpx` or `.qde`
 * file (a bare `.qde` has no source texts: each selection becomes a note). See `parseQdpx`.
 *
 * @param input - bytes, XML text, or a file path
 * @param options - split rule, zip limits, codebook id/title/languages
 * @returns notes, codings, codebook, users; or errors
 * @example
 * ```ts
 * const result = await fromQdpx("project.qdpx", { split: "paragraphs" });
 * if (result.ok) console.log(result.value.codings.length);
 * ```
 */
export async function fromQdpx(input: Uint8Array | string, options: QdpxImportOptions = {}): Promise<Result<RefiProject>> {
  if (typeof input !== "string" || input.trimStart().startsWith("<")) return parseQdpx(input, options);
  const bytes = await readBytes(input);
  if (!bytes.ok) return bytes;
  return parseQdpx(bytes.value, { ...options, file: options.file ?? input });
}

/** What {@link importRefiQda} returns: a codebook (from `.qdc`) or a project (from `.qdpx`/`.qde`). */
export type RefiImport = { kind: "codebook"; codebook: Codebook } | ({ kind: "project" } & RefiProject);

/**
 * Imports a REFI-QDA file by path, for the CLI: `.qdc` → codebook; `.qdpx` or `.qde` → project
 * (other extensions are recognised by content).
 *
 * @param path - the file
 * @param options - split rule, zip limits, codebook id/title/languages
 * @returns the codebook or project with diagnostics; or errors
 * @example
 * ```ts
 * const result = await importRefiQda("codes.qdc");
 * if (result.ok && result.value.kind === "codebook") console.log(result.value.codebook.codes.length);
 * ```
 */
export async function importRefiQda(path: string, options: QdpxImportOptions = {}): Promise<Result<RefiImport>> {
  const bytes = await readBytes(path);
  if (!bytes.ok) return bytes;
  const data = bytes.value;
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  const text = isZip ? "" : new TextDecoder().decode(data.subarray(0, 4096));
  const isCodebook = /\.qdc$/i.test(path) || (!isZip && !/\.qd(e|px)$/i.test(path) && /<([a-zA-Z_][\w.-]*:)?CodeBook[\s>/]/.test(text) && !/<([a-zA-Z_][\w.-]*:)?Project[\s>/]/.test(text));
  if (isCodebook) {
    const result = fromQdc(new TextDecoder().decode(data), { ...options, file: options.file ?? path });
    return result.ok ? { ...result, value: { kind: "codebook", codebook: result.value } } : result;
  }
  const result = parseQdpx(data, { ...options, file: options.file ?? path });
  return result.ok ? { ...result, value: { kind: "project", ...result.value } } : result;
}
