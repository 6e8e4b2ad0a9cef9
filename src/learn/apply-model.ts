import type { Codebook } from "../codebook/codebook.ts";
import type { Polarity } from "../codings/coding.ts";
import type { CodeApplication, CodedNote, FeatureWeight, LearnedEvidence } from "../match/coded-note.ts";
import { featureRow } from "./fit-coder.ts";
import { byCodeUnits, noteFeatures } from "./features.ts";
import { predictLogistic } from "./logistic-regression.ts";
import type { Combine, LearnedModel, Regression } from "./model.ts";

/** How many of a note's features a learned code's evidence names. */
export const EVIDENCE_FEATURES = 5;

interface CompiledCode {
  code: string;
  bias: number;
  weights: Float64Array;
  thresholds: { model: number; add: number; keep: number };
  /** Training notes with the code: id and word features (ascending indices). */
  examples: { note: string; words: Int32Array }[];
}

/** A model prepared for coding: feature indices, weights as typed arrays, examples per code. */
interface CompiledModel {
  index: Map<string, number>;
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
    const examples = model.examples
      .filter((e) => e.codes.includes(cm.code))
      .map((e) => ({ note: e.note, words: Int32Array.from(e.features.filter((f) => isWord[f] === 1)).sort() }));
    codes.set(cm.code, { code: cm.code, ...typed(cm.regression), thresholds: cm.thresholds, examples });
  }
  c = {
    index: new Map(model.features.map((f, i) => [f, i])),
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
 * `both`, a rule hit stays unless the model's probability is below the code's `keep` threshold,
 * and the model adds the code where the rules missed it and the probability reaches `add`; with
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
  const row = featureRow(noteFeatures(coded, model.settings.features), c.index);
  const out: CodeApplication[] = [];
  for (const code of codebook.codes) {
    const byRules = coded.codes.filter((a) => a.code === code.id);
    const cm = c.codes.get(code.id);
    if (cm === undefined) {
      out.push(...byRules);
      continue;
    }
    const probability = predictLogistic(cm, row);
    if (combine === "both") {
      if (byRules.length > 0) {
        if (probability >= cm.thresholds.keep) out.push(...byRules);
      } else if (probability >= cm.thresholds.add) {
        out.push(...learnedApplications(code.id, code.category, probability, cm.thresholds.add, row, coded, c, cm));
      }
    } else if (probability >= cm.thresholds.model) {
      if (byRules.length > 0) {
        const learned = evidence(probability, cm.thresholds.model, row, c, cm);
        out.push(...byRules.map((a) => ({ ...a, learned })));
      } else {
        out.push(...learnedApplications(code.id, code.category, probability, cm.thresholds.model, row, coded, c, cm));
      }
    }
  }
  return { ...coded, codes: out };
}

function learnedApplications(code: string, category: string, probability: number, threshold: number, row: readonly number[], coded: CodedNote, c: CompiledModel, cm: CompiledCode): CodeApplication[] {
  const learned = evidence(probability, threshold, row, c, cm);
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
  const weighed: FeatureWeight[] = [];
  for (const j of row) {
    const weight = cm.weights[j]!;
    if (weight > 0) weighed.push({ feature: c.features[j]!, weight });
  }
  weighed.sort((a, b) => b.weight - a.weight || byCodeUnits(a.feature, b.feature));
  return {
    probability: Math.round(probability * 1e4) / 1e4,
    threshold,
    features: weighed.slice(0, EVIDENCE_FEATURES),
    similar: c.similar > 0 ? mostSimilar(row, c, cm) : [],
  };
}

/** The hand-coded notes with the code whose word features are most like the note's (cosine of binary vectors). */
function mostSimilar(row: readonly number[], c: CompiledModel, cm: CompiledCode): { note: string; similarity: number }[] {
  const words = row.filter((j) => c.isWord[j] === 1);
  if (words.length === 0) return [];
  const scored: { note: string; similarity: number }[] = [];
  for (const e of cm.examples) {
    let shared = 0;
    for (let a = 0, b = 0; a < words.length && b < e.words.length; ) {
      const x = words[a]!, y = e.words[b]!;
      if (x === y) { shared++; a++; b++; }
      else if (x < y) a++;
      else b++;
    }
    if (shared > 0) scored.push({ note: e.note, similarity: shared / Math.sqrt(words.length * e.words.length) });
  }
  scored.sort((a, b) => b.similarity - a.similarity || byCodeUnits(a.note, b.note));
  return scored.slice(0, c.similar).map((s) => ({ note: s.note, similarity: Math.round(s.similarity * 1e4) / 1e4 }));
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
  const row = featureRow(noteFeatures(coded, model.settings.features), c.index);
  return new Map([...c.codes.values()].map((cm) => [cm.code, predictLogistic(cm, row)]));
}
