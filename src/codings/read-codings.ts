import { diagnostic } from "../diagnostics/diagnostic.ts";
import { unwrap, type Result } from "../diagnostics/result.ts";
import { binaryContent } from "../files/binary-content.ts";
import { readInputFile } from "../files/read-input-file.ts";
import { decodeText } from "../notes/decode.ts";
import type { LoadedCodings } from "./loaded-codings.ts";
import { parseCodings, type ParseCodingsOptions } from "./parse-codings.ts";

const SOURCE = "kodebok:codings";

/**
 * Reads human codings from a CSV or JSON file (the `readX` convention: a result, never a throw):
 * reads the file, decodes it (UTF-8, or Windows-1252 with a warning) and calls
 * {@link parseCodings} with the path as `file`, so diagnostics point at `path:line:column`. A
 * missing file, a folder and binary content are refused with a located error.
 *
 * @param path The file's path; `.json` is read as JSON, anything else by its content.
 * @param options As for {@link parseCodings} (without `file`, which is the path).
 * @returns The loaded codings with diagnostics, or the diagnostics that explain why not.
 * @example
 * ```ts
 * const result = await readCodings("codings.csv", { codebook });
 * if (!result.ok) for (const d of result.diagnostics) console.error(formatDiagnostic(d));
 * ```
 */
export async function readCodings(path: string, options?: Omit<ParseCodingsOptions, "file">): Promise<Result<LoadedCodings>> {
  const bytes = await readInputFile(path, { action: "Cannot load codings", source: SOURCE });
  if (!bytes.ok) return bytes;
  const binary = binaryContent(bytes.value);
  if (binary !== undefined) {
    return { ok: false, diagnostics: [diagnostic({ code: "file-binary", severity: "error", source: SOURCE, file: path, reason: `Cannot load codings: the file is ${binary}, not text; codings are read from CSV or JSON` })] };
  }
  const decoded = decodeText(bytes.value, path);
  if (!decoded.ok) return decoded;
  const result = parseCodings(decoded.text, { ...(options ?? {}), file: path });
  return { ...result, diagnostics: [...decoded.diagnostics, ...result.diagnostics] };
}

/**
 * Loads human codings as {@link readCodings} reads them, and throws a `KodebokError` with the
 * located diagnostics when they cannot be read (the `loadX` convention: the value, or a throw).
 *
 * @param path The file's path.
 * @param options As for {@link parseCodings} (without `file`).
 * @returns The loaded codings.
 * @example
 * ```ts
 * const { codings, coders } = await loadCodings("codings.csv", { codebook });
 * ```
 */
export async function loadCodings(path: string, options?: Omit<ParseCodingsOptions, "file">): Promise<LoadedCodings> {
  return unwrap(await readCodings(path, options));
}
