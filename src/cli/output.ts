import { resolve } from "node:path";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { sameFile, writeFileAtomic } from "../files/write-file-atomic.ts";
import { CliError } from "./exit-codes.ts";

/**
 * Refuses an output path that is one of the inputs (the same path, or the same file through a
 * link), so a run can never overwrite its own data.
 *
 * @param out the output path
 * @param inputs the input paths of the run
 * @param cwd the working folder paths are relative to
 * @returns nothing when `out` is not an input
 * @throws CliError (exit 2) when `out` is an input
 * @example
 * ```ts
 * await assertNotInput("notes.csv", ["notes.csv"], process.cwd()); // throws
 * ```
 */
export async function assertNotInput(out: string, inputs: readonly string[], cwd: string): Promise<void> {
  const target = resolve(cwd, out);
  for (const input of inputs) {
    if (await sameFile(resolve(cwd, input), target)) {
      throw new CliError(`Cannot write "${out}": it is an input file of this run, and kodebok never overwrites its input`, [
        diagnostic({
          code: "output-overwrites-input",
          severity: "error",
          reason: `Cannot write the output to "${out}": it is an input file of this run, and kodebok never overwrites its input`,
          file: out,
          note: "Name another --out file.",
          source: "kodebok:cli",
        }),
      ]);
    }
  }
}


/**
 * Sends a command's output to `--out` (atomically, never onto an input) or to stdout.
 *
 * @param io where stdout is, and the working folder
 * @param content the output
 * @param out the `--out` path, or undefined (or `-`) for stdout
 * @param inputs the run's input files
 * @returns nothing once written
 * @example
 * ```ts
 * await emit(processIO(), text, options.out, ["notes.csv"]);
 * ```
 */
export async function emit(io: { stdout(text: string): void; cwd: string }, content: string | Uint8Array, out: string | undefined, inputs: readonly string[]): Promise<void> {
  if (out === undefined || out === "-") {
    io.stdout(typeof content === "string" ? content : new TextDecoder().decode(content));
    return;
  }
  await assertNotInput(out, inputs, io.cwd);
  await writeFileAtomic(resolve(io.cwd, out), content, { inputs: inputs.map((input) => resolve(io.cwd, input)) });
}
