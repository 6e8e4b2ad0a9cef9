import { binaryKappa } from "./figures.ts";

/** A code's thresholds: the least probability that codes, per way of combining rules and model. */
export interface Thresholds {
  /** `model`: the model alone codes at or above it. */
  model: number;
  /** `both`: the model adds the code to a note the rules missed at or above it. */
  add: number;
  /** `both`: a rule hit stays coded unless the probability is below it (0: every rule hit stays). */
  keep: number;
}

/** The thresholds tried: 0.02, 0.04, ..., 0.98. */
const GRID: readonly number[] = Array.from({ length: 49 }, (_, i) => (i + 1) / 50);

/**
 * Chooses a code's thresholds on held-out probabilities (each note's probability from a model
 * that did not see the note): those giving the highest Cohen's kappa with the hand coding, on a
 * grid of 0.02 steps. Among equal kappas, `model` and `add` take the one nearest 0.5 and `keep`
 * the smallest (a rule hit stays coded unless the model clearly disagrees). A code that is
 * never or always hand-coded gets the thresholds that never add and always keep.
 *
 * @param probability each note's held-out probability of the code
 * @param ruleHit whether the rules found the code in each note
 * @param hand whether the hand coding has the code on each note
 * @returns the thresholds
 * @example
 * ```ts
 * chooseThresholds([0.9, 0.7, 0.2, 0.1], [true, false, false, false], [true, true, false, false]);
 * // { model: 0.5, add: 0.5, keep: 0 }: every threshold from 0.22 to 0.70 codes exactly the two
 * ```
 */
export function chooseThresholds(probability: readonly number[], ruleHit: readonly boolean[], hand: readonly boolean[]): Thresholds {
  const n = hand.length;
  const model = bestThreshold(GRID, (t) => {
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < n; i++) {
      const p = probability[i]! >= t;
      if (p && hand[i]) tp++;
      else if (p) fp++;
      else if (hand[i]) fn++;
    }
    return binaryKappa(tp, fp, fn, n - tp - fp - fn);
  }, 0.5);
  // For `both`, notes with and without a rule hit are decided by separate thresholds; the kappa
  // of the whole depends on both, so the pairs are searched together.
  let best: { add: number; keep: number; kappa: number } | undefined;
  for (const keep of [0, ...GRID]) {
    let tpHit = 0, fpHit = 0, fnHit = 0;
    for (let i = 0; i < n; i++) {
      if (!ruleHit[i]) continue;
      const p = probability[i]! >= keep;
      if (p && hand[i]) tpHit++;
      else if (p) fpHit++;
      else if (hand[i]) fnHit++;
    }
    for (const add of GRID) {
      let tp = tpHit, fp = fpHit, fn = fnHit;
      for (let i = 0; i < n; i++) {
        if (ruleHit[i]) continue;
        const p = probability[i]! >= add;
        if (p && hand[i]) tp++;
        else if (p) fp++;
        else if (hand[i]) fn++;
      }
      const kappa = binaryKappa(tp, fp, fn, n - tp - fp - fn);
      if (kappa === null) continue;
      if (best === undefined || kappa > best.kappa + 1e-12 || (Math.abs(kappa - best.kappa) <= 1e-12 && keep === best.keep && Math.abs(add - 0.5) < Math.abs(best.add - 0.5))) {
        best = { add, keep, kappa };
      }
    }
  }
  if (model === undefined || best === undefined) return { model: 1, add: 1, keep: 0 };
  return { model, add: best.add, keep: best.keep };
}

/** The grid value with the highest score; ties go to the value nearest `prefer`; undefined when no score is defined. */
function bestThreshold(grid: readonly number[], score: (t: number) => number | null, prefer: number): number | undefined {
  let best: number | undefined;
  let bestScore = -Infinity;
  for (const t of grid) {
    const s = score(t);
    if (s === null) continue;
    if (s > bestScore + 1e-12 || (Math.abs(s - bestScore) <= 1e-12 && best !== undefined && Math.abs(t - prefer) < Math.abs(best - prefer))) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}
