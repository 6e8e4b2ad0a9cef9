import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { BootstrapOptionsSchema, IntervalSchema, bootstrapInterval, bootstrapOptions } from "./bootstrap.ts";
import { parseOptions } from "./options.ts";
import { agreementDiagnostic, checkReliabilityData, invalidData, isPresent, type Present } from "./reliability-data.ts";

/** Options of {@link fleissKappa}. */
export const FleissOptionsSchema = z
  .object({
    /** A bootstrap interval over subjects: `true` for defaults, or bootstrap options. */
    interval: z.union([z.boolean(), BootstrapOptionsSchema]).optional(),
  })
  .strict();
export type FleissOptions = z.input<typeof FleissOptionsSchema>;

/** What {@link fleissKappa} returns. */
export const FleissResultSchema = z.object({
  statistic: z.literal("fleiss-kappa"),
  /** κ = (P̄ − P̄e)/(1 − P̄e), or NaN when undefined. */
  value: z.number(),
  /** P̄: the mean agreement over subjects. */
  observedAgreement: z.number(),
  /** P̄e = Σ p_j²: chance agreement from the category proportions. */
  expectedAgreement: z.number(),
  subjects: z.number().int(),
  raters: z.number().int(),
  /** p_j: the share of all ratings in each category. */
  proportions: z.array(z.number()),
  /** κ_j for each category (Fleiss 1971, eq. 13 and 14), NaN where p_j is 0 or 1. */
  categoryKappas: z.array(z.number()),
  interval: IntervalSchema.optional(),
  diagnostics: z.array(z.custom<Diagnostic>()),
});
export type FleissResult = z.infer<typeof FleissResultSchema>;

function fleissCore(counts: readonly (readonly number[])[], raters: number, pick?: Int32Array) {
  const k = (counts[0] as number[]).length;
  const totals = new Array<number>(k).fill(0);
  const count = pick ? pick.length : counts.length;
  let sumP = 0;
  const disagreement = new Array<number>(k).fill(0);
  for (let s = 0; s < count; s++) {
    const row = counts[pick ? (pick[s] as number) : s] as number[];
    let sq = 0;
    for (let j = 0; j < k; j++) {
      const x = row[j] as number;
      totals[j] = (totals[j] as number) + x;
      sq += x * x;
      disagreement[j] = (disagreement[j] as number) + x * (raters - x);
    }
    sumP += (sq - raters) / (raters * (raters - 1));
  }
  const all = count * raters;
  const p = totals.map((t) => t / all);
  const observed = sumP / count;
  const expected = p.reduce((s, x) => s + x * x, 0);
  const value = expected < 1 - 1e-12 ? (observed - expected) / (1 - expected) : Number.NaN;
  const categoryKappas = p.map((pj, j) =>
    pj > 0 && pj < 1 ? 1 - (disagreement[j] as number) / (count * raters * (raters - 1) * pj * (1 - pj)) : Number.NaN,
  );
  return { value, observed, expected, p, categoryKappas };
}

/**
 * Fleiss' kappa for a fixed number of raters per subject (Fleiss 1971, "Measuring nominal scale
 * agreement among many raters"): from a subjects × categories table of counts, where each row sums
 * to the number of raters n. P_i = (Σ_j n_ij² − n)/(n(n − 1)), P̄ their mean, p_j the category
 * shares and P̄e = Σ p_j²; κ = (P̄ − P̄e)/(1 − P̄e). With one category only (P̄e = 1) κ is NaN with
 * a diagnostic.
 *
 * @param counts Subjects × categories counts; every row has the same sum (≥ 2).
 * @param options `interval`: a seeded bootstrap over subjects.
 * @returns κ with P̄, P̄e, category shares, per-category kappas and diagnostics.
 * @example
 * ```ts
 * fleissKappa([[3, 0], [0, 3], [2, 1]]).value.toFixed(3); // "0.550"
 * ```
 */
export function fleissKappa(counts: readonly (readonly number[])[], options?: FleissOptions): FleissResult {
  const opts = parseOptions(FleissOptionsSchema, options, "fleissKappa");
  if (!Array.isArray(counts) || counts.length === 0) throw invalidData("fleissKappa", "the table of counts has no subjects (rows)");
  const k = Array.isArray(counts[0]) ? counts[0].length : 0;
  if (k === 0) throw invalidData("fleissKappa", "the table of counts has no categories (columns)");
  let raters = -1;
  for (let s = 0; s < counts.length; s++) {
    const row = counts[s];
    if (!Array.isArray(row) || row.length !== k) {
      throw invalidData("fleissKappa", `subject ${s + 1} (row ${s + 1}) has ${Array.isArray(row) ? row.length : 0} counts, subject 1 has ${k}`);
    }
    const bad = row.findIndex((x) => typeof x !== "number" || !Number.isInteger(x) || x < 0);
    if (bad >= 0) throw invalidData("fleissKappa", `the count of subject ${s + 1} in category ${bad + 1} is ${JSON.stringify(row[bad])}, not a whole number ≥ 0`);
    const sum = row.reduce((a: number, x: number) => a + x, 0);
    if (raters < 0) raters = sum;
    else if (sum !== raters) {
      throw invalidData("fleissKappa", `subject ${s + 1} (row ${s + 1}) has ${sum} ratings, subject 1 has ${raters}`,
        "Fleiss' kappa needs the same number of raters for every subject; use krippendorffAlpha for missing ratings.");
    }
  }
  const diagnostics: Diagnostic[] = [];
  if (raters < 2) {
    diagnostics.push(agreementDiagnostic("agreement-undefined", `Fleiss' kappa is undefined: each subject has ${raters} rating${raters === 1 ? "" : "s"}, at least 2 are needed`));
    return {
      statistic: "fleiss-kappa", value: Number.NaN, observedAgreement: Number.NaN, expectedAgreement: Number.NaN,
      subjects: counts.length, raters, proportions: new Array<number>(k).fill(Number.NaN),
      categoryKappas: new Array<number>(k).fill(Number.NaN), diagnostics,
    };
  }
  const core = fleissCore(counts, raters);
  if (Number.isNaN(core.value)) {
    diagnostics.push(agreementDiagnostic("agreement-no-variation",
      `Fleiss' kappa is undefined: all ${counts.length * raters} ratings are in category ${core.p.findIndex((x) => x > 0) + 1}`,
      "warning", "Observed agreement is perfect but so is chance agreement (P̄e = 1)."));
  }
  if (counts.length === 1) diagnostics.push(agreementDiagnostic("agreement-few-units", "Fleiss' kappa rests on a single subject"));
  const result: FleissResult = {
    statistic: "fleiss-kappa",
    value: core.value,
    observedAgreement: core.observed,
    expectedAgreement: core.expected,
    subjects: counts.length,
    raters,
    proportions: core.p,
    categoryKappas: core.categoryKappas,
    diagnostics,
  };
  const boot = bootstrapOptions(opts.interval);
  if (boot) {
    const { interval, diagnostics: more } = bootstrapInterval(counts.length, (pick) => fleissCore(counts, raters, pick).value, boot);
    result.interval = interval;
    diagnostics.push(...more);
  }
  return result;
}

/**
 * Turns coders × units data into the subjects × categories counts that {@link fleissKappa} takes.
 *
 * @param data Coders × units (null for missing; note that Fleiss' kappa needs none missing).
 * @param categories The categories in column order; default: numbers ascending, labels by appearance.
 * @returns The categories and one row of counts per unit.
 * @example
 * ```ts
 * categoryCounts([["a", "b"], ["a", "a"]]);
 * // { categories: ["a", "b"], counts: [[2, 0], [1, 1]] }
 * ```
 */
export function categoryCounts(
  data: readonly (readonly (string | number | null | undefined)[])[],
  categories?: readonly (string | number)[],
): { categories: (string | number)[]; counts: number[][] } {
  const rows = checkReliabilityData(data, "categoryCounts");
  const present = rows.flat().filter(isPresent);
  let order: Present[];
  if (categories) order = [...new Set(categories)];
  else {
    const distinct = [...new Set(present)];
    order = distinct.every((x) => typeof x === "number") ? (distinct as number[]).sort((a, b) => a - b) : distinct;
  }
  const index = new Map<Present, number>(order.map((c, i) => [c, i]));
  const width = (rows[0] as unknown[]).length;
  const counts: number[][] = [];
  for (let u = 0; u < width; u++) {
    const row = new Array<number>(order.length).fill(0);
    for (const r of rows) {
      const x = r[u];
      if (!isPresent(x)) continue;
      const i = index.get(x);
      if (i === undefined) throw invalidData("categoryCounts", `value ${JSON.stringify(x)} is not in the categories`);
      row[i] = (row[i] as number) + 1;
    }
    counts.push(row);
  }
  return { categories: order, counts };
}
