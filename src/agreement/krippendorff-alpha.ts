import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { BootstrapOptionsSchema, IntervalSchema, bootstrapInterval, bootstrapOptions } from "./bootstrap.ts";
import { parseOptions } from "./options.ts";
import { agreementDiagnostic, checkReliabilityData, invalidData, isPresent, type Present } from "./reliability-data.ts";

/** Levels of measurement of Krippendorff's alpha; each has its own difference function δ². */
export const AlphaLevelSchema = z.enum(["nominal", "ordinal", "interval", "ratio"]);
export type AlphaLevel = z.infer<typeof AlphaLevelSchema>;

/** Options of {@link krippendorffAlpha}. */
export const AlphaOptionsSchema = z
  .object({
    /** Level of measurement (default `nominal`). */
    level: AlphaLevelSchema.default("nominal"),
    /** The order of the values for the ordinal level, lowest first (needed for non-numeric labels). */
    values: z.array(z.union([z.string(), z.number()])).optional(),
    /** A bootstrap interval over units: `true` for defaults, or bootstrap options. */
    interval: z.union([z.boolean(), BootstrapOptionsSchema]).optional(),
  })
  .strict();
export type AlphaOptions = z.input<typeof AlphaOptionsSchema>;

/** What {@link krippendorffAlpha} returns. */
export const AlphaResultSchema = z.object({
  statistic: z.literal("krippendorff-alpha"),
  level: AlphaLevelSchema,
  /** α = 1 − Do/De, or NaN when undefined (see the diagnostics). */
  value: z.number(),
  /** Observed disagreement Do = (1/n) Σ o_ck δ²_ck. */
  observedDisagreement: z.number(),
  /** Expected disagreement De = 1/(n(n−1)) Σ n_c n_k δ²_ck. */
  expectedDisagreement: z.number(),
  coders: z.number().int(),
  /** Pairable units: units with at least two values. */
  units: z.number().int(),
  /** Units left out because they had fewer than two values. */
  droppedUnits: z.number().int(),
  /** n: the number of pairable values. */
  pairableValues: z.number().int(),
  /** The distinct values, in the order of the coincidence matrix. */
  values: z.array(z.union([z.string(), z.number()])),
  /** The coincidence matrix o_ck (rows and columns in the order of `values`). */
  coincidence: z.array(z.array(z.number())),
  interval: IntervalSchema.optional(),
  diagnostics: z.array(z.custom<Diagnostic>()),
});
export type AlphaResult = z.infer<typeof AlphaResultSchema>;

interface Core {
  value: number;
  observed: number;
  expected: number;
  n: number;
  coincidence: number[][];
}

/** The difference function δ²(c, k) of a level, given the values and the marginals n_c. */
function deltas(level: AlphaLevel, values: readonly Present[], marginals: readonly number[]): number[][] {
  const v = values.length;
  const d: number[][] = Array.from({ length: v }, () => new Array<number>(v).fill(0));
  if (level === "ordinal") {
    // Krippendorff (2011), p. 6: δ²_ck = (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)², values in rank order.
    const prefix = [0];
    for (let i = 0; i < v; i++) prefix.push((prefix[i] as number) + (marginals[i] as number));
    for (let c = 0; c < v; c++) {
      for (let k = c + 1; k < v; k++) {
        const sum = (prefix[k + 1] as number) - (prefix[c] as number);
        const x = sum - ((marginals[c] as number) + (marginals[k] as number)) / 2;
        (d[c] as number[])[k] = x * x;
        (d[k] as number[])[c] = x * x;
      }
    }
    return d;
  }
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      if (c === k) continue;
      const a = values[c] as number;
      const b = values[k] as number;
      let x: number;
      if (level === "nominal") x = 1;
      else if (level === "interval") x = (a - b) ** 2;
      else x = a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      (d[c] as number[])[k] = x;
    }
  }
  return d;
}

/**
 * Alpha from units given as arrays of value indices (each with at least two entries).
 * `pick` selects (with repetition) which units take part, for the bootstrap.
 */
function alphaCore(level: AlphaLevel, values: readonly Present[], units: readonly number[][], pick?: Int32Array): Core {
  const v = values.length;
  const o: number[][] = Array.from({ length: v }, () => new Array<number>(v).fill(0));
  const count = pick ? pick.length : units.length;
  for (let j = 0; j < count; j++) {
    const unit = units[pick ? (pick[j] as number) : j] as number[];
    const m = unit.length;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        if (a === b) continue;
        const row = o[unit[a] as number] as number[];
        row[unit[b] as number] = (row[unit[b] as number] as number) + 1 / (m - 1);
      }
    }
  }
  const marginals = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marginals.reduce((s, x) => s + x, 0);
  const d = deltas(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      const dk = (d[c] as number[])[k] as number;
      observed += ((o[c] as number[])[k] as number) * dk;
      expected += (marginals[c] as number) * (marginals[k] as number) * dk;
    }
  }
  observed = n > 0 ? observed / n : Number.NaN;
  expected = n > 1 ? expected / (n * (n - 1)) : Number.NaN;
  const value = n > 1 && expected > 0 ? 1 - observed / expected : Number.NaN;
  return { value, observed, expected, n, coincidence: o };
}

/** Orders the distinct values: options.values, numeric order, or first appearance (nominal). */
function orderValues(level: AlphaLevel, present: Present[], given: readonly Present[] | undefined): Present[] {
  const distinct = [...new Set(present)];
  if (level === "interval" || level === "ratio") {
    const bad = distinct.find((x) => typeof x !== "number");
    if (bad !== undefined) {
      throw invalidData("krippendorffAlpha", `the ${level} level needs numbers, but a value is ${JSON.stringify(bad)}`,
        "Use the nominal level for labels, or the ordinal level with options.values for ordered labels.");
    }
    if (level === "ratio") {
      const negative = distinct.find((x) => (x as number) < 0);
      if (negative !== undefined) {
        throw invalidData("krippendorffAlpha", `the ratio level needs values ≥ 0, but a value is ${negative}`);
      }
    }
    return (distinct as number[]).sort((a, b) => a - b);
  }
  if (given !== undefined) {
    const order = [...new Set(given)];
    const known = new Set<Present>(order);
    const unknown = distinct.find((x) => !known.has(x));
    if (unknown !== undefined) {
      throw invalidData("krippendorffAlpha", `value ${JSON.stringify(unknown)} is not in options.values`,
        `options.values lists ${order.map((x) => JSON.stringify(x)).join(", ")}.`);
    }
    return order;
  }
  if (distinct.every((x) => typeof x === "number")) return (distinct as number[]).sort((a, b) => a - b);
  if (level === "ordinal") {
    throw invalidData("krippendorffAlpha", "the ordinal level needs the order of the labels",
      'Pass options.values, lowest first: { level: "ordinal", values: ["low", "mid", "high"] }.');
  }
  return distinct;
}

/**
 * Krippendorff's alpha for coders × units data with missing values, at the nominal, ordinal,
 * interval or ratio level (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 * Units with fewer than two values are not pairable and are left out, as the method says.
 * α = 1 − Do/De from the coincidence matrix. When no unit is pairable, or every pairable value
 * is the same (De = 0), α is undefined: the value is NaN and a diagnostic says why.
 *
 * @param data Coders × units: one row per coder, one value (string, number or null) per unit.
 * @param options `level` (default nominal), `values` (order for ordinal labels), `interval`
 *   (a seeded percentile bootstrap over units).
 * @returns The value with Do, De, the coincidence matrix, counts and diagnostics.
 * @example
 * ```ts
 * const r = krippendorffAlpha([
 *   [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
 *   [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
 *   [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
 *   [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
 * ]);
 * r.value.toFixed(3); // "0.743"
 * ```
 */
export function krippendorffAlpha(data: readonly (readonly (string | number | null | undefined)[])[], options?: AlphaOptions): AlphaResult {
  const rows = checkReliabilityData(data, "krippendorffAlpha");
  const opts = parseOptions(AlphaOptionsSchema, options, "krippendorffAlpha");
  const width = (rows[0] as unknown[]).length;
  const unitsRaw: Present[][] = [];
  let dropped = 0;
  for (let u = 0; u < width; u++) {
    const vs: Present[] = [];
    for (const row of rows) {
      const x = row[u];
      if (isPresent(x)) vs.push(x);
    }
    if (vs.length >= 2) unitsRaw.push(vs);
    else dropped++;
  }
  const values = orderValues(opts.level, unitsRaw.flat(), opts.values);
  const index = new Map<Present, number>(values.map((x, i) => [x, i]));
  const units = unitsRaw.map((vs) => vs.map((x) => index.get(x) as number));
  const core = alphaCore(opts.level, values, units);
  const diagnostics: Diagnostic[] = [];
  if (dropped > 0) {
    diagnostics.push(agreementDiagnostic("agreement-missing-values",
      `${dropped} of ${width} unit${width === 1 ? "" : "s"} had fewer than two values and ${dropped === 1 ? "was" : "were"} left out (not pairable)`, "info"));
  }
  if (units.length === 0) {
    diagnostics.push(agreementDiagnostic("agreement-no-pairable-units",
      "Krippendorff's alpha is undefined: no unit has values from two or more coders"));
  } else if (!(core.expected > 0)) {
    diagnostics.push(agreementDiagnostic("agreement-no-variation",
      `Krippendorff's alpha is undefined: all ${core.n} pairable values are ${JSON.stringify(values[0])}, so there is no variation to tell agreement from chance`,
      "warning", "Observed agreement is perfect (Do = 0) but De = 0 too; report the percent agreement and the lack of variation instead of alpha."));
  }
  if (units.length === 1) {
    diagnostics.push(agreementDiagnostic("agreement-few-units", "Krippendorff's alpha rests on a single pairable unit"));
  }
  const result: AlphaResult = {
    statistic: "krippendorff-alpha",
    level: opts.level,
    value: core.value,
    observedDisagreement: core.observed,
    expectedDisagreement: core.expected,
    coders: rows.length,
    units: units.length,
    droppedUnits: dropped,
    pairableValues: core.n,
    values,
    coincidence: core.coincidence,
    diagnostics,
  };
  const boot = bootstrapOptions(opts.interval);
  if (boot && units.length > 0) {
    const { interval, diagnostics: more } = bootstrapInterval(units.length,
      (pick) => alphaCore(opts.level, values, units, pick).value, boot);
    result.interval = interval;
    diagnostics.push(...more);
  }
  return result;
}
