import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { BootstrapOptionsSchema, IntervalSchema, bootstrapInterval, bootstrapOptions } from "./bootstrap.ts";
import { parseOptions } from "./options.ts";
import { agreementDiagnostic, invalidData, isPresent, RatingSchema, type Present } from "./reliability-data.ts";

/**
 * Weights of Cohen's kappa: `none` (exact agreement only), `linear` (agreement weight
 * 1 − |i − j|/(k − 1)) or `quadratic` (1 − (i − j)²/(k − 1)²), where i, j are positions of
 * the categories in their order and k the number of categories (Cohen 1968; vcd's
 * "Equal-Spacing" and "Fleiss-Cohen", irr's "equal" and "squared").
 */
export const KappaWeightsSchema = z.enum(["none", "linear", "quadratic"]);
export type KappaWeights = z.infer<typeof KappaWeightsSchema>;

/** Options of {@link cohenKappa} and {@link cohenKappaFromTable}. */
export const KappaOptionsSchema = z
  .object({
    weights: KappaWeightsSchema.default("none"),
    /**
     * The categories in order. Fixes the order of ordered categories for weighted kappa, and adds
     * categories no rater used. Default: numbers in ascending order, labels in order of appearance.
     */
    categories: z.array(z.union([z.string(), z.number()])).optional(),
    /** A bootstrap interval over units (rated pairs): `true` for defaults, or bootstrap options. */
    interval: z.union([z.boolean(), BootstrapOptionsSchema]).optional(),
  })
  .strict();
export type KappaOptions = z.input<typeof KappaOptionsSchema>;

/** What {@link cohenKappa} returns. */
export const KappaResultSchema = z.object({
  statistic: z.literal("cohen-kappa"),
  weights: KappaWeightsSchema,
  /** κ = (po − pe)/(1 − pe), or NaN when undefined (pe = 1). */
  value: z.number(),
  /** Observed (weighted) agreement po. */
  observedAgreement: z.number(),
  /** Agreement expected by chance from the two raters' marginals, pe. */
  expectedAgreement: z.number(),
  /** Units rated by both raters. */
  n: z.number().int(),
  /** Units left out because one or both values were missing. */
  missing: z.number().int(),
  categories: z.array(z.union([z.string(), z.number()])),
  /** The contingency table: rows rater a, columns rater b, in the order of `categories`. */
  table: z.array(z.array(z.number())),
  interval: IntervalSchema.optional(),
  diagnostics: z.array(z.custom<Diagnostic>()),
});
export type KappaResult = z.infer<typeof KappaResultSchema>;

/** Agreement weights w_ij for k categories. */
function weightMatrix(kind: KappaWeights, k: number): number[][] {
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      if (kind === "none" || k === 1) return i === j ? 1 : 0;
      const d = Math.abs(i - j) / (k - 1);
      return kind === "linear" ? 1 - d : 1 - d * d;
    }),
  );
}

/** po, pe and kappa from a table (counts) and weights. */
function kappaCore(table: readonly (readonly number[])[], w: readonly (readonly number[])[]): { po: number; pe: number; value: number; n: number } {
  const k = table.length;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  let n = 0;
  let agree = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const x = (table[i] as number[])[j] as number;
      rows[i] = (rows[i] as number) + x;
      cols[j] = (cols[j] as number) + x;
      n += x;
      agree += ((w[i] as number[])[j] as number) * x;
    }
  }
  if (n === 0) return { po: Number.NaN, pe: Number.NaN, value: Number.NaN, n };
  let chance = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) chance += ((w[i] as number[])[j] as number) * (rows[i] as number) * (cols[j] as number);
  }
  const po = agree / n;
  const pe = chance / (n * n);
  // pe = 1 only when both raters put everything in one category: kappa is 0/0.
  const value = pe < 1 - 1e-12 ? (po - pe) / (1 - pe) : Number.NaN;
  return { po, pe, value, n };
}

function orderCategories(present: Present[], given: readonly Present[] | undefined, weights: KappaWeights): Present[] {
  if (given !== undefined) {
    const order = [...new Set(given)];
    const known = new Set<Present>(order);
    const unknown = present.find((x) => !known.has(x));
    if (unknown !== undefined) {
      throw invalidData("cohenKappa", `value ${JSON.stringify(unknown)} is not in options.categories`,
        `options.categories lists ${order.map((x) => JSON.stringify(x)).join(", ")}.`);
    }
    return order;
  }
  const distinct = [...new Set(present)];
  if (distinct.every((x) => typeof x === "number")) return (distinct as number[]).sort((a, b) => a - b);
  if (weights !== "none") {
    throw invalidData("cohenKappa", `${weights} weights need the order of the categories`,
      'Pass options.categories, lowest first: { weights: "linear", categories: ["never", "sometimes", "often"] }.');
  }
  return distinct;
}

function undefinedDiagnostics(n: number, pe: number, categories: readonly Present[], table: number[][]): Diagnostic[] {
  if (n === 0) {
    return [agreementDiagnostic("agreement-no-pairable-units", "Cohen's kappa is undefined: no unit was rated by both raters")];
  }
  if (!(pe < 1 - 1e-12)) {
    const used = categories.filter((_, i) => (table[i]?.[i] ?? 0) > 0);
    return [agreementDiagnostic("agreement-no-variation",
      `Cohen's kappa is undefined: both raters put all ${n} units in the same category ${JSON.stringify(used[0])}`,
      "warning", "Observed agreement is perfect but so is chance agreement (pe = 1); report percent agreement and the lack of variation.")];
  }
  return n === 1 ? [agreementDiagnostic("agreement-few-units", "Cohen's kappa rests on a single unit")] : [];
}

/**
 * Cohen's kappa for two raters' labels of the same units (Cohen 1960), optionally weighted
 * (Cohen 1968): κ = (po − pe)/(1 − pe), with po = Σ w_ij p_ij and pe = Σ w_ij p_i· p_·j.
 * Units where either value is missing are left out and counted. When both raters use one and the
 * same category only (pe = 1), κ is undefined: NaN with a diagnostic, never a silent 1.
 *
 * @param a Rater a's values, one per unit (null for missing).
 * @param b Rater b's values, same length.
 * @param options `weights`, `categories` (their order), `interval` (seeded bootstrap over units).
 * @returns The value, po, pe, the contingency table, counts and diagnostics.
 * @example
 * ```ts
 * cohenKappa(["y", "y", "n", "n"], ["y", "n", "n", "n"]).value; // 0.5
 * ```
 */
export function cohenKappa(
  a: readonly (string | number | null | undefined)[],
  b: readonly (string | number | null | undefined)[],
  options?: KappaOptions,
): KappaResult {
  const opts = parseOptions(KappaOptionsSchema, options, "cohenKappa");
  for (const [name, xs] of [["a", a], ["b", b]] as const) {
    if (!Array.isArray(xs)) throw invalidData("cohenKappa", `rater ${name}'s values are not an array`);
    const bad = xs.findIndex((x) => !RatingSchema.safeParse(x).success);
    if (bad >= 0) {
      throw invalidData("cohenKappa", `rater ${name}'s value for unit ${bad + 1} is ${JSON.stringify(xs[bad])}, not a string, number or null`);
    }
  }
  if (a.length !== b.length) {
    throw invalidData("cohenKappa", `rater a has ${a.length} values and rater b has ${b.length}`,
      "Both raters need one value per unit; use null where a rater gave no value.");
  }
  const pairs: [Present, Present][] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (isPresent(x) && isPresent(y)) pairs.push([x, y]);
  }
  const missing = a.length - pairs.length;
  const categories = orderCategories(pairs.flat(), opts.categories, opts.weights);
  const index = new Map<Present, number>(categories.map((c, i) => [c, i]));
  const coded = pairs.map(([x, y]) => [index.get(x) as number, index.get(y) as number] as const);
  const k = categories.length;
  const tableOf = (pick?: Int32Array): number[][] => {
    const t = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const count = pick ? pick.length : coded.length;
    for (let j = 0; j < count; j++) {
      const [x, y] = coded[pick ? (pick[j] as number) : j] as readonly [number, number];
      (t[x] as number[])[y] = ((t[x] as number[])[y] as number) + 1;
    }
    return t;
  };
  const table = tableOf();
  const w = weightMatrix(opts.weights, k);
  const core = kappaCore(table, w);
  const diagnostics: Diagnostic[] = [];
  if (missing > 0) {
    diagnostics.push(agreementDiagnostic("agreement-missing-values",
      `${missing} of ${a.length} units had a missing value and were left out`, "info"));
  }
  diagnostics.push(...undefinedDiagnostics(core.n, core.pe, categories, table));
  const result: KappaResult = {
    statistic: "cohen-kappa",
    weights: opts.weights,
    value: core.value,
    observedAgreement: core.po,
    expectedAgreement: core.pe,
    n: core.n,
    missing,
    categories,
    table,
    diagnostics,
  };
  const boot = bootstrapOptions(opts.interval);
  if (boot && coded.length > 0) {
    const { interval, diagnostics: more } = bootstrapInterval(coded.length, (pick) => kappaCore(tableOf(pick), w).value, boot);
    result.interval = interval;
    diagnostics.push(...more);
  }
  return result;
}

/**
 * Cohen's kappa from a square contingency table of counts (rows: rater a, columns: rater b),
 * as R's `vcd::Kappa` takes it. The rows and columns are in category order; `options.categories`
 * may name them (default 1..k).
 *
 * @param table A k × k table of non-negative counts.
 * @param options As for {@link cohenKappa}.
 * @returns As {@link cohenKappa}.
 * @example
 * ```ts
 * cohenKappaFromTable([[20, 5], [10, 15]]).value; // 0.4 (Wikipedia's worked example)
 * ```
 */
export function cohenKappaFromTable(table: readonly (readonly number[])[], options?: KappaOptions): KappaResult {
  const opts = parseOptions(KappaOptionsSchema, options, "cohenKappaFromTable");
  const k = Array.isArray(table) ? table.length : 0;
  if (k === 0) throw invalidData("cohenKappaFromTable", "the table has no rows");
  for (let i = 0; i < k; i++) {
    const row = table[i];
    if (!Array.isArray(row) || row.length !== k) {
      throw invalidData("cohenKappaFromTable", `row ${i + 1} of the table has ${Array.isArray(row) ? row.length : 0} cells; a ${k} × ${k} table is needed`);
    }
    const bad = row.findIndex((x) => typeof x !== "number" || !Number.isFinite(x) || x < 0);
    if (bad >= 0) throw invalidData("cohenKappaFromTable", `cell (${i + 1}, ${bad + 1}) is ${JSON.stringify(row[bad])}, not a count ≥ 0`);
  }
  const categories: Present[] = opts.categories ?? Array.from({ length: k }, (_, i) => i + 1);
  if (categories.length !== k) {
    throw invalidData("cohenKappaFromTable", `options.categories has ${categories.length} entries for a ${k} × ${k} table`);
  }
  const a: Present[] = [];
  const b: Present[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const x = (table[i] as number[])[j] as number;
      if (!Number.isInteger(x)) throw invalidData("cohenKappaFromTable", `cell (${i + 1}, ${j + 1}) is ${x}, not a whole count`);
      for (let c = 0; c < x; c++) {
        a.push(categories[i] as Present);
        b.push(categories[j] as Present);
      }
    }
  }
  return cohenKappa(a, b, { ...(options ?? {}), categories });
}
