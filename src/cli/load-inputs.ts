import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Codebook } from "../codebook/codebook.ts";
import { BUNDLED_CODEBOOKS_DIR, readCodebook } from "../codebook/load.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { decodeText } from "../notes/decode.ts";
import { CliError } from "./exit-codes.ts";

/** A codebook read for a command, and the file it came from (for the no-overwrite guard and lint). */
export interface CodebookInputFile {
  codebook: Codebook;
  /** The codebook's path (a bundled codebook's too). */
  path: string | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Reads a codebook by bundled name or path; an unreadable or invalid codebook is an input error.
 *
 * @param nameOrPath a bundled codebook name or a file
 * @param cwd the folder paths are relative to
 * @returns the codebook, its file, and its warnings
 * @throws CliError (exit 2) with the codebook's located diagnostics
 * @example
 * ```ts
 * const { codebook, path } = await readCodebookInput("natland-2021", process.cwd());
 * ```
 */
export async function readCodebookInput(nameOrPath: string, cwd: string): Promise<CodebookInputFile> {
  const result = await readCodebook(nameOrPath, { from: cwd });
  if (!result.ok) throw new CliError(`Cannot load codebook "${nameOrPath}"`, result.diagnostics);
  return { codebook: result.value, path: await codebookPath(nameOrPath, cwd), diagnostics: result.diagnostics };
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
  for (const path of candidates) if (await readFile(path).then(() => true, () => false)) return path;
  return undefined;
}

/**
 * Reads a file as text (UTF-8, or Windows-1252 with a warning). A missing file is an input error.
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
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a folder" : (error as Error).message;
    throw new CliError(`Cannot read "${file}": ${why}`, [diagnostic({ code: "file-not-found", severity: "error", reason: `Cannot read "${file}": ${why}`, file, source: "kodebok:cli" })]);
  }
  return decodeText(bytes, file);
}
