import { bootstrapInterval, type BootstrapOptions, type Interval } from "../agreement/bootstrap.ts";

/** How kodebok's coding of one code compares with a human coder's, note by note. */
export interface CodeFigures {
  /** Notes compared. */
  notes: number;
  /** Notes the coder gave the code. */
  human: number;
  /** Notes kodebok gave the code. */
  kodebok: number;
  /** Both (true positives). */
  tp: number;
  /** kodebok only (false positives). */
  fp: number;
  /** The coder only (missed notes, false negatives). */
  fn: number;
  /** Neither. */
  tn: number;
  /** tp / (tp + fp); undefined when kodebok gave the code to no note. */
  precision: number | undefined;
  /** tp / (tp + fn); undefined when the coder gave it to no note. */
  recall: number | undefined;
  /** Cohen's kappa of the two binary codings; undefined when both are constant and equal. */
  kappa: number | undefined;
  /** Percentile bootstrap interval of kappa over notes (when asked for and defined). */
  interval?: Interval;
}

/**
 * Cohen's kappa of a 2 × 2 table of presence (both, first only, second only, neither).
 *
 * @param tp both
 * @param fp the second (kodebok) only
 * @param fn the first (the coder) only
 * @param tn neither
 * @returns kappa, or NaN when chance agreement is 1
 * @example
 * ```ts
 * binaryKappa(2, 1, 1, 6); // 0.5238...: po 0.8, pe 0.58
 * ```
 */
export function binaryKappa(tp: number, fp: number, fn: number, tn: number): number {
  const n = tp + fp + fn + tn;
  if (n === 0) return Number.NaN;
  const po = (tp + tn) / n;
  const human = (tp + fn) / n;
  const auto = (tp + fp) / n;
  const pe = human * auto + (1 - human) * (1 - auto);
  return pe < 1 - 1e-12 ? (po - pe) / (1 - pe) : Number.NaN;
}

/**
 * A number, or undefined when it is NaN or infinite (an undefined coefficient).
 *
 * @param x the number
 * @returns x, or undefined
 * @example
 * ```ts
 * finiteOrUndefined(Number.NaN); // undefined
 * ```
 */
export function finiteOrUndefined(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}

/**
 * Compares two presence vectors (the coder's, kodebok's) over the same notes.
 *
 * @param human 1 where the coder gave the code
 * @param auto 1 where kodebok gave it
 * @param interval bootstrap options for kappa's interval, or undefined for none
 * @returns counts, precision, recall, kappa and its interval
 * @example
 * ```ts
 * codeFigures(Uint8Array.of(1, 1, 0, 0), Uint8Array.of(1, 0, 0, 0)).kappa; // 0.5
 * ```
 */
export function codeFigures(human: ArrayLike<number>, auto: ArrayLike<number>, interval?: BootstrapOptions): CodeFigures {
  const n = human.length;
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < n; i++) {
    if (human[i] && auto[i]) tp++;
    else if (auto[i]) fp++;
    else if (human[i]) fn++;
    else tn++;
  }
  const kappa = binaryKappa(tp, fp, fn, tn);
  const out: CodeFigures = {
    notes: n,
    human: tp + fn,
    kodebok: tp + fp,
    tp,
    fp,
    fn,
    tn,
    precision: tp + fp === 0 ? undefined : tp / (tp + fp),
    recall: tp + fn === 0 ? undefined : tp / (tp + fn),
    kappa: finiteOrUndefined(kappa),
  };
  if (interval !== undefined && Number.isFinite(kappa)) {
    out.interval = bootstrapInterval(n, (pick) => {
      let a = 0, b = 0, c = 0, d = 0;
      for (let j = 0; j < pick.length; j++) {
        const i = pick[j]!;
        if (human[i] && auto[i]) a++;
        else if (auto[i]) b++;
        else if (human[i]) c++;
        else d++;
      }
      return binaryKappa(a, b, c, d);
    }, interval).interval;
  }
  return out;
}

/**
 * The mean of the codes' kappas (undefined ones left out), with a bootstrap interval that
 * resamples notes once for all codes, as a reviewer's "mean per-code kappa".
 *
 * @param pairs per code: the coder's and kodebok's presence over the same notes
 * @param interval bootstrap options, or undefined for none
 * @returns the mean kappa and its interval
 * @example
 * ```ts
 * meanKappa([[Uint8Array.of(1, 0), Uint8Array.of(1, 0)]]).kappa; // 1
 * ```
 */
export function meanKappa(
  pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[],
  interval?: BootstrapOptions,
): { kappa: number | undefined; interval?: Interval } {
  const mean = (pick: ArrayLike<number> | undefined): number => {
    let sum = 0, count = 0;
    for (const [human, auto] of pairs) {
      let a = 0, b = 0, c = 0, d = 0;
      const n = pick ? pick.length : human.length;
      for (let j = 0; j < n; j++) {
        const i = pick ? pick[j]! : j;
        if (human[i] && auto[i]) a++;
        else if (auto[i]) b++;
        else if (human[i]) c++;
        else d++;
      }
      const k = binaryKappa(a, b, c, d);
      if (Number.isFinite(k)) {
        sum += k;
        count++;
      }
    }
    return count === 0 ? Number.NaN : sum / count;
  };
  const value = mean(undefined);
  const out: { kappa: number | undefined; interval?: Interval } = { kappa: finiteOrUndefined(value) };
  const n = pairs[0]?.[0].length ?? 0;
  if (interval !== undefined && Number.isFinite(value) && n > 0) out.interval = bootstrapInterval(n, (pick) => mean(pick), interval).interval;
  return out;
}

/**
 * Cohen's kappa of two presence vectors (the coder's, kodebok's) over the same notes.
 *
 * @param human 1 where the coder gave the code
 * @param present 1 where kodebok gave it
 * @returns kappa, or NaN when both are constant and equal
 * @example
 * ```ts
 * presenceKappa(Uint8Array.of(1, 1, 0, 0), Uint8Array.of(1, 0, 0, 0)); // 0.5
 * ```
 */
export function presenceKappa(human: ArrayLike<number>, present: ArrayLike<number>): number {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < human.length; i++) {
    if (human[i] && present[i]) tp++;
    else if (present[i]) fp++;
    else if (human[i]) fn++;
    else tn++;
  }
  return binaryKappa(tp, fp, fn, tn);
}

/**
 * The notes by how they stand: missed (the coder gave the code, kodebok did not), not coded by
 * the coder (the reference of candidate terms), and agreed (both gave it), as 0/1 masks.
 *
 * @param human 1 where the coder gave the code
 * @param present 1 where kodebok gave it
 * @returns the three masks
 * @example
 * ```ts
 * outcomeMasks(Uint8Array.of(1, 1, 0), Uint8Array.of(1, 0, 1)).missed; // Uint8Array [0, 1, 0]
 * ```
 */
export function outcomeMasks(human: ArrayLike<number>, present: ArrayLike<number>): { missed: Uint8Array; notCoded: Uint8Array; agreed: Uint8Array } {
  const n = human.length;
  const missed = new Uint8Array(n);
  const notCoded = new Uint8Array(n);
  const agreed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    missed[i] = human[i] && !present[i] ? 1 : 0;
    notCoded[i] = human[i] ? 0 : 1;
    agreed[i] = human[i] && present[i] ? 1 : 0;
  }
  return { missed, notCoded, agreed };
}
