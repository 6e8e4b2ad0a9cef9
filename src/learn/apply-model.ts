import type { Codebook } from "../codebook/codebook.ts";
import type { Polarity } from "../codings/coding.ts";
import type { CodeApplication, CodedNote, FeatureWeight, LearnedEvidence } from "../match/coded-note.ts";
import { byCodeUnits, featureIndex, featureIndices, type FeatureIndex } from "./features.ts";
import { predictLogistic } from "./logistic-regression.ts";
import type { Combine, LearnedModel, Regression } from "./model.ts";

/** How many of a note's features a learned code's evidence names. */
export const EVIDENCE_FEATURES = 5;

interface CompiledCode {
  code: string;
  bias: number;
  weights: Float64Array;
  thresholds: { model: number; add: number };
  /** Training notes with the code: their ids, and how many word features each has. */
  examples: string[];
  sizes: Int32Array;
  /** For each word feature, the examples (indices into `examples`) that have it. */
  postings: Map<number, Int32Array>;
  /** Scratch: shared word features per example, for one note at a time. */
  shared: Int32Array;
}

/** A model prepared for coding: feature indices, weights as typed arrays, examples per code. */
interface CompiledModel {
  index: FeatureIndex;
  features: readonly string[];
  isWord: Uint8Array;
  codes: Map<string, CompiledCode>;
  polarity: { helpful: { bias: number; weights: Float64Array }; barrier: { bias: number; weights: Float64Array } } | null;
  similar: number;
}

const compiled = new WeakMap<LearnedModel, CompiledModel>();

function compile(model: LearnedModel): CompiledModel {
  let c = compiled.get(model);
  if (c !== undefined) return c;
  const isWord = Uint8Array.from(model.features, (f) => (f.startsWith("w:") || f.startsWith("w2:") || f.startsWith("w3:") ? 1 : 0));
  const typed = (r: Regression) => ({ bias: r.bias, weights: Float64Array.from(r.weights) });
  const codes = new Map<string, CompiledCode>();
  for (const cm of model.codes) {
    const withCode = model.examples.filter((e) => e.codes.includes(cm.code));
    const lists = new Map<number, number[]>();
    const sizes = new Int32Array(withCode.length);
    withCode.forEach((e, i) => {
      for (const f of new Set(e.features)) {
        if (isWord[f] !== 1) continue;
        sizes[i]!++;
        const list = lists.get(f);
        if (list) list.push(i);
        else lists.set(f, [i]);
      }
    });
    const postings = new Map([...lists].map(([f, list]) => [f, Int32Array.from(list)]));
    codes.set(cm.code, { code: cm.code, ...typed(cm.regression), thresholds: cm.thresholds, examples: withCode.map((e) => e.note), sizes, postings, shared: new Int32Array(withCode.length) });
  }
  c = {
    index: featureIndex(model.features),
    features: model.features,
    isWord,
    codes,
    polarity: model.polarity ? { helpful: typed(model.polarity.helpful), barrier: typed(model.polarity.barrier) } : null,
    similar: model.settings.similar,
  };
  compiled.set(model, c);
  return c;
}

/**
 * Codes a note with a learned model on top of the codebook's rules. Given the note as the rules
 * coded it, each code with a classifier is decided by `combine` (see `CombineSchema`): with
 * `both`, a rule hit codes, and the model adds the code where the rules missed it and its
 * probability reaches the code's `add` threshold; with
 * `model`, the probability alone decides (reaching `model`). A code the model adds gets the
 * polarity of the model's polarity regressions (both polarities when both are likely), and
 * `learned` evidence: the probability, the threshold, the note's features that weighed most for
 * the code, and the most similar hand-coded notes with the code. Codes without a classifier
 * (too few hand-coded examples) keep the rules' decision.
 *
 * @param coded the note as coded by the rules alone
 * @param model the model (checked against the codebook by the caller)
 * @param codebook the codebook (for code order and categories)
 * @param combine how rules and model combine (default: the model's own setting)
 * @returns the note coded by rules and model
 * @example
 * ```ts
 * const byRules = codeNotes(notes, codebook, { model: false });
 * const withModel = byRules.map((c) => applyModel(c, model, codebook, "both"));
 * ```
 */
export function applyModel(coded: CodedNote, model: LearnedModel, codebook: Codebook, combine: Combine = model.settings.combine): CodedNote {
  if (combine === "rules") return coded;
  const c = compile(model);
  const row = featureIndices(coded, model.settings.features, c.index);
  const out: CodeApplication[] = [];
  let changed = false;
  for (const code of codebook.codes) {
    const byRules = coded.codes.filter((a) => a.code === code.id);
    const cm = c.codes.get(code.id);
    if (cm === undefined) {
      out.push(...byRules);
      continue;
    }
    const probability = predictLogistic(cm, row);
    if (combine === "both") {
      if (byRules.length > 0) out.push(...byRules);
      else if (probability >= cm.thresholds.add) {
        out.push(...learnedApplications(code.id, code.category, probability, cm.thresholds.add, row, coded, c, cm));
        changed = true;
      }
    } else if (probability >= cm.thresholds.model) {
      const learned = evidence(probability, cm.thresholds.model, row, c, cm);
      out.push(...(byRules.length > 0 ? byRules.map((a) => ({ ...a, learned })) : learnedApplications(code.id, code.category, probability, cm.thresholds.model, row, coded, c, cm, learned)));
      changed = true;
    } else if (byRules.length > 0) changed = true;
  }
  return changed ? { ...coded, codes: out } : coded;
}

function learnedApplications(code: string, category: string, probability: number, threshold: number, row: readonly number[], coded: CodedNote, c: CompiledModel, cm: CompiledCode, learned = evidence(probability, threshold, row, c, cm)): CodeApplication[] {
  return polaritiesOf(row, coded, c).map((polarity) => ({ code, category, polarity, evidence: [], learned }));
}

/** The polarities of a code the model adds: from the polarity regressions, or, without them, barrier when the rules found a barrier in the note. */
function polaritiesOf(row: readonly number[], coded: CodedNote, c: CompiledModel): Polarity[] {
  if (c.polarity === null) return coded.codes.some((a) => a.polarity === "barrier") ? ["barrier"] : ["helpful"];
  const helpful = predictLogistic(c.polarity.helpful, row);
  const barrier = predictLogistic(c.polarity.barrier, row);
  if (helpful >= 0.5 && barrier >= 0.5) return ["helpful", "barrier"];
  return barrier > helpful ? ["barrier"] : ["helpful"];
}

function evidence(probability: number, threshold: number, row: readonly number[], c: CompiledModel, cm: CompiledCode): LearnedEvidence {
  // The EVIDENCE_FEATURES heaviest positive weights, heaviest first (ties: by feature name).
  const top: number[] = [];
  const heavier = (a: number, b: number) => cm.weights[a]! > cm.weights[b]! || (cm.weights[a] === cm.weights[b] && byCodeUnits(c.features[a]!, c.features[b]!) < 0);
  for (const j of row) if (cm.weights[j]! > 0) keepTop(top, j, EVIDENCE_FEATURES, heavier);
  const features: FeatureWeight[] = top.map((j) => ({ feature: c.features[j]!, weight: cm.weights[j]! }));
  return {
    probability: Math.round(probability * 1e4) / 1e4,
    threshold,
    features,
    similar: c.similar > 0 ? mostSimilar(row, c, cm) : [],
  };
}

/** Inserts `item` into `top` (sorted by `before`, at most `limit` long) when it belongs there. */
function keepTop<T>(top: T[], item: T, limit: number, before: (a: T, b: T) => boolean): void {
  if (limit === 0 || (top.length === limit && !before(item, top[top.length - 1]!))) return;
  let at = top.length < limit ? top.length : top.length - 1;
  while (at > 0 && before(item, top[at - 1]!)) {
    top[at] = top[at - 1]!;
    at--;
  }
  top[at] = item;
}

/** The hand-coded notes with the code whose word features are most like the note's (cosine of binary vectors). */
function mostSimilar(row: readonly number[], c: CompiledModel, cm: CompiledCode): { note: string; similarity: number }[] {
  let words = 0;
  const touched: number[] = [];
  for (const j of row) {
    if (c.isWord[j] !== 1) continue;
    words++;
    const list = cm.postings.get(j);
    if (list === undefined) continue;
    for (let k = 0; k < list.length; k++) {
      const e = list[k]!;
      if (cm.shared[e] === 0) touched.push(e);
      cm.shared[e]!++;
    }
  }
  // The c.similar most similar examples (ties: by note id), kept in order as they are found.
  const top: { note: string; similarity: number }[] = [];
  const before = (a: { note: string; similarity: number }, b: { note: string; similarity: number }) => a.similarity > b.similarity || (a.similarity === b.similarity && byCodeUnits(a.note, b.note) < 0);
  for (const e of touched) {
    keepTop(top, { note: cm.examples[e]!, similarity: cm.shared[e]! / Math.sqrt(words * cm.sizes[e]!) }, c.similar, before);
    cm.shared[e] = 0;
  }
  return top.map((x) => ({ note: x.note, similarity: Math.round(x.similarity * 1e4) / 1e4 }));
}

/**
 * A code's probability for a note, by a model: what `applyModel` compares with the thresholds.
 * Undefined when the model has no classifier for the code.
 *
 * @param coded the note as coded by the rules alone
 * @param model the model
 * @returns each code's probability, in the model's code order
 * @example
 * ```ts
 * codeProbabilities(codeNotes([note], codebook, { model: false })[0]!, model).get("time"); // 0.93
 * ```
 */
export function codeProbabilities(coded: CodedNote, model: LearnedModel): Map<string, number> {
  const c = compile(model);
  const row = featureIndices(coded, model.settings.features, c.index);
  return new Map([...c.codes.values()].map((cm) => [cm.code, predictLogistic(cm, row)]));
}
