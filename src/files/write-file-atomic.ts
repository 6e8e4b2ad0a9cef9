import { checkOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import { randomBytes } from "node:crypto";
import { realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";

/** Options of {@link writeFileAtomic}. */
export interface WriteOptions {
  /** Paths of the files the output was made from; writing over one of them is refused. */
  inputs?: readonly string[];
}

const WriteOptionsSchema: z.ZodType<WriteOptions, unknown> = z.object({ inputs: z.array(z.string()).readonly().optional() }).strict();

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
 * reader never sees half a file and a failed write leaves the old file. Refuses to write over one
 * of `inputs`, also through a symbolic or hard link: kodebok never overwrites its input.
 *
 * @param path the file to write
 * @param data the content
 * @param options the input files not to overwrite
 * @returns nothing; throws a KodebokError (`output-overwrites-input`, `file-write-failed`)
 * @example
 * ```ts
 * await writeFileAtomic("report.md", markdown, { inputs: ["notes.csv"] });
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  options = checkOptions(WriteOptionsSchema, options, `write "${path}"`, "kodebok:files");
  for (const input of options.inputs ?? []) {
    if (await sameFile(input, path)) {
      throw new KodebokError([
        diagnostic({
          code: "output-overwrites-input",
          severity: "error",
          reason: `Cannot write "${path}": it is an input file of this run, and kodebok never overwrites its input`,
          file: path,
          note: "Choose another output path.",
          source: "kodebok:files",
        }),
      ]);
    }
  }
  const target = await realpath(path).catch(() => resolve(path));
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data, { flag: "wx" });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new KodebokError([
      diagnostic({
        code: "file-write-failed",
        severity: "error",
        reason: `Cannot write "${path}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        file: path,
        source: "kodebok:files",
      }),
    ]);
  }
}
