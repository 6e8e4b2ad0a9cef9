import { describe, expect, it } from "vitest";
import { fitLogistic, predictLogistic, sigmoid } from "../../src/learn/logistic-regression.ts";
import { binaryFigures, binaryKappa } from "../../src/learn/figures.ts";
import { chooseThresholds } from "../../src/learn/thresholds.ts";
import { cohenKappaFromTable } from "../../src/agreement/cohen-kappa.ts";

const LN3 = Math.log(3);

describe("fitLogistic()", () => {
  it("finds the hand-computed optimum of a two-feature set", () => {
    // Feature 0 in the two coded notes, none in the two uncoded ones. The optimum of
    // Σ [log(1 + e^z) − y z] + λ/2 w² has b = −w/2 (the bias gradient: 2(1 − σ(w + b)) = 2σ(b)),
    // and 2(1 − σ(w/2)) = λw; with λ = 1/(4 ln 3) that is w = 2 ln 3, σ(w/2) = 3/4.
    const fit = fitLogistic([[0], [0], [], []], [1, 1, 0, 0], 1, { l2: 1 / (4 * LN3), tolerance: 1e-10 });
    expect(fit.converged).toBe(true);
    expect(fit.weights[0]).toBeCloseTo(2 * LN3, 8);
    expect(fit.bias).toBeCloseTo(-LN3, 8);
    expect(predictLogistic(fit, [0])).toBeCloseTo(0.75, 8);
    expect(predictLogistic(fit, [])).toBeCloseTo(0.25, 8);
  });

  it("gives opposite weights to a word of the coded notes and a word of the others", () => {
    // 5 notes with feature 0 (coded) and 5 with feature 1 (not): by symmetry b = 0 and w1 = −w0,
    // and 5(σ(w0) − 1) + λ w0 = 0; λ = 5/(4 ln 3) puts the optimum at w0 = ln 3, P = 3/4 and 1/4.
    const rows = [...Array(5).fill([0]), ...Array(5).fill([1])];
    const labels = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    const fit = fitLogistic(rows, labels, 2, { l2: 5 / (4 * LN3), tolerance: 1e-10 });
    expect(fit.weights[0]).toBeCloseTo(LN3, 8);
    expect(fit.weights[1]).toBeCloseTo(-LN3, 8);
    expect(fit.bias).toBeCloseTo(0, 8);
  });

  it("gives the same weights for the same rows, bit for bit", () => {
    const rows = [[0, 2], [1], [0, 1, 2], [2], [0], [1, 2]];
    const labels = [1, 0, 1, 0, 1, 0];
    const a = fitLogistic(rows, labels, 3, { l2: 0.5 });
    const b = fitLogistic(rows.map((r) => [...r]), [...labels], 3, { l2: 0.5 });
    expect([...a.weights, a.bias]).toEqual([...b.weights, b.bias]);
  });

  it("refuses a penalty that is not positive and labels that do not match the rows", () => {
    expect(() => fitLogistic([[0]], [1], 1, { l2: 0 })).toThrow(/L2 penalty must be > 0/);
    expect(() => fitLogistic([[0]], [1, 0], 1, { l2: 1 })).toThrow(/1 rows but 2 labels/);
  });

  it("sigmoid() is the logistic function without overflow", () => {
    expect(sigmoid(LN3)).toBeCloseTo(0.75, 12);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});

describe("binaryKappa() and binaryFigures()", () => {
  it("agree with cohenKappaFromTable", () => {
    for (const [tp, fp, fn, tn] of [[20, 10, 5, 15], [3, 1, 2, 40], [0, 4, 3, 10], [7, 0, 0, 3]] as const) {
      expect(binaryKappa(tp, fp, fn, tn)).toBeCloseTo(cohenKappaFromTable([[tp, fp], [fn, tn]]).value, 12);
    }
    expect(binaryKappa(20, 10, 5, 15)).toBeCloseTo(0.4, 12);
    expect(binaryKappa(0, 0, 0, 9)).toBeNull();
  });

  it("counts precision and recall", () => {
    expect(binaryFigures([true, true, false, false], [true, false, true, false])).toEqual({
      kappa: 0, precision: 0.5, recall: 0.5, truePositives: 1, falsePositives: 1, falseNegatives: 1,
    });
  });
});

describe("chooseThresholds()", () => {
  it("takes the threshold nearest 0.5 among those with the best kappa", () => {
    expect(chooseThresholds([0.9, 0.7, 0.2, 0.1], [true, false, false, false], [true, true, false, false])).toEqual({ model: 0.5, add: 0.5 });
    // The probabilities separate the coded notes only at thresholds in (0.2, 0.25]: the grid
    // values there are 0.22 and 0.24, and 0.24 is nearer 0.5.
    expect(chooseThresholds([0.3, 0.25, 0.2, 0.1], [false, false, false, false], [true, true, false, false])).toEqual({ model: 0.24, add: 0.24 });
  });

  it("lets `add` count a rule hit as coded", () => {
    // The rules find note 0 (p 0.1). With `add`, thresholds in (0.3, 0.8] code notes 0 and 1
    // exactly (kappa 1); the model alone could reach note 0 only by coding every note, so its best
    // is note 1 alone (kappa 0.5), also in (0.3, 0.8]. Both take 0.5, the grid value nearest 0.5.
    // Moving note 1 below note 2 leaves `add` nothing better than the rule hit alone.
    expect(chooseThresholds([0.1, 0.8, 0.3, 0.2], [true, false, false, false], [true, true, false, false])).toEqual({ model: 0.5, add: 0.5 });
    expect(chooseThresholds([0.1, 0.25, 0.3, 0.2], [true, false, false, false], [true, true, false, false]).add).toBe(0.5);
  });

  it("adds nothing when every addition would lower the kappa", () => {
    // The rules find the only coded note; the model is surest of two uncoded ones.
    expect(chooseThresholds([0.1, 0.99, 0.95], [true, false, false], [true, false, false]).add).toBe(1);
  });

  it("puts the thresholds of a code no note has above every probability", () => {
    // Coding nothing agrees perfectly (kappa undefined, taken as 1); coding note 1 gives kappa 0.
    expect(chooseThresholds([0.1, 0.2], [false, false], [false, false])).toEqual({ model: 0.5, add: 0.5 });
    expect(chooseThresholds([], [], [])).toEqual({ model: 1, add: 1 });
  });
});
