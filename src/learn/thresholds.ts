import { binaryKappa } from "./figures.ts";

/** A code's thresholds: the least probability that codes, per way of combining rules and model. */
export interface Thresholds {
  /** `model`: the model alone codes at or above it. */
  model: number;
  /** `both`: the model adds the code to a note the rules missed at or above it. */
  add: number;
}

/** The thresholds tried: 0.02, 0.04, ..., 0.98. */
const GRID: readonly number[] = Array.from({ length: 49 }, (_, i) => (i + 1) / 50);

/**
 * Chooses a code's thresholds on held-out probabilities (each note's probability from a model
 * that did not see the note): those giving the highest Cohen's kappa with the hand coding, on a
 * grid of 0.02 steps; among equal kappas, the one nearest 0.5. `model` decides every note;
 * `add` decides the notes the rules did not code (a rule hit always codes). Where the hand
 * coding and the prediction are both constant and equal (kappa undefined) they agree perfectly.
 * Without notes, the thresholds never code (1).
 *
 * @param probability each note's held-out probability of the code
 * @param ruleHit whether the rules found the code in each note
 * @param hand whether the hand coding has the code on each note
 * @returns the thresholds
 * @example
 * ```ts
 * chooseThresholds([0.9, 0.7, 0.2, 0.1], [true, false, false, false], [true, true, false, false]);
 * // { model: 0.5, add: 0.5 }: every threshold from 0.22 to 0.70 codes exactly the two
 * ```
 */
export function chooseThresholds(probability: readonly number[], ruleHit: readonly boolean[], hand: readonly boolean[]): Thresholds {
  const n = hand.length;
  const kappaAt = (t: number, byRules: boolean) => {
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < n; i++) {
      const coded = (byRules && ruleHit[i]) || probability[i]! >= t;
      if (coded && hand[i]) tp++;
      else if (coded) fp++;
      else if (hand[i]) fn++;
    }
    // Kappa is undefined only when both codings are constant and equal: perfect agreement.
    return n === 0 ? null : (binaryKappa(tp, fp, fn, n - tp - fp - fn) ?? 1);
  };
  // `add` may also be 1: adding nothing, when no addition helped on the held-out notes.
  return { model: bestThreshold(GRID, (t) => kappaAt(t, false)) ?? 1, add: bestThreshold([...GRID, 1], (t) => kappaAt(t, true)) ?? 1 };
}

/** The grid value with the highest score; ties go to the value nearest 0.5; undefined when no score is defined. */
function bestThreshold(grid: readonly number[], score: (t: number) => number | null): number | undefined {
  let best: number | undefined;
  let bestScore = -Infinity;
  for (const t of grid) {
    const s = score(t);
    if (s === null) continue;
    if (s > bestScore + 1e-12 || (Math.abs(s - bestScore) <= 1e-12 && best !== undefined && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}
