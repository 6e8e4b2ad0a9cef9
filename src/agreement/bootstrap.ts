import { z } from "zod";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { randomIndex, seededRandom } from "./random.ts";

/**
 * Options of a bootstrap interval. `true` in a statistic's `interval` option means all defaults.
 * - `samples`: number of bootstrap samples (default 1000).
 * - `seed`: seed of the generator (default 1); the same call with the same seed gives the same interval.
 * - `level`: confidence level (default 0.95).
 * - `minimum`: thresholds for which the share of samples below is reported (Krippendorff's q;
 *   default `[0.667, 0.8]`, his limits for tentative and firm conclusions).
 */
export const BootstrapOptionsSchema = z
  .object({
    samples: z.number().int().min(50).max(1_000_000).default(1000),
    seed: z.number().int().default(1),
    level: z.number().gt(0).lt(1).default(0.95),
    minimum: z.array(z.number()).default([0.667, 0.8]),
  })
  .strict();
export type BootstrapOptions = z.infer<typeof BootstrapOptionsSchema>;
export type BootstrapOptionsInput = z.input<typeof BootstrapOptionsSchema>;

/** A percentile bootstrap interval, with what it was computed from. */
export const IntervalSchema = z.object({
  lower: z.number(),
  upper: z.number(),
  level: z.number(),
  /** `percentile bootstrap over units` (the resampled units are notes, subjects or pairs). */
  method: z.literal("percentile-bootstrap"),
  samples: z.number().int(),
  seed: z.number().int(),
  /** Samples whose coefficient was undefined (no variation) and left out. */
  undefinedSamples: z.number().int(),
  /** For each threshold in `minimum`, the share of defined samples below it. */
  below: z.array(z.object({ threshold: z.number(), share: z.number() })),
});
export type Interval = z.infer<typeof IntervalSchema>;

/**
 * Turns the `interval` option of a statistic (`false`, `true` or options) into bootstrap options.
 *
 * @param option The option as given.
 * @returns The options with defaults, or `undefined` when no interval is asked for.
 * @example
 * ```ts
 * bootstrapOptions(true)?.samples; // 1000
 * ```
 */
export function bootstrapOptions(option: boolean | BootstrapOptionsInput | undefined): BootstrapOptions | undefined {
  if (option === undefined || option === false) return undefined;
  return BootstrapOptionsSchema.parse(option === true ? {} : option);
}

/**
 * The quantile of sorted numbers by linear interpolation (R's default, type 7).
 *
 * @param sorted Numbers in ascending order (at least one).
 * @param p The probability, 0..1.
 * @returns The quantile.
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/**
 * A percentile bootstrap interval over units: draws `samples` resamples of the `n` units with
 * replacement (an array of unit indices) and evaluates `statistic` on each. Undefined (NaN) values
 * are left out and counted. The generator is {@link seededRandom}, so the interval is repeatable.
 *
 * @param n The number of units to resample.
 * @param statistic Computes the coefficient of one resample, given the drawn unit indices.
 * @param options Bootstrap options (see {@link BootstrapOptionsSchema}).
 * @returns The interval and diagnostics (a warning when some samples were undefined; NaN bounds
 *   when all were).
 * @example
 * ```ts
 * const values = [1, 2, 3, 4, 5];
 * const { interval } = bootstrapInterval(values.length,
 *   (idx) => idx.reduce((s, i) => s + values[i]!, 0) / idx.length,
 *   { samples: 200, seed: 7, level: 0.9, minimum: [] });
 * ```
 */
export function bootstrapInterval(
  n: number,
  statistic: (indices: Int32Array) => number,
  options: BootstrapOptions,
): { interval: Interval; diagnostics: Diagnostic[] } {
  const next = seededRandom(options.seed);
  const values: number[] = [];
  let undefinedSamples = 0;
  const indices = new Int32Array(n);
  for (let s = 0; s < options.samples; s++) {
    for (let i = 0; i < n; i++) indices[i] = randomIndex(next, n);
    const v = statistic(indices);
    if (Number.isFinite(v)) values.push(v);
    else undefinedSamples++;
  }
  values.sort((a, b) => a - b);
  const diagnostics: Diagnostic[] = [];
  const tail = (1 - options.level) / 2;
  const interval: Interval = {
    lower: values.length > 0 ? quantile(values, tail) : Number.NaN,
    upper: values.length > 0 ? quantile(values, 1 - tail) : Number.NaN,
    level: options.level,
    method: "percentile-bootstrap",
    samples: options.samples,
    seed: options.seed,
    undefinedSamples,
    below: options.minimum.map((threshold) => ({
      threshold,
      share: values.length > 0 ? values.filter((v) => v < threshold).length / values.length : Number.NaN,
    })),
  };
  if (undefinedSamples > 0) {
    diagnostics.push(
      diagnostic({
        code: "agreement-bootstrap-undefined",
        severity: "warning",
        source: "kodebok:agreement",
        reason:
          values.length === 0
            ? `Cannot compute a bootstrap interval: the coefficient was undefined in all ${options.samples} samples`
            : `${undefinedSamples} of ${options.samples} bootstrap samples had an undefined coefficient (no variation) and were left out of the interval`,
        actual: String(undefinedSamples),
      }),
    );
  }
  return { interval, diagnostics };
}
