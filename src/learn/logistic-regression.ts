// A small L2-regularised logistic regression over sparse binary features, fitted by L-BFGS.
// natural's LogisticRegressionClassifier (apparatus) fits dense matrices by unregularised gradient
// descent and throws when it does not settle; on the gold it took minutes and overfits the
// separable short notes (see bench/learn.mjs), so kodebok fits its own. Deterministic: no random
// start, a fixed order of every sum, so the same rows give the same weights.

/** A training row: the indices of the features present in a note (binary features), ascending. */
export type FeatureRow = readonly number[];

/** Options of {@link fitLogistic}. */
export interface FitLogisticOptions {
  /** L2 penalty λ on the weights (not on the bias): the objective adds λ/2·‖w‖². */
  l2: number;
  /** Stop when the largest gradient component is below this (default 1e-4). */
  tolerance?: number;
  /** Stop after this many L-BFGS steps (default 500). */
  maxIterations?: number;
}

/** A fitted logistic regression: P(y = 1 | x) = σ(bias + Σ weights[j] for each feature j present). */
export interface LogisticFit {
  bias: number;
  weights: Float64Array;
  /** L-BFGS steps taken. */
  iterations: number;
  /** Whether the gradient fell below the tolerance. */
  converged: boolean;
}

/**
 * The logistic function σ(z) = 1 / (1 + e^-z), computed without overflow.
 *
 * @param z the log-odds
 * @returns the probability
 * @example
 * ```ts
 * sigmoid(Math.log(3)); // 0.75
 * ```
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Fits an L2-regularised logistic regression with an unpenalised bias: it minimises
 * Σᵢ [log(1 + e^zᵢ) − yᵢ·zᵢ] + λ/2·‖w‖², zᵢ = b + Σ_{j ∈ rowᵢ} wⱼ, by L-BFGS (10 pairs) with a
 * backtracking line search. Every row is a set of binary features; labels are 0 or 1.
 *
 * @param rows the feature indices of each training note
 * @param labels 1 where the code applies, 0 where it does not
 * @param features the number of features (indices run from 0 to features - 1)
 * @param options the penalty λ, tolerance and step limit
 * @returns the bias, the weights and how the fit ended
 * @example
 * ```ts
 * // Two notes with feature 0 coded, two without it uncoded; with λ = 1/(4 ln 3) the optimum is
 * // w = 2 ln 3, b = -ln 3, so the coded notes get P = 3/4.
 * const fit = fitLogistic([[0], [0], [], []], [1, 1, 0, 0], 1, { l2: 1 / (4 * Math.log(3)) });
 * fit.weights[0]; // 2.197… (2 ln 3)
 * ```
 */
export function fitLogistic(rows: readonly FeatureRow[], labels: ArrayLike<number>, features: number, options: FitLogisticOptions): LogisticFit {
  const n = rows.length;
  if (labels.length !== n) throw new RangeError(`Cannot fit a logistic regression: ${n} rows but ${labels.length} labels`);
  if (!(options.l2 > 0)) throw new RangeError(`Cannot fit a logistic regression: the L2 penalty must be > 0, not ${String(options.l2)}`);
  const tolerance = options.tolerance ?? 1e-4;
  const maxIterations = options.maxIterations ?? 500;
  const lambda = options.l2;
  const d = features + 1; // the bias is the last coordinate
  const x = new Float64Array(d);

  // Objective and gradient at `at`, written into `grad`.
  const evaluate = (at: Float64Array, grad: Float64Array): number => {
    const bias = at[features]!;
    let value = 0;
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      let s = bias;
      for (let k = 0; k < row.length; k++) s += at[row[k]!]!;
      const y = labels[i]!;
      // log(1 + e^s) and σ(s) from one exponential, without overflow.
      const e = Math.exp(-Math.abs(s));
      value += (s > 0 ? s : 0) + Math.log1p(e) - y * s;
      const r = (s >= 0 ? 1 / (1 + e) : e / (1 + e)) - y;
      for (let k = 0; k < row.length; k++) grad[row[k]!]! += r;
      grad[features]! += r;
    }
    let penalty = 0;
    for (let j = 0; j < features; j++) {
      const w = at[j]!;
      penalty += w * w;
      grad[j]! += lambda * w;
    }
    return value + (lambda / 2) * penalty;
  };

  // L-BFGS memory: the last `memory` steps s and gradient changes y, in a ring.
  const memory = 10;
  const sRing = Array.from({ length: memory }, () => new Float64Array(d));
  const yRing = Array.from({ length: memory }, () => new Float64Array(d));
  const rho = new Float64Array(memory);
  const alpha = new Float64Array(memory);
  let stored = 0;
  let newest = -1;
  const grad = new Float64Array(d);
  const nextGrad = new Float64Array(d);
  const direction = new Float64Array(d);
  const next = new Float64Array(d);
  let value = evaluate(x, grad);
  let iterations = 0;
  let converged = maxNorm(grad) < tolerance;
  while (!converged && iterations < maxIterations) {
    // Two-loop recursion: direction = -H·grad.
    for (let j = 0; j < d; j++) direction[j] = -grad[j]!;
    for (let m = 0; m < stored; m++) {
      const at = (newest - m + memory) % memory;
      const a = rho[at]! * dot(sRing[at]!, direction);
      alpha[at] = a;
      axpy(-a, yRing[at]!, direction);
    }
    const scale = stored > 0 ? dot(sRing[newest]!, yRing[newest]!) / dot(yRing[newest]!, yRing[newest]!) : 1 / Math.max(1, maxNorm(grad));
    for (let j = 0; j < d; j++) direction[j]! *= scale;
    for (let m = stored - 1; m >= 0; m--) {
      const at = (newest - m + memory) % memory;
      const b = rho[at]! * dot(yRing[at]!, direction);
      axpy(alpha[at]! - b, sRing[at]!, direction);
    }
    let slope = dot(grad, direction);
    if (!(slope < 0)) {
      // Not a descent direction (curvature lost): forget the memory, take steepest descent.
      stored = 0;
      const steepest = 1 / Math.max(1, maxNorm(grad));
      for (let j = 0; j < d; j++) direction[j] = -grad[j]! * steepest;
      slope = dot(grad, direction);
    }
    // Backtracking (Armijo) line search.
    let step = 1;
    let nextValue = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < d; j++) next[j] = x[j]! + step * direction[j]!;
      nextValue = evaluate(next, nextGrad);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextValue <= value)) break;
    const slot = (newest + 1) % memory;
    const sv = sRing[slot]!;
    const yv = yRing[slot]!;
    for (let j = 0; j < d; j++) {
      sv[j] = next[j]! - x[j]!;
      yv[j] = nextGrad[j]! - grad[j]!;
    }
    const sy = dot(sv, yv);
    if (sy > 1e-12) {
      rho[slot] = 1 / sy;
      newest = slot;
      if (stored < memory) stored++;
    }
    const decrease = value - nextValue;
    x.set(next);
    grad.set(nextGrad);
    value = nextValue;
    iterations++;
    converged = maxNorm(grad) < tolerance;
    if (!converged && decrease <= 1e-15 * Math.max(1, Math.abs(value))) break;
  }
  return { bias: x[features]!, weights: x.slice(0, features), iterations, converged };
}

/**
 * The probability a fitted regression gives a row of features.
 *
 * @param fit the fitted bias and weights
 * @param row the indices of the features present
 * @returns P(y = 1 | row)
 * @example
 * ```ts
 * predictLogistic({ bias: -Math.log(3), weights: new Float64Array([2 * Math.log(3)]) }, [0]); // 0.75
 * ```
 */
export function predictLogistic(fit: { bias: number; weights: ArrayLike<number> }, row: FeatureRow): number {
  let s = fit.bias;
  for (let k = 0; k < row.length; k++) s += fit.weights[row[k]!] ?? 0;
  return sigmoid(s);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < x.length; j++) y[j]! += a * x[j]!;
}

function maxNorm(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) {
    const v = Math.abs(a[j]!);
    if (v > m) m = v;
  }
  return m;
}
