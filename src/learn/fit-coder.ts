// The core of training, on notes whose features are already computed: the vocabulary, one
// regression per code with thresholds chosen on held-out probabilities (an inner
// cross-validation by group), and the polarity regressions. trainCoder() and the outer
// cross-validation both call it, so a fold is trained exactly as a model is.
import type { Note } from "../notes/note.ts";
import { splitFolds } from "../validity/folds.ts";
import { byCodeUnits } from "./features.ts";
import { fitLogistic, predictLogistic, type FeatureRow } from "./logistic-regression.ts";
import type { CodeModel, Regression } from "./model.ts";
import { chooseThresholds } from "./thresholds.ts";
import type { HandPolarity } from "./training-set.ts";

/** A hand-coded note ready for training: its features, what the rules found, and its hand coding. */
export interface PreparedNote {
  note: Note;
  /** Its group for cross-validation (a seminar, a source, a survey block). */
  group: string;
  /** Feature names, sorted (see `noteFeatures`). */
  features: readonly string[];
  /** Codes the codebook's rules found. */
  ruleHits: ReadonlySet<string>;
  /** Codes the hand coding gave it, and their polarities. */
  codes: ReadonlySet<string>;
  polarity: ReadonlyMap<string, HandPolarity>;
}

/** What {@link fitCoder} needs to know. */
export interface FitSettings {
  /** The codes to learn, in codebook order. */
  codes: readonly string[];
  l2: number;
  minCount: number;
  folds: number;
}

/** A fitted coder before it is written as a model file. */
export interface FittedCoder {
  features: string[];
  /** The index of each feature name. */
  index: Map<string, number>;
  /** Each note's feature indices, ascending. */
  rows: number[][];
  codes: CodeModel[];
  polarity: { helpful: Regression; barrier: Regression } | null;
  /** (note, code) pairs with a hand polarity. */
  polarityPairs: number;
}

/** A code needs at least this many hand-coded notes with it, and as many without, to get a classifier. */
export const MIN_CODED_NOTES = 2;

/**
 * Builds the vocabulary: features present in at least `minCount` notes, sorted.
 *
 * @param notes the notes' feature lists
 * @param minCount the least number of notes a feature must occur in
 * @returns the features and their indices
 * @example
 * ```ts
 * vocabulary([["w:a", "w:b"], ["w:a"]], 2).features; // ["w:a"]
 * ```
 */
export function vocabulary(notes: readonly (readonly string[])[], minCount: number): { features: string[]; index: Map<string, number> } {
  const counts = new Map<string, number>();
  for (const list of notes) for (const f of list) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts].filter(([, c]) => c >= minCount).map(([f]) => f).sort(byCodeUnits);
  return { features, index: new Map(features.map((f, i) => [f, i])) };
}

/**
 * A note's feature indices in a vocabulary, ascending; features outside it are left out.
 *
 * @param features the note's feature names
 * @param index the vocabulary's index
 * @returns the indices
 * @example
 * ```ts
 * featureRow(["w:a", "w:z"], new Map([["w:a", 0]])); // [0]
 * ```
 */
export function featureRow(features: readonly string[], index: ReadonlyMap<string, number>): number[] {
  const row: number[] = [];
  for (const f of features) {
    const i = index.get(f);
    if (i !== undefined) row.push(i);
  }
  return row.sort((a, b) => a - b);
}

/**
 * Fits one regression per code with enough hand-coded examples, chooses its thresholds by a
 * cross-validation by group inside the notes given, and fits the polarity regressions on every
 * (note, code) pair with a hand polarity.
 *
 * @param notes the training notes, sorted by id
 * @param settings the codes, penalty, vocabulary cut-off and folds
 * @returns the fitted coder
 * @example
 * ```ts
 * const fitted = fitCoder(prepared, { codes: ["time"], l2: 1, minCount: 2, folds: 5 });
 * fitted.codes[0]!.thresholds; // { model, add }
 * ```
 */
export function fitCoder(notes: readonly PreparedNote[], settings: FitSettings): FittedCoder {
  const { features, index } = vocabulary(notes.map((n) => n.features), settings.minCount);
  const rows = notes.map((n) => featureRow(n.features, index));
  const width = features.length;
  const groups = new Set(notes.map((n) => n.group)).size;
  const folds = groups >= 2 ? splitFolds(notes.map((n) => n.note), { k: Math.min(settings.folds, groups), groupOf: (_, i) => notes[i]!.group }).fold : undefined;
  const codes: CodeModel[] = [];
  for (const code of settings.codes) {
    const labels = notes.map((n) => (n.codes.has(code) ? 1 : 0));
    const positives = labels.reduce<number>((s, y) => s + y, 0);
    if (positives < MIN_CODED_NOTES || notes.length - positives < MIN_CODED_NOTES) continue;
    const regression = toRegression(fitLogistic(rows, labels, width, { l2: settings.l2 }));
    let thresholds = { model: 0.5, add: 0.5 };
    if (folds !== undefined) {
      const heldOut = new Array<number>(notes.length).fill(0);
      const k = Math.max(...folds) + 1;
      for (let f = 0; f < k; f++) {
        const train = notes.map((_, i) => i).filter((i) => folds[i] !== f);
        const trainLabels = train.map((i) => labels[i]!);
        const fit = fitLogistic(train.map((i) => rows[i]!), trainLabels, width, { l2: settings.l2 });
        for (let i = 0; i < notes.length; i++) if (folds[i] === f) heldOut[i] = predictLogistic(fit, rows[i]!);
      }
      thresholds = chooseThresholds(heldOut, notes.map((n) => n.ruleHits.has(code)), labels.map((y) => y === 1));
    }
    codes.push({ code, notes: positives, regression, thresholds });
  }
  // Polarity: one row per (note, code) pair with a hand polarity.
  const pairRows: FeatureRow[] = [];
  const helpful: number[] = [];
  const barrier: number[] = [];
  notes.forEach((n, i) => {
    for (const code of [...n.codes].sort(byCodeUnits)) {
      const p = n.polarity.get(code);
      if (p === undefined || (!p.helpful && !p.barrier)) continue;
      pairRows.push(rows[i]!);
      helpful.push(p.helpful ? 1 : 0);
      barrier.push(p.barrier ? 1 : 0);
    }
  });
  const varies = (ys: number[]) => ys.some((y) => y === 1) && ys.some((y) => y === 0);
  const polarity = varies(helpful) && varies(barrier)
    ? {
        helpful: toRegression(fitLogistic(pairRows, helpful, width, { l2: settings.l2 })),
        barrier: toRegression(fitLogistic(pairRows, barrier, width, { l2: settings.l2 })),
      }
    : null;
  return { features, index, rows, codes, polarity, polarityPairs: pairRows.length };
}

/** Rounds weights to 6 decimals: the model file stays small and its bytes stable. */
function toRegression(fit: { bias: number; weights: Float64Array }): Regression {
  return { bias: round6(fit.bias), weights: Array.from(fit.weights, round6) };
}

/**
 * Rounds to 6 decimals (and -0 to 0), as a model file stores numbers.
 *
 * @param x a number
 * @returns the rounded number
 * @example
 * ```ts
 * round6(2.1972245773); // 2.197225
 * ```
 */
export function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}
