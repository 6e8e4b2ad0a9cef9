import { readFile, stat } from "node:fs/promises";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";

/** What an input file is read for, for messages: the action that fails and the diagnostic source. */
export interface InputFileRole {
  /** The action, as a message starts: `Cannot load notes`, `Cannot load codings`. */
  action: string;
  /** The diagnostic source: `kodebok:notes`, ... */
  source: string;
  /** The file's name in messages, when it is not the path read (a path as the user typed it). */
  name?: string;
}

/**
 * Reads an input file's bytes: the one place where every loader (notes, codings, codebooks,
 * REFI-QDA files) opens a file, so that a missing file, a folder and an unreadable file are
 * reported the same way everywhere, as a located `file-not-found` or `file-is-folder` error.
 *
 * @param path the file, as the caller named it (messages quote it as given)
 * @param role the action and source for messages
 * @returns the bytes, or the diagnostic that says why not
 * @example
 * ```ts
 * const bytes = await readInputFile("fixtures/seminars", { action: "Cannot load notes", source: "kodebok:notes" });
 * bytes.ok; // false: "fixtures/seminars: Cannot load notes: it is a folder, not a file [file-is-folder]"
 * ```
 */
export async function readInputFile(path: string, role: InputFileRole): Promise<Result<Uint8Array>> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return refused(path, role, "file-is-folder", "it is a folder, not a file", "Name the files in it, such as folder/*.csv.");
    // Size caps and non-regular files (FIFOs, devices) are checked here too, before reading.
    return { ok: true, value: new Uint8Array(await readFile(path)), diagnostics: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return refused(path, role, "file-not-found", "the file does not exist");
    if (code === "EISDIR") return refused(path, role, "file-is-folder", "it is a folder, not a file", "Name the files in it, such as folder/*.csv.");
    if (code === "EACCES" || code === "EPERM") return refused(path, role, "file-not-found", "permission to read the file is denied");
    return refused(path, role, "file-not-found", (error as Error).message);
  }
}

function refused(path: string, role: InputFileRole, code: "file-not-found" | "file-is-folder", why: string, note?: string): Result<Uint8Array> {
  const d: Diagnostic = diagnostic({ code, severity: "error", reason: `${role.action}: ${why}`, file: role.name ?? path, source: role.source, ...(note ? { note } : {}) });
  return { ok: false, diagnostics: [d] };
}
