import { z } from "zod";

/**
 * The keyness statistics kodebok computes, as quanteda's `textstat_keyness()` names them:
 * `lr`, the log-likelihood ratio G² (Dunning 1993), and `chi2`, Pearson's χ².
 */
export const KeynessMeasureSchema: z.ZodEnum<{ lr: "lr"; chi2: "chi2" }> = z.enum(["lr", "chi2"]);
export type KeynessMeasure = z.infer<typeof KeynessMeasureSchema>;

/**
 * The corrections of quanteda's `textstat_keyness()` (quanteda.textstats, `src/keyness.cpp`):
 * - `yates`: Yates's continuity correction, applied only when |ad − bc| ≥ N/2 and some expected
 *   count is below 5: χ² uses |ad − bc| − N/2; G² moves each cell 0.5 towards independence.
 * - `williams`: the statistic divided by Williams's q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1)/(6N)
 *   (q = 1 when a cell is 0).
 * - `none`: no correction.
 * - `default`: what quanteda's code does by default, which is Yates for both measures (its help
 *   page says Williams for `lr`; its code applies Yates).
 */
export const KeynessCorrectionSchema: z.ZodEnum<{ default: "default"; yates: "yates"; williams: "williams"; none: "none" }> = z.enum([
  "default",
  "yates",
  "williams",
  "none",
]);
export type KeynessCorrection = z.infer<typeof KeynessCorrectionSchema>;

/** A 2 × 2 table of a feature: `a` target units with it, `b` reference units with it, and the group sizes. */
export interface KeynessTable {
  /** Target units (notes) that have the feature. */
  a: number;
  /** Reference units that have the feature. */
  b: number;
  /** All target units (so c = target − a). */
  target: number;
  /** All reference units (so d = reference − b). */
  reference: number;
}

/** quanteda's epsilon inside the logarithms ("the same value as R code"). */
const EPSILON = 0.000000001;

function yatesDelta(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  const small = (a + b) * (a + c) / n < 5 || (a + b) * (b + d) / n < 5 || (a + c) * (c + d) / n < 5 || (c + d) * (b + d) / n < 5;
  return Math.abs(a * d - b * c) >= n / 2 && small ? 0.5 : 0;
}

/**
 * Williams's correction factor q for a 2 × 2 table (1 when a cell is 0, as in quanteda).
 *
 * @param a, b, c, d the cells (target with, reference with, target without, reference without)
 * @returns q ≥ 1
 * @example
 * ```ts
 * williamsQ(3, 7, 7, 2); // 1.0539...
 * ```
 */
export function williamsQ(a: number, b: number, c: number, d: number): number {
  if (a * b * c * d === 0) return 1;
  const n = a + b + c + d;
  return 1 + ((n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1)) / (6 * n);
}

/**
 * The keyness of a feature in a target group against a reference group, signed: positive when the
 * feature is over-represented in the target (a above its expected count), negative when under.
 * The formulas are those of quanteda's `textstat_keyness()` (quanteda.textstats `src/keyness.cpp`,
 * `chisq_lambda` and `lr_lambda`), including its epsilon of 1e-9 inside the logarithms, so the
 * values can be checked against R: `textstat_keyness(x, measure = "lr", correction = "williams")`
 * on a dfm with rows target and reference and the columns "feature" (a, b) and "rest" (c, d).
 *
 * G² = 2 Σ O ln(O / E + 1e-9) over the four cells; χ² = N (|ad − bc| − N·δ)² / ((a+b)(c+d)(a+c)(b+d)).
 *
 * @param table the feature's counts and the group sizes
 * @param measure `lr` (G², default) or `chi2`
 * @param correction `williams` (default), `yates`, `none`, or `default` (quanteda's: Yates)
 * @returns the signed statistic; 0 when the table has no variation (a feature in every unit or none)
 * @example
 * ```ts
 * keyness({ a: 3, b: 0, target: 4, reference: 8 }, "lr", "none"); // 9.56...: in 3 of 4 target notes, no reference note
 * ```
 */
export function keyness(table: KeynessTable, measure: KeynessMeasure = "lr", correction: KeynessCorrection = "williams"): number {
  const { a, b } = table;
  const c = table.target - a;
  const d = table.reference - b;
  const n = a + b + c + d;
  if (n === 0 || a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return 0;
  const expected = ((a + b) * (a + c)) / n;
  const sign = a > expected ? 1 : -1;
  const yates = correction === "default" || correction === "yates";
  if (measure === "chi2") {
    const delta = yates ? yatesDelta(a, b, c, d) : 0;
    const num = n * (Math.abs(a * d - b * c) - n * delta) ** 2;
    const chi2 = (num / ((a + b) * (c + d) * (a + c) * (b + d))) * sign;
    // Williams divides, as for G² (quanteda's own test expects 4.017626 for its table, a
    // division; its chisq_lambda divides the denominator by q, which multiplies).
    return correction === "williams" ? chi2 / williamsQ(a, b, c, d) : chi2;
  }
  let aa = a;
  let bb = b;
  let cc = c;
  let dd = d;
  if (yates) {
    const delta = yatesDelta(a, b, c, d);
    const positive = a * d - b * c > 0;
    aa += positive ? -delta : delta;
    bb += positive ? delta : -delta;
    cc += positive ? delta : -delta;
    dd += positive ? -delta : delta;
  }
  const cell = (o: number, row: number, column: number) => o * Math.log(o / ((row * column) / n) + EPSILON);
  let g2 = 2 * (cell(aa, aa + bb, aa + cc) + cell(bb, aa + bb, bb + dd) + cell(cc, aa + cc, cc + dd) + cell(dd, bb + dd, cc + dd)) * sign;
  if (correction === "williams") g2 /= williamsQ(a, b, c, d);
  return g2;
}
