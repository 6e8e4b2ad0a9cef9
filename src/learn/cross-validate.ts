import type { Codebook } from "../codebook/codebook.ts";
import { seededRandom } from "../agreement/random.ts";
import type { CodedNote } from "../match/coded-note.ts";
import { splitFolds } from "../validity/folds.ts";
import { applyModel } from "./apply-model.ts";
import { assembleModel } from "./assemble-model.ts";
import { byCodeUnits } from "./features.ts";
import { binaryFigures, meanOf } from "./figures.ts";
import { fitCoder, type FitSettings } from "./fit-coder.ts";
import type { Combine, CrossValidation, ModelSettings } from "./model.ts";
import type { PreparedWithRules } from "./prepare-notes.ts";

/** Sizes of the learning curve: notes trained on, as far as the training folds have them. */
export const LEARNING_CURVE_SIZES: readonly number[] = [25, 50, 100, 200, 400, 800, 1600];

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  k: number;
  settings: ModelSettings;
  codebook: Codebook;
  /** Compute the learning curve (default true). */
  learningCurve?: boolean;
  /** Seed of the subsets of the learning curve. */
  seed?: number;
}

/** Held-out codings of the notes, per way of combining rules and model, in the order of the notes. */
export interface HeldOutCodings {
  rules: CodedNote[];
  model: CodedNote[];
  both: CodedNote[];
  /** Each note's fold. */
  fold: number[];
}

const MODES: readonly Combine[] = ["rules", "model", "both"];

/**
 * Codes every note by a model trained without the note's fold: folds by group (a seminar, a
 * source, a survey block never in two folds), each fold's model trained exactly as `trainCoder`
 * trains one (with its own inner cross-validation for the thresholds).
 *
 * @param notes the prepared hand-coded notes, sorted by id
 * @param options folds, settings, codebook
 * @returns each note coded by the rules, the model and both, by a model that never saw it
 * @example
 * ```ts
 * const heldOut = heldOutCodings(prepared, { k: 5, settings, codebook });
 * heldOut.both[0]!.codes;
 * ```
 */
export function heldOutCodings(notes: readonly PreparedWithRules[], options: CrossValidateOptions): HeldOutCodings {
  const folds = splitFolds(notes.map((n) => n.note), { k: options.k, groupOf: (_, i) => notes[i]!.group }).fold;
  const out: HeldOutCodings = { rules: new Array(notes.length), model: new Array(notes.length), both: new Array(notes.length), fold: folds };
  for (let f = 0; f < options.k; f++) {
    const train = notes.filter((_, i) => folds[i] !== f);
    const test = notes.map((n, i) => [n, i] as const).filter(([, i]) => folds[i] === f);
    if (test.length === 0) continue;
    const model = trainFold(train, options);
    for (const [n, i] of test) for (const mode of MODES) out[mode as Combine][i] = applyModel(n.ruleCoded, model, options.codebook, mode);
  }
  return out;
}

/**
 * Cross-validates training: per code and way of combining (rules alone, model alone, both),
 * Cohen's kappa, precision and recall of the held-out codings against the hand coding, pooled
 * over the folds; the mean per-code kappa; polarity agreement of `both` on the pairs both found;
 * and a learning curve (mean per-code kappa when trained on 25, 50, 100, ... notes of the
 * training folds, drawn at random with a fixed seed).
 *
 * @param notes the prepared hand-coded notes, sorted by id
 * @param options folds, settings, codebook, learning curve
 * @returns the figures, and the held-out codings they were computed from
 * @example
 * ```ts
 * crossValidate(prepared, { k: 5, settings, codebook }).figures.meanKappa.both;
 * ```
 */
export function crossValidate(notes: readonly PreparedWithRules[], options: CrossValidateOptions): { figures: CrossValidation; heldOut: HeldOutCodings } {
  const heldOut = heldOutCodings(notes, options);
  const codes = options.codebook.codes.map((c) => c.id);
  const hand = (code: string) => notes.map((n) => n.codes.has(code));
  const has = (coded: CodedNote[], code: string) => coded.map((c) => c.codes.some((a) => a.code === code));
  const perCode = codes.map((code) => ({
    code,
    notes: notes.filter((n) => n.codes.has(code)).length,
    rules: binaryFigures(has(heldOut.rules, code), hand(code)),
    model: binaryFigures(has(heldOut.model, code), hand(code)),
    both: binaryFigures(has(heldOut.both, code), hand(code)),
  }));
  const all = { pairs: 0, same: 0 };
  const learned = { pairs: 0, same: 0 };
  notes.forEach((n, i) => {
    for (const code of [...n.codes].sort(byCodeUnits)) {
      const p = n.polarity.get(code);
      if (p === undefined || (!p.helpful && !p.barrier)) continue;
      const found = heldOut.both[i]!.codes.filter((a) => a.code === code);
      if (found.length === 0) continue;
      const agrees = found.some((a) => a.polarity === "helpful") === p.helpful && found.some((a) => a.polarity === "barrier") === p.barrier;
      for (const tally of found.some((a) => a.learned !== undefined) ? [all, learned] : [all]) {
        tally.pairs++;
        if (agrees) tally.same++;
      }
    }
  });
  const share = (t: { pairs: number; same: number }) => ({ ...t, agreement: t.pairs === 0 ? null : t.same / t.pairs });
  const meanKappa = {
    rules: meanOf(perCode.map((c) => c.rules.kappa)),
    model: meanOf(perCode.map((c) => c.model.kappa)),
    both: meanOf(perCode.map((c) => c.both.kappa)),
  };
  // The last point of the learning curve is the cross-validation itself (all training notes of each fold).
  const trained = Math.round(Array.from({ length: options.k }, (_, f) => heldOut.fold.filter((x) => x !== f).length).reduce((s, x) => s + x, 0) / options.k);
  const figures: CrossValidation = {
    k: options.k,
    notes: notes.length,
    groups: new Set(notes.map((n) => n.group)).size,
    codes: perCode,
    meanKappa,
    polarity: { ...share(all), learned: share(learned) },
    learningCurve: options.learningCurve === false ? [] : [...learningCurve(notes, heldOut.fold, options), { notes: trained, model: meanKappa.model, both: meanKappa.both }],
  };
  return { figures, heldOut };
}

/** Mean per-code kappa of `model` and `both` when each fold's model is trained on a random subset of its training notes. */
function learningCurve(notes: readonly PreparedWithRules[], folds: readonly number[], options: CrossValidateOptions): CrossValidation["learningCurve"] {
  const codes = options.codebook.codes.map((c) => c.id);
  const smallestTrain = Math.min(...Array.from({ length: options.k }, (_, f) => folds.filter((x) => x !== f).length));
  const sizes = LEARNING_CURVE_SIZES.filter((s) => s < smallestTrain);
  const curve: CrossValidation["learningCurve"] = [];
  for (const size of sizes) {
    const predicted = { model: new Array<CodedNote>(notes.length), both: new Array<CodedNote>(notes.length) };
    for (let f = 0; f < options.k; f++) {
      const train = notes.filter((_, i) => folds[i] !== f);
      const next = seededRandom((options.seed ?? 1) * 1000 + f);
      const shuffled = train.map((n) => ({ n, r: next() })).sort((a, b) => a.r - b.r).map((x) => x.n);
      const subset = shuffled.slice(0, size).sort((a, b) => byCodeUnits(a.note.id, b.note.id));
      const model = trainFold(subset, options, 0);
      notes.forEach((n, i) => {
        if (folds[i] !== f) return;
        predicted.model[i] = applyModel(n.ruleCoded, model, options.codebook, "model");
        predicted.both[i] = applyModel(n.ruleCoded, model, options.codebook, "both");
      });
    }
    const kappa = (coded: CodedNote[]) => meanOf(codes.map((code) => binaryFigures(coded.map((c) => c.codes.some((a) => a.code === code)), notes.map((n) => n.codes.has(code))).kappa));
    curve.push({ notes: size, model: kappa(predicted.model), both: kappa(predicted.both) });
  }
  return curve;
}

/** Trains a fold's model exactly as trainCoder trains one (evidence of similar notes only when `similar`). */
function trainFold(train: readonly PreparedWithRules[], options: CrossValidateOptions, similar = options.settings.similar) {
  const fit: FitSettings = { codes: options.codebook.codes.map((c) => c.id), l2: options.settings.l2, minCount: options.settings.minCount, folds: options.settings.folds };
  const fitted = fitCoder(train, fit);
  return assembleModel(fitted, {
    codebook: options.codebook,
    training: { hash: "0".repeat(64) },
    notes: train.map((n) => ({ id: n.note.id, codes: n.codes })),
    settings: { ...options.settings, similar },
    crossValidation: null,
  });
}
