import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { parseOptions } from "./options.ts";
import { agreementDiagnostic, checkReliabilityData, isPresent, type Present } from "./reliability-data.ts";

/** Options of {@link percentAgreement}. */
export const PercentAgreementOptionsSchema = z
  .object({
    /**
     * `all` (default): the share of units on which all coders who gave a value agree.
     * `pairwise`: the mean over units of the share of agreeing coder pairs.
     */
    method: z.enum(["all", "pairwise"]).default("all"),
  })
  .strict();
export type PercentAgreementOptions = z.input<typeof PercentAgreementOptionsSchema>;

/** What {@link percentAgreement} returns. */
export const PercentAgreementResultSchema = z.object({
  statistic: z.literal("percent-agreement"),
  method: z.enum(["all", "pairwise"]),
  /** A share from 0 to 1 (not a percentage), or NaN when no unit could be judged. */
  value: z.number(),
  /** Units with at least two values. */
  units: z.number().int(),
  /** Units on which all coders agree. */
  agreeingUnits: z.number().int(),
  droppedUnits: z.number().int(),
  diagnostics: z.array(z.custom<Diagnostic>()),
});
export type PercentAgreementResult = z.infer<typeof PercentAgreementResultSchema>;

/**
 * Percent agreement over coders × units data: the share of units on which all coders agree
 * (default), or the mean pairwise agreement. Not chance-corrected: report it next to kappa or
 * alpha, never instead. Units with fewer than two values are left out (they cannot disagree).
 *
 * @param data Coders × units (null for missing).
 * @param options `method`: `all` or `pairwise`.
 * @returns The share (0..1) with counts and diagnostics.
 * @example
 * ```ts
 * percentAgreement([["a", "b", "a"], ["a", "b", "b"]]).value; // 2/3
 * ```
 */
export function percentAgreement(
  data: readonly (readonly (string | number | null | undefined)[])[],
  options?: PercentAgreementOptions,
): PercentAgreementResult {
  const rows = checkReliabilityData(data, "percentAgreement");
  const opts = parseOptions(PercentAgreementOptionsSchema, options, "percentAgreement");
  const width = (rows[0] as unknown[]).length;
  let units = 0;
  let agreeing = 0;
  let sum = 0;
  for (let u = 0; u < width; u++) {
    const counts = new Map<Present, number>();
    let m = 0;
    for (const row of rows) {
      const x = row[u];
      if (!isPresent(x)) continue;
      counts.set(x, (counts.get(x) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    units++;
    if (counts.size === 1) agreeing++;
    let pairs = 0;
    for (const c of counts.values()) pairs += c * (c - 1);
    sum += pairs / (m * (m - 1));
  }
  const diagnostics: Diagnostic[] = [];
  const dropped = width - units;
  if (dropped > 0) {
    diagnostics.push(agreementDiagnostic("agreement-missing-values",
      `${dropped} of ${width} units had fewer than two values and were left out`, "info"));
  }
  if (units === 0) {
    diagnostics.push(agreementDiagnostic("agreement-no-pairable-units", "Percent agreement is undefined: no unit has values from two or more coders"));
  }
  const value = units === 0 ? Number.NaN : opts.method === "all" ? agreeing / units : sum / units;
  return { statistic: "percent-agreement", method: opts.method, value, units, agreeingUnits: agreeing, droppedUnits: dropped, diagnostics };
}
