import { formatDiagnostic, hasErrors, type Diagnostic } from "./diagnostic.ts";

/**
 * What every input boundary returns: a value with the diagnostics collected on the way
 * (warnings), or no value and the diagnostics that explain why.
 */
export type Result<T> =
  | { ok: true; value: T; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * The error thrown by the throwing wrappers at the edges; it carries the diagnostics.
 *
 * @example
 * ```ts
 * try { await loadCodebook("missing.yaml"); }
 * catch (error) { if (error instanceof KodebokError) console.error(error.diagnostics); }
 * ```
 */
export class KodebokError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], message?: string) {
    super(message ?? diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n"));
    this.name = "KodebokError";
    this.diagnostics = diagnostics;
  }
}

/**
 * Builds a result from a value and diagnostics: not ok when any diagnostic is an error.
 *
 * @example
 * ```ts
 * const result = toResult(42, []); // { ok: true, value: 42, diagnostics: [] }
 * ```
 */
export function toResult<T>(value: T, diagnostics: Diagnostic[]): Result<T> {
  return hasErrors(diagnostics) ? { ok: false, diagnostics } : { ok: true, value, diagnostics };
}

/**
 * Returns the value of a result, or throws a {@link KodebokError} with its diagnostics.
 *
 * @example
 * ```ts
 * const value = unwrap(toResult("x", [])); // "x"
 * ```
 */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new KodebokError(result.diagnostics);
  return result.value;
}

/**
 * What a parser read, even when it found errors: the value, when one could be made, and every
 * diagnostic. The parsers' one core: `parseX` turns it into a {@link Result} (see
 * {@link fromRecovered}); `checkDataset` goes on with the value, to report every problem of a
 * dataset in one run (a repeated id does not hide an unknown code).
 */
export interface Recovered<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

/**
 * The result of what a parser recovered: ok when it made a value and found no error.
 *
 * @param recovered the parser's value and diagnostics
 * @returns the result
 * @example
 * ```ts
 * fromRecovered({ value: 42, diagnostics: [] }); // { ok: true, value: 42, diagnostics: [] }
 * ```
 */
export function fromRecovered<T>(recovered: Recovered<T>): Result<T> {
  return recovered.value === undefined ? { ok: false, diagnostics: recovered.diagnostics } : toResult(recovered.value, recovered.diagnostics);
}
