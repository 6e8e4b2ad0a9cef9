import { readFile } from "node:fs/promises";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";
import type { LoadedCodings } from "./loaded-codings.ts";
import { parseCodings, type ParseCodingsOptions } from "./parse-codings.ts";

/**
 * Reads human codings from a CSV or JSON file: a thin wrapper that reads the file (UTF-8) and
 * calls {@link parseCodings} with the path as `file`, so diagnostics point at `path:line:column`.
 *
 * @param path The file's path; `.json` is read as JSON, anything else by its content.
 * @param options As for {@link parseCodings} (without `file`, which is the path).
 * @returns The loaded codings with diagnostics, or a `file-not-found` diagnostic.
 * @example
 * ```ts
 * const result = await readCodings("codings.csv", { codebook });
 * if (!result.ok) for (const d of result.diagnostics) console.error(formatDiagnostic(d));
 * ```
 */
export async function readCodings(path: string, options?: Omit<ParseCodingsOptions, "file">): Promise<Result<LoadedCodings>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return {
      ok: false,
      diagnostics: [diagnostic({
        code: "file-not-found", severity: "error", source: "kodebok:codings", file: path,
        reason: `Cannot load codings: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : (error as Error).message}`,
      })],
    };
  }
  return parseCodings(text, { ...(options ?? {}), file: path });
}
