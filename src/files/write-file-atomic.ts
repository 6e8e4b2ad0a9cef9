import { checkOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { chmod, lstat, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";

/** Options of {@link writeFileAtomic}. */
export interface WriteOptions {
  /** Paths of the files the output was made from; writing over one of them is refused. */
  inputs?: readonly string[];
}

const WriteOptionsSchema: z.ZodType<WriteOptions, unknown> = z.object({ inputs: z.array(z.string()).readonly().optional() }).strict();

/** One file of {@link writeFilesAtomic}: where, and what. */
export interface FileToWrite {
  path: string;
  data: string | Uint8Array;
}

/**
 * True when two paths name the same file: the same path after resolving links, or the same inode
 * (a hard link).
 *
 * @example
 * ```ts
 * await sameFile("notes.csv", "./notes.csv"); // true
 * ```
 */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([realpath(a).catch(() => resolve(a)), realpath(b).catch(() => resolve(b))]);
  if (ra === rb) return true;
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

/**
 * Writes a file atomically: to a temporary file next to the target, then renamed over it, so a
 * reader never sees half a file and a failed write leaves the old file. See
 * {@link writeFilesAtomic} for what is refused and kept.
 *
 * @param path the file to write
 * @param data the content
 * @param options the input files not to overwrite
 * @returns nothing; throws a KodebokError (`output-overwrites-input`, `output-not-regular`,
 *   `file-write-failed`)
 * @example
 * ```ts
 * await writeFileAtomic("report.md", markdown, { inputs: ["notes.csv"] });
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  options = checkOptions(WriteOptionsSchema, options, `write "${path}"`, "kodebok:files");
  await writeFilesAtomic([{ path, data }], options);
}

/**
 * Writes several files as one: every file goes to a temporary file next to its target first,
 * and only when all are written are they renamed over their targets, so a failure leaves none of
 * them half-written or missing beside the others. Each target:
 * - must not be one of `inputs` (also through a symbolic or hard link): kodebok never overwrites its input;
 * - must not be a symbolic link: kodebok never writes through a link (a cloned folder may hold
 *   one that points anywhere), nor renames over one;
 * - that is a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written
 *   directly, never replaced by a regular file; a folder, socket or block device is refused;
 * - that exists keeps its permission bits (a `chmod 600` report stays 600).
 * A temporary file left by an interrupted run is removed on SIGINT or SIGTERM.
 *
 * @param files the files and their content
 * @param options the input files not to overwrite
 * @returns nothing; throws a KodebokError (`output-overwrites-input`, `output-not-regular`,
 *   `file-write-failed`) before any target is touched
 * @example
 * ```ts
 * await writeFilesAtomic([{ path: "out/notes.csv", data: csv }, { path: "out/codebook.yaml", data: yaml }]);
 * ```
 */
export async function writeFilesAtomic(files: readonly FileToWrite[], options: WriteOptions & { beforeRename?: () => Promise<void> } = {}): Promise<void> {
  const plans: { path: string; target: string; data: string | Uint8Array; kind: "file" | "device"; mode: number | undefined }[] = [];
  for (const { path, data } of files) {
    for (const input of options.inputs ?? []) if (await sameFile(input, path)) throw new KodebokError([overwritesInput(path)]);
    const target = resolve(path);
    const found = await lstat(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw new KodebokError([writeFailed(path, error)]);
    });
    // A link to a terminal, /dev/null or a pipe (/dev/stdout is one) is written directly; a link to anything else is refused.
    const linked = found?.isSymbolicLink() ? await stat(target).catch(() => undefined) : undefined;
    if (found === undefined) plans.push({ path, target, data, kind: "file", mode: undefined });
    else if (found.isSymbolicLink() && (linked?.isCharacterDevice() || linked?.isFIFO())) plans.push({ path, target, data, kind: "device", mode: undefined });
    else if (found.isSymbolicLink()) throw new KodebokError([notRegular(path, "it is a symbolic link, and kodebok never writes through a link", "Remove the link, or name the file it points to.")]);
    else if (found.isFile()) plans.push({ path, target, data, kind: "file", mode: found.mode & 0o7777 });
    else if (found.isCharacterDevice() || found.isFIFO()) plans.push({ path, target, data, kind: "device", mode: undefined });
    else if (found.isDirectory()) throw new KodebokError([notRegular(path, "it is a folder", "Name a file inside it.")]);
    else throw new KodebokError([notRegular(path, found.isSocket() ? "it is a socket" : "it is a block device", "Name a regular file.")]);
  }
  const temps: string[] = [];
  const cleanup = () => {
    for (const temp of temps) rmSync(temp, { force: true });
  };
  pending.add(cleanup);
  watchSignals();
  try {
    for (const plan of plans) {
      if (plan.kind === "device") continue;
      const temp = join(dirname(plan.target), `.${basename(plan.target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      temps.push(temp);
      try {
        await writeFile(temp, plan.data, { flag: "wx", ...(plan.mode !== undefined ? { mode: plan.mode } : {}) });
        // The mode given to open() is masked by the umask: set the old file's bits as they were.
        if (plan.mode !== undefined) await chmod(temp, plan.mode);
      } catch (error) {
        throw new KodebokError([writeFailed(plan.path, error as NodeJS.ErrnoException)]);
      }
    }
    if (options.beforeRename) await options.beforeRename();
    let t = 0;
    for (const plan of plans) {
      try {
        if (plan.kind === "device") await writeFile(plan.target, plan.data, { flag: "w" });
        else await rename(temps[t++]!, plan.target);
      } catch (error) {
        throw new KodebokError([writeFailed(plan.path, error as NodeJS.ErrnoException)]);
      }
    }
    temps.length = 0;
  } finally {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
    temps.length = 0;
    pending.delete(cleanup);
    watchSignals();
  }
}

/** Removers of the temporary files of writes in progress, run when the process is interrupted. */
const pending = new Set<() => void>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
let watching = false;

/**
 * On SIGINT or SIGTERM while a write is in progress: remove its temporary files, then die of the
 * signal as the process would have (unless the program has a handler of its own for it).
 */
function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of pending) cleanup();
  pending.clear();
  watchSignals();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function watchSignals(): void {
  if (pending.size > 0 && !watching) {
    for (const signal of SIGNALS) process.on(signal, onSignal);
    watching = true;
  } else if (pending.size === 0 && watching) {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    watching = false;
  }
}

function overwritesInput(path: string): Diagnostic {
  return diagnostic({
    code: "output-overwrites-input",
    severity: "error",
    reason: `Cannot write "${path}": it is an input file of this run, and kodebok never overwrites its input`,
    file: path,
    note: "Choose another output path.",
    source: "kodebok:files",
  });
}

function notRegular(path: string, why: string, note: string): Diagnostic {
  return diagnostic({ code: "output-not-regular", severity: "error", reason: `Cannot write "${path}": ${why}`, file: path, note, source: "kodebok:files" });
}

/** Why a write failed, in words, for the errors a user can act on. */
const WRITE_ERRORS: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EEXIST: "a temporary file of that name exists",
  EXDEV: "the temporary file and the target are on different file systems",
};

function writeFailed(path: string, error: NodeJS.ErrnoException): Diagnostic {
  if (error instanceof KodebokError) return error.diagnostics[0]!;
  const why = (error.code !== undefined ? WRITE_ERRORS[error.code] : undefined) ?? error.message;
  return diagnostic({
    code: "file-write-failed",
    severity: "error",
    reason: `Cannot write "${path}": ${why}${error.code !== undefined ? ` (${error.code})` : ""}`,
    file: path,
    source: "kodebok:files",
  });
}
