import { z } from "zod";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";

/**
 * One value in reliability data: a category label or a number. `null` (also `undefined` and
 * `NaN`) means the coder gave no value for the unit (missing).
 */
export const RatingSchema = z.union([z.string(), z.number(), z.null(), z.undefined()]);
export type Rating = z.infer<typeof RatingSchema>;

/**
 * Reliability data in Krippendorff's canonical form: one row per coder, one column per unit
 * (coders × units). Every row has the same length; `null` marks a missing value.
 */
export const ReliabilityDataSchema = z.array(z.array(RatingSchema)).min(1, "at least one coder (row) is needed");
export type ReliabilityData = z.infer<typeof ReliabilityDataSchema>;

/** A value that counts as present (not null, undefined or NaN). */
export type Present = string | number;

/**
 * True when a rating is present: not `null`, `undefined` or `NaN`.
 *
 * @param value A rating.
 * @returns Whether it is a real value.
 * @example
 * ```ts
 * isPresent(null); // false
 * isPresent(0);    // true
 * ```
 */
export function isPresent(value: Rating): value is Present {
  return value !== null && value !== undefined && !(typeof value === "number" && Number.isNaN(value));
}

/** Builds the error thrown for malformed input to a statistic. */
export function invalidData(fn: string, why: string, note?: string): KodebokError {
  const d = diagnostic({
    code: "agreement-invalid-data",
    severity: "error",
    source: "kodebok:agreement",
    reason: `Cannot compute ${fn}: ${why}`,
    ...(note === undefined ? {} : { note }),
  });
  return new KodebokError([d]);
}

/**
 * Checks coders × units data at the boundary of a statistic: an array of equally long rows of
 * strings, numbers or nulls. Throws a {@link KodebokError} naming the first problem (a ragged
 * row, a value of the wrong type).
 *
 * @param data The data as passed by the caller.
 * @param fn The statistic's name, for the message.
 * @returns The rows, typed.
 * @example
 * ```ts
 * checkReliabilityData([[1, 2], [1, null]], "krippendorffAlpha"); // ok
 * // checkReliabilityData([[1, 2], [1]], "krippendorffAlpha") throws:
 * // "Cannot compute krippendorffAlpha: coder 2 (row 2) has 1 value, coder 1 has 2 ..."
 * ```
 */
export function checkReliabilityData(data: unknown, fn: string): Rating[][] {
  if (!Array.isArray(data)) throw invalidData(fn, "the data is not an array of coders (rows)");
  if (data.length === 0) throw invalidData(fn, "the data has no coders (rows)");
  for (let r = 0; r < data.length; r++) {
    if (!Array.isArray(data[r])) {
      throw invalidData(fn, `coder ${r + 1} (row ${r + 1}) is not an array of values`,
        "Pass coders × units: one array per coder, one value (or null) per unit.");
    }
  }
  const width = (data[0] as unknown[]).length;
  for (let r = 1; r < data.length; r++) {
    const len = (data[r] as unknown[]).length;
    if (len !== width) {
      throw invalidData(
        fn,
        `coder ${r + 1} (row ${r + 1}) has ${len} value${len === 1 ? "" : "s"}, coder 1 has ${width}`,
        "Every coder needs one value per unit; use null where a coder gave no value.",
      );
    }
  }
  const parsed = ReliabilityDataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [r, u] = (issue?.path ?? []) as number[];
    const value = r !== undefined && u !== undefined ? (data[r] as unknown[])[u] : undefined;
    throw invalidData(
      fn,
      r !== undefined && u !== undefined
        ? `the value of coder ${r + 1} for unit ${u + 1} is ${JSON.stringify(value) ?? String(value)}, not a string, number or null`
        : (issue?.message ?? "the data is not coders × units"),
    );
  }
  return parsed.data as Rating[][];
}

/** A diagnostic of the agreement statistics (source `kodebok:agreement`). */
export function agreementDiagnostic(
  code: "agreement-no-pairable-units" | "agreement-no-variation" | "agreement-few-units" | "agreement-missing-values" | "agreement-undefined",
  reason: string,
  severity: "warning" | "info" = "warning",
  note?: string,
): Diagnostic {
  return diagnostic({ code, severity, source: "kodebok:agreement", reason, ...(note === undefined ? {} : { note }) });
}
