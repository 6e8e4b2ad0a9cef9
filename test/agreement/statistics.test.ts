import { describe, expect, it } from "vitest";
import { KodebokError } from "../../src/diagnostics/result.ts";
import { cohenKappa, cohenKappaFromTable } from "../../src/agreement/cohen-kappa.ts";
import { categoryCounts, fleissKappa } from "../../src/agreement/fleiss-kappa.ts";
import { krippendorffAlpha } from "../../src/agreement/krippendorff-alpha.ts";
import { percentAgreement } from "../../src/agreement/percent-agreement.ts";

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43), section C,
 * "Reliability data with missing values": 4 observers (A-D) × 12 units. Published results:
 * nominal α = 0.743, ordinal α = 0.815, interval α = 0.849, ratio α = 0.797. The same matrix and
 * values are the `nmm` example of R's irr::kripp.alpha (Gamer et al.).
 */
const krippendorff2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

describe("krippendorffAlpha()", () => {
  it("reproduces Krippendorff (2011) at the nominal level: 0.743", () => {
    const r = krippendorffAlpha(krippendorff2011);
    expect(r.value.toFixed(3)).toBe("0.743");
    // The paper's intermediate figures: n = 40 pairable values, unit 12 left out.
    expect(r.pairableValues).toBe(40);
    expect(r.units).toBe(11);
    expect(r.droppedUnits).toBe(1);
    // The paper's coincidence totals n_c for values 1..5 (counts of pairable values, checkable by hand),
    // and the nominal form α = 1 − (n − 1) Σ_{c≠k} o_ck / (n² − Σ n_c²) with Σ_{c≠k} o_ck = 8.
    expect(r.coincidence.map((row) => Math.round(row.reduce((s, x) => s + x, 0) * 1e9) / 1e9)).toEqual([9, 13, 10, 5, 3]);
    expect(r.value).toBeCloseTo(1 - (39 * 8) / (1600 - (81 + 169 + 100 + 25 + 9)), 12);
  });
  it("reproduces Krippendorff (2011) at the ordinal level: 0.815", () => {
    expect(krippendorffAlpha(krippendorff2011, { level: "ordinal" }).value.toFixed(3)).toBe("0.815");
  });
  it("reproduces Krippendorff (2011) at the interval level: 0.849", () => {
    expect(krippendorffAlpha(krippendorff2011, { level: "interval" }).value.toFixed(3)).toBe("0.849");
  });
  it("reproduces Krippendorff (2011) at the ratio level: 0.797", () => {
    expect(krippendorffAlpha(krippendorff2011, { level: "ratio" }).value.toFixed(3)).toBe("0.797");
  });
  it("orders labels for the ordinal level with options.values", () => {
    const labels = ["low", "mid", "high", "top", "max"];
    const named = krippendorff2011.map((row) => row.map((x) => (x === null ? null : labels[x - 1]!)));
    const r = krippendorffAlpha(named, { level: "ordinal", values: labels });
    expect(r.value.toFixed(3)).toBe("0.815");
    expect(() => krippendorffAlpha(named, { level: "ordinal" })).toThrow(/needs the order of the labels/);
  });
  it("returns NaN with a diagnostic when every value is the same", () => {
    const r = krippendorffAlpha([["a", "a", "a"], ["a", "a", "a"]]);
    expect(r.value).toBeNaN();
    expect(r.observedDisagreement).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toContain("agreement-no-variation");
  });
  it("returns NaN with a diagnostic when no unit is pairable", () => {
    const r = krippendorffAlpha([[1, null], [null, 2]]);
    expect(r.value).toBeNaN();
    expect(r.units).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["agreement-missing-values", "agreement-no-pairable-units"]);
  });
  it("gives 1 for perfect agreement with variation, and warns about a single unit", () => {
    expect(krippendorffAlpha([[1, 2, 3], [1, 2, 3]]).value).toBe(1);
    const single = krippendorffAlpha([[1], [2]]);
    expect(single.value).toBe(0);
    expect(single.diagnostics.map((d) => d.code)).toContain("agreement-few-units");
  });
  it("rejects ragged input with a clear error", () => {
    expect(() => krippendorffAlpha([[1, 2, 3], [1, 2]])).toThrow(KodebokError);
    expect(() => krippendorffAlpha([[1, 2, 3], [1, 2]])).toThrow(
      "Cannot compute krippendorffAlpha: coder 2 (row 2) has 2 values, coder 1 has 3",
    );
    expect(() => krippendorffAlpha([[1, { x: 1 }]] as never)).toThrow(/value of coder 1 for unit 2/);
    expect(() => krippendorffAlpha([["a", "b"], ["a", "a"]], { level: "interval" })).toThrow(/needs numbers/);
    expect(() => krippendorffAlpha([[1]], { level: "circular" } as never)).toThrow(/option "level" is invalid/);
  });
  it("gives the same bootstrap interval for the same seed, and a different one for another seed", () => {
    const a = krippendorffAlpha(krippendorff2011, { interval: { samples: 500, seed: 3 } });
    const b = krippendorffAlpha(krippendorff2011, { interval: { samples: 500, seed: 3 } });
    const c = krippendorffAlpha(krippendorff2011, { interval: { samples: 500, seed: 4 } });
    expect(a.interval).toEqual(b.interval);
    expect(a.interval).not.toEqual(c.interval);
    expect(a.interval!.lower).toBeLessThan(a.value);
    expect(a.interval!.upper).toBeGreaterThanOrEqual(a.value);
    expect(a.interval!.upper).toBeLessThanOrEqual(1);
    expect(a.interval!.below.map((x) => x.threshold)).toEqual([0.667, 0.8]);
  });
});

describe("cohenKappa()", () => {
  it("reproduces Wikipedia's worked example (50 grant proposals): κ = 0.4", () => {
    // https://en.wikipedia.org/wiki/Cohen%27s_kappa, "Simple example": 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    const r = cohenKappaFromTable([[20, 5], [10, 15]], { categories: ["yes", "no"] });
    expect(r.observedAgreement).toBeCloseTo(0.7, 12);
    expect(r.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(r.value).toBeCloseTo(0.4, 12);
  });
  it("reproduces vcd::Kappa(SexualFun): unweighted 0.1293, equal-spacing weighted 0.2374", () => {
    // R package vcd, data SexualFun (Hout, Duncan & Sobel 1987 via Agresti 1990; Friendly 2000, p. 91):
    // husband (rows) × wife (columns), never fun / fairly often / very often / always fun.
    // Published output (vcd/vcdExtra documentation): Unweighted 0.1293, Weighted 0.2374.
    const sexualFun = [
      [7, 7, 2, 3],
      [2, 8, 3, 7],
      [1, 5, 4, 9],
      [2, 8, 9, 14],
    ];
    expect(cohenKappaFromTable(sexualFun).value.toFixed(4)).toBe("0.1293");
    expect(cohenKappaFromTable(sexualFun, { weights: "linear" }).value.toFixed(4)).toBe("0.2374");
  });
  it("reproduces irr::kappa2(anxiety[, 1:2], \"squared\"): 0.297", () => {
    // R package irr (Gamer, Lemon, Fellows & Singh), data anxiety, raters 1 and 2; documented example
    // kappa2(anxiety[,1:2], "squared") gives Kappa = 0.297.
    const rater1 = [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3];
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const r = cohenKappa(rater1, rater2, { weights: "quadratic" });
    expect(r.value.toFixed(3)).toBe("0.297");
    expect(r.n).toBe(20);
  });
  it("reproduces irr::kappa2(diagnoses[, 2:3]): 0.631", () => {
    // irr's documented example for unweighted kappa of categorical data without order.
    const r = cohenKappa(diagnoses.map((row) => row[1]!), diagnoses.map((row) => row[2]!));
    expect(r.value.toFixed(3)).toBe("0.631");
  });
  it("orders categories with options.categories for weighted kappa", () => {
    const a = ["never", "often", "sometimes", "often"];
    const b = ["never", "sometimes", "sometimes", "often"];
    expect(() => cohenKappa(a, b, { weights: "linear" })).toThrow(/need the order of the categories/);
    const labelled = cohenKappa(a, b, { weights: "linear", categories: ["never", "sometimes", "often"] });
    const numbered = cohenKappa([1, 3, 2, 3], [1, 2, 2, 3], { weights: "linear" });
    expect(labelled.value).toBeCloseTo(numbered.value, 12);
    expect(labelled.categories).toEqual(["never", "sometimes", "often"]);
  });
  it("answers one category only with NaN and a diagnostic, never a silent 1", () => {
    const r = cohenKappa(["x", "x", "x"], ["x", "x", "x"]);
    expect(r.value).toBeNaN();
    expect(r.observedAgreement).toBe(1);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["agreement-no-variation"]);
  });
  it("leaves out pairs with a missing value, and reports no pairable units", () => {
    const r = cohenKappa([1, 2, null, 1], [1, 2, 2, undefined]);
    expect(r.n).toBe(2);
    expect(r.missing).toBe(2);
    expect(r.value).toBe(1);
    const none = cohenKappa([1, null], [null, 2]);
    expect(none.value).toBeNaN();
    expect(none.diagnostics.map((d) => d.code)).toContain("agreement-no-pairable-units");
  });
  it("rejects raters of different lengths", () => {
    expect(() => cohenKappa([1, 2, 3], [1, 2])).toThrow("Cannot compute cohenKappa: rater a has 3 values and rater b has 2");
    expect(() => cohenKappa([1, 2], [1, 3], { categories: [1, 2] })).toThrow(/value 3 is not in options.categories/);
  });
  it("gives a repeatable bootstrap interval", () => {
    const a = [1, 1, 2, 2, 3, 3, 1, 2, 3, 1, 2, 2];
    const b = [1, 2, 2, 2, 3, 1, 1, 2, 3, 1, 3, 2];
    const x = cohenKappa(a, b, { interval: { samples: 400, seed: 9 } });
    const y = cohenKappa(a, b, { interval: { samples: 400, seed: 9 } });
    expect(x.interval).toEqual(y.interval);
    expect(x.interval!.lower).toBeLessThan(x.value);
    expect(x.interval!.upper).toBeGreaterThan(x.value);
  });
});

/**
 * Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
 * Bulletin, 76, 378-382, Table 1: psychiatric diagnoses of 30 subjects by 6 raters each
 * (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other). The same data is
 * R irr's `diagnoses`; published κ = 0.430, per-category κ 0.245, 0.245, 0.520, 0.471, 0.566
 * (irr::kappam.fleiss(diagnoses, detail = TRUE)).
 */
const diagnoses = [
  [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
];

describe("fleissKappa()", () => {
  it("reproduces Fleiss (1971): κ = 0.430 and the per-category kappas", () => {
    const raters = [0, 1, 2, 3, 4, 5].map((r) => diagnoses.map((subject) => subject[r]!));
    const { counts } = categoryCounts(raters, [1, 2, 3, 4, 5]);
    const r = fleissKappa(counts);
    expect(r.value.toFixed(3)).toBe("0.430");
    expect(r.categoryKappas.map((k) => k.toFixed(3))).toEqual(["0.245", "0.245", "0.520", "0.471", "0.566"]);
    expect(r.subjects).toBe(30);
    expect(r.raters).toBe(6);
  });
  it("reproduces Wikipedia's worked example (10 subjects, 14 raters): κ = 0.210", () => {
    // https://en.wikipedia.org/wiki/Fleiss%27_kappa, "Worked example": P̄ = 0.378, P̄e = 0.213, κ = 0.210.
    const table = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const r = fleissKappa(table);
    expect(r.observedAgreement.toFixed(3)).toBe("0.378");
    expect(r.expectedAgreement.toFixed(3)).toBe("0.213");
    expect(r.value.toFixed(3)).toBe("0.210");
  });
  it("answers one category only with NaN and a diagnostic", () => {
    const r = fleissKappa([[3, 0], [3, 0]]);
    expect(r.value).toBeNaN();
    expect(r.diagnostics.map((d) => d.code)).toContain("agreement-no-variation");
  });
  it("rejects rows with different numbers of raters", () => {
    expect(() => fleissKappa([[3, 0], [2, 0]])).toThrow("Cannot compute fleissKappa: subject 2 (row 2) has 2 ratings, subject 1 has 3");
  });
});

describe("percentAgreement()", () => {
  it("counts units on which all coders agree, or the mean pairwise agreement", () => {
    const data = [
      ["a", "a", "b", null],
      ["a", "b", "b", "a"],
      ["a", "b", "c", null],
    ];
    const all = percentAgreement(data);
    expect(all.units).toBe(3);
    expect(all.value).toBeCloseTo(1 / 3, 12);
    // unit 1: 3/3 pairs agree, unit 2: 1/3, unit 3: 1/3.
    expect(percentAgreement(data, { method: "pairwise" }).value).toBeCloseTo((1 + 1 / 3 + 1 / 3) / 3, 12);
    expect(all.diagnostics.map((d) => d.code)).toEqual(["agreement-missing-values"]);
  });
  it("is NaN with a diagnostic when no unit can be judged", () => {
    const r = percentAgreement([[1, null]]);
    expect(r.value).toBeNaN();
    expect(r.diagnostics.map((d) => d.code)).toContain("agreement-no-pairable-units");
  });
});
