import { relative, isAbsolute } from "node:path";
import { formatDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";

/** What a command may touch of its process: output streams, terminal facts, environment, folder. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width for tables (80 when unknown). */
  columns: number;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads all of standard input (for `-` as an input file); left out where there is none. */
  readStdin?: () => Promise<Uint8Array>;
}

/**
 * The real process's IO: its stdout and stderr, whether they are terminals, its environment and folder.
 *
 * @returns the IO for {@link runCli}
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), processIO());
 * ```
 */
export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns ?? 80,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

/**
 * Whether to colour a stream: only a TTY, never with `NO_COLOR` set (https://no-color.org), never
 * on a dumb terminal. `FORCE_COLOR` (non-empty, not `0`) forces colour, for screenshots.
 *
 * @param io the process's IO
 * @param stream which stream
 * @returns true to colour it
 * @example
 * ```ts
 * colourEnabled({ ...processIO(), env: { NO_COLOR: "1" } }, "stdout"); // false
 * ```
 */
export function colourEnabled(io: CliIO, stream: "stdout" | "stderr"): boolean {
  const { NO_COLOR, FORCE_COLOR, TERM } = io.env;
  if (NO_COLOR !== undefined && NO_COLOR !== "") return false;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== "" && FORCE_COLOR !== "0") return true;
  if (TERM === "dumb") return false;
  return stream === "stdout" ? io.stdoutIsTTY : io.stderrIsTTY;
}

/** ANSI styles, or identity functions when colour is off. */
export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/**
 * The ANSI styles, or plain text when colour is off.
 *
 * @param enabled whether to colour
 * @returns the styles
 * @example
 * ```ts
 * style(false).red("error"); // "error"
 * ```
 */
export function style(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/**
 * A file name as the user would write it: relative to the working folder when inside it.
 *
 * @param file a path
 * @param cwd the working folder
 * @returns the path to show
 * @example
 * ```ts
 * displayPath("/work/data/notes.csv", "/work"); // "data/notes.csv"
 * ```
 */
export function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}

/**
 * Prints diagnostics on stderr as `file:line:column: message [code]`, with paths relative to the
 * working folder and colour on a TTY. Infos are printed only when `verbose`, and at most
 * {@link PRINTED_PER_CODE} of each code (then one line with how many more) unless `verbose`.
 *
 * @param io the process's IO
 * @param diagnostics the diagnostics
 * @param options `verbose`: also infos, and each diagnostic's note
 * @returns nothing
 * @example
 * ```ts
 * printDiagnostics(processIO(), result.diagnostics);
 * ```
 */
export function printDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[], options: { verbose?: boolean } = {}): void {
  const s = style(colourEnabled(io, "stderr"));
  // At most PRINTED_PER_CODE of each code, unless verbose: 100,000 repeated ids are not 11 MB of stderr.
  const printed = new Map<string, number>();
  const left = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity === "info" && !options.verbose) continue;
    const n = (printed.get(d.code) ?? 0) + 1;
    printed.set(d.code, n);
    if (n > PRINTED_PER_CODE && !options.verbose) {
      left.set(d.code, (left.get(d.code) ?? 0) + 1);
      continue;
    }
    // A finding about the whole dataset has no file: print it after the program's name instead.
    const line = d.file !== undefined ? formatDiagnostic({ ...d, file: displayPath(d.file, io.cwd) }) : formatDiagnostic(d).replace(/^<input>/u, "kodebok");
    const painted = d.severity === "error" ? s.red(line) : d.severity === "warning" ? s.yellow(line) : s.dim(line);
    io.stderr(`${painted}\n`);
    if (d.note && options.verbose) io.stderr(`${s.dim(`  note: ${d.note}`)}\n`);
  }
  for (const [code, n] of left) io.stderr(`${s.dim(`kodebok: ${n} more [${code}] not shown (--verbose shows every one)`)}\n`);
}

/** Most diagnostics of one code that {@link printDiagnostics} prints without `verbose`. */
export const PRINTED_PER_CODE = 20;
