import type { FoldFigures } from "./model.ts";

/**
 * Cohen's kappa of two binary codings from the counts of their 2 × 2 table (both, only the
 * prediction, only the hand coding, neither); `null` when it is undefined (both constant and equal).
 *
 * @param tp notes both coded
 * @param fp notes only the prediction coded
 * @param fn notes only the hand coding coded
 * @param tn notes neither coded
 * @returns kappa, or null
 * @example
 * ```ts
 * binaryKappa(20, 10, 5, 15); // 0.4 (Wikipedia's worked example)
 * ```
 */
export function binaryKappa(tp: number, fp: number, fn: number, tn: number): number | null {
  const n = tp + fp + fn + tn;
  if (n === 0) return null;
  const po = (tp + tn) / n;
  const pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/**
 * Agreement of a predicted coding with the hand coding of one code: kappa, precision and recall
 * (null where undefined) and the counts behind them.
 *
 * @param predicted whether the prediction codes each note
 * @param hand whether the hand coding codes each note
 * @returns the figures
 * @example
 * ```ts
 * binaryFigures([true, true, false], [true, false, false]).precision; // 0.5
 * ```
 */
export function binaryFigures(predicted: readonly boolean[], hand: readonly boolean[]): FoldFigures {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < hand.length; i++) {
    if (predicted[i]) {
      if (hand[i]) tp++;
      else fp++;
    } else if (hand[i]) fn++;
    else tn++;
  }
  return {
    kappa: binaryKappa(tp, fp, fn, tn),
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}

/**
 * The mean of the defined values, or null when none is.
 *
 * @param values numbers, null where undefined
 * @returns the mean
 * @example
 * ```ts
 * meanOf([0.5, null, 1]); // 0.75
 * ```
 */
export function meanOf(values: readonly (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((s, v) => s + v, 0) / defined.length;
}
