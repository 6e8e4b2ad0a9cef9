import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";

/**
 * The largest files kodebok reads whole, in bytes. A text file of at most `textFile` bytes
 * always decodes to a string V8 can hold (its limit is about 536.9 million UTF-16 units, and a
 * byte never decodes to more than one unit): larger notes files are read with `streamNotes`,
 * which holds one record at a time. A codebook is small (the bundled ones are under 100 KB);
 * `codebook` bounds what a validated YAML document may cost in memory (a 50 MB codebook took
 * 3.3 GB to lint).
 */
export const INPUT_LIMITS: { readonly textFile: number; readonly codebook: number } = {
  textFile: 500 * 1024 * 1024,
  codebook: 8 * 1024 * 1024,
};

/** What an input file is read for, for messages: the action that fails and the diagnostic source. */
export interface InputFileRole {
  /** The action, as a message starts: `Cannot load notes`, `Cannot load codings`. */
  action: string;
  /** The diagnostic source: `kodebok:notes`, ... */
  source: string;
  /** The file's name in messages, when it is not the path read (a path as the user typed it). */
  name?: string;
  /** The largest size read, in bytes (default `INPUT_LIMITS.textFile`). */
  maxBytes?: number;
  /** What to do instead with a file that is too large (the note of `file-too-large`). */
  tooLarge?: string;
}

/**
 * Reads an input file's bytes: the one place where every loader (notes, codings, codebooks,
 * REFI-QDA files) opens a file, so that what is refused is refused the same way everywhere:
 * - a missing file (`file-not-found`), a folder (`file-is-folder`), a file without read permission
 *   (`file-unreadable`);
 * - anything but a regular file (`file-not-regular`): a device (`/dev/zero` never ends), a FIFO
 *   (it would block), a socket. The file is opened without blocking and checked on the open
 *   handle, so what is checked is what is read;
 * - a file larger than `maxBytes` (`file-too-large`), before it is read.
 *
 * @param path the file, as the caller named it (messages quote it as given)
 * @param role the action and source for messages, the size limit
 * @returns the bytes, or the diagnostic that says why not
 * @example
 * ```ts
 * const bytes = await readInputFile("fixtures/seminars", { action: "Cannot load notes", source: "kodebok:notes" });
 * bytes.ok; // false: "fixtures/seminars: Cannot load notes: it is a folder, not a file [file-is-folder]"
 * ```
 */
export async function readInputFile(path: string, role: InputFileRole): Promise<Result<Uint8Array>> {
  const max = role.maxBytes ?? INPUT_LIMITS.textFile;
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return refused(path, role, "file-not-found", "the file does not exist");
    if (code === "EISDIR") return refused(path, role, "file-is-folder", "it is a folder, not a file", "Name the files in it, such as folder/*.csv.");
    if (code === "EACCES" || code === "EPERM") return refused(path, role, "file-unreadable", "permission to read the file is denied");
    if (code === "ENXIO") return refused(path, role, "file-not-regular", "it is not a regular file (a socket, or a pipe without a writer)");
    return refused(path, role, "file-unreadable", (error as Error).message);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return refused(path, role, "file-is-folder", "it is a folder, not a file", "Name the files in it, such as folder/*.csv.");
    if (!info.isFile()) return refused(path, role, "file-not-regular", "it is not a regular file (a device, pipe or socket), which kodebok does not read", "Save the input to a file first.");
    if (info.size > max) return refused(path, role, "file-too-large", `it has ${formatBytes(info.size)}, more than the ${formatBytes(max)} kodebok reads whole`, role.tooLarge);
    const bytes = new Uint8Array(await handle.readFile());
    if (bytes.length > max) return refused(path, role, "file-too-large", `it grew to more than ${formatBytes(max)} while it was read`, role.tooLarge);
    return { ok: true, value: bytes, diagnostics: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return refused(path, role, "file-is-folder", "it is a folder, not a file", "Name the files in it, such as folder/*.csv.");
    return refused(path, role, "file-unreadable", code ?? (error as Error).message);
  } finally {
    await handle.close();
  }
}

function refused(path: string, role: InputFileRole, code: Diagnostic["code"], why: string, note?: string): Result<Uint8Array> {
  const d: Diagnostic = diagnostic({ code, severity: "error", reason: `${role.action}: ${why}`, file: role.name ?? path, source: role.source, ...(note ? { note } : {}) });
  return { ok: false, diagnostics: [d] };
}

/** A size in bytes, MiB or GiB, for messages. */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes % 1024 ** 2 === 0 ? 0 : 1)} MiB`;
  return `${bytes} bytes`;
}
