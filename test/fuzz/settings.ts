// Settings of the property-based tests (fast-check): a fixed seed and a bounded number of runs in
// `npm test`, so the suite is repeatable and fast; `npm run fuzz` sets KODEBOK_FUZZ_RUNS for a
// longer run (and KODEBOK_FUZZ_SEED for another seed).
import type { Parameters } from "fast-check";

const factor = Number(process.env.KODEBOK_FUZZ_RUNS ?? "1");
const seed = Number(process.env.KODEBOK_FUZZ_SEED ?? "17");

/**
 * fast-check parameters: `runs` runs (times KODEBOK_FUZZ_RUNS) from the fixed seed.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(fc.string(), (s) => s.length >= 0), fuzz(100));
 * ```
 */
export function fuzz<T>(runs: number): Parameters<T> {
  return { seed, numRuns: Math.max(1, Math.round(runs * factor)), endOnFailure: true };
}
