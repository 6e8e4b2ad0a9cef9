/**
 * The engine behind the comparison of codings: agreement on binary (present/absent) decisions,
 * computed from sums that can be added up note by note, so that a bootstrap can resample notes.
 * One "unit" is one decision on one note (for a code: is it present?); every unit is judged by
 * the same m coders.
 */
export interface BinaryTally {
  /** Units (decisions). */
  units: number;
  /** Units on which all m coders agree. */
  agreeing: number;
  /** Σ over units of the share of agreeing coder pairs (for mean pairwise agreement). */
  pairwise: number;
  /** Pairable values judged present (n_1) and absent (n_0): Σ k and Σ (m − k). */
  present: number;
  absent: number;
  /** Σ over units of the off-diagonal coincidences o_01 + o_10 = 2k(m − k)/(m − 1). */
  disagreement: number;
  /** Two coders only: both, only the first, only the second, neither. */
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

/** An empty tally. */
export function emptyTally(): BinaryTally {
  return { units: 0, agreeing: 0, pairwise: 0, present: 0, absent: 0, disagreement: 0, both: 0, onlyA: 0, onlyB: 0, neither: 0 };
}

/** Adds one unit: the presence given by each of m coders. */
export function addUnit(t: BinaryTally, votes: readonly boolean[]): void {
  const m = votes.length;
  let k = 0;
  for (const v of votes) if (v) k++;
  t.units++;
  if (k === 0 || k === m) t.agreeing++;
  t.pairwise += (k * (k - 1) + (m - k) * (m - k - 1)) / (m * (m - 1));
  t.present += k;
  t.absent += m - k;
  t.disagreement += (2 * k * (m - k)) / (m - 1);
  if (m === 2) {
    if (votes[0] && votes[1]) t.both++;
    else if (votes[0]) t.onlyA++;
    else if (votes[1]) t.onlyB++;
    else t.neither++;
  }
}

/** Adds tally `b` into `a`. */
export function addTally(a: BinaryTally, b: BinaryTally): void {
  a.units += b.units;
  a.agreeing += b.agreeing;
  a.pairwise += b.pairwise;
  a.present += b.present;
  a.absent += b.absent;
  a.disagreement += b.disagreement;
  a.both += b.both;
  a.onlyA += b.onlyA;
  a.onlyB += b.onlyB;
  a.neither += b.neither;
}

/** Percent agreement: the share of units on which all coders agree (NaN without units). */
export function tallyPercent(t: BinaryTally): number {
  return t.units > 0 ? t.agreeing / t.units : Number.NaN;
}

/**
 * Krippendorff's alpha, nominal, for binary values: α = 1 − (n − 1)(o_01 + o_10)/(2 n_0 n_1),
 * the two-value case of α = 1 − (n − 1) Σ_{c≠k} o_ck / (n² − Σ_c n_c²) (Krippendorff 2011).
 */
export function tallyAlpha(t: BinaryTally): number {
  const n = t.present + t.absent;
  if (t.present === 0 || t.absent === 0 || n < 2) return Number.NaN;
  return 1 - ((n - 1) * t.disagreement) / (2 * t.present * t.absent);
}

/**
 * Kappa: Cohen's for two coders (from the 2 × 2 table), Fleiss' for more (from P̄ and the share
 * of present values; with a fixed number of coders per unit).
 */
export function tallyKappa(t: BinaryTally, coders: number): number {
  if (t.units === 0) return Number.NaN;
  if (coders === 2) {
    const n = t.units;
    const po = (t.both + t.neither) / n;
    const pa = (t.both + t.onlyA) / n;
    const pb = (t.both + t.onlyB) / n;
    const pe = pa * pb + (1 - pa) * (1 - pb);
    return pe < 1 - 1e-12 ? (po - pe) / (1 - pe) : Number.NaN;
  }
  const p = t.present / (t.present + t.absent);
  const pe = p * p + (1 - p) * (1 - p);
  const observed = t.pairwise / t.units;
  return pe < 1 - 1e-12 ? (observed - pe) / (1 - pe) : Number.NaN;
}
