import type { Code, Codebook, Rule } from "../codebook/codebook.ts";
import { parseTerm, wordMatches } from "../match/term.ts";
import type { Note } from "../notes/note.ts";
import { featureRule, type Feature, type FeatureKind } from "./candidate-features.ts";
import { rankFeatures, type RankedFeature } from "./candidate-ranking.ts";
import { applyChange, explicitRules, newRuleId, ruleIds, type RefineChange } from "./codebook-patch.ts";
import { finiteOrUndefined, outcomeMasks, presenceKappa } from "./code-figures.ts";
import { codeState, notesOfRule, presenceAfter, stateAfter } from "./code-state.ts";
import type { RefineOptions } from "./refine-options.ts";

/** The notes a refinement is chosen on, with the coder's coding and the candidate features. */
export interface TrainingSet {
  codebook: Codebook;
  /** The notes, languages set as the codebook coded them. */
  notes: readonly Note[];
  /** Each note's fold group. */
  groups: readonly string[];
  /** Per code: 1 where the coder gave it. */
  human: ReadonlyMap<string, Uint8Array>;
  /** Features of the notes codes missed (term candidates) and coded wrongly (context candidates). */
  features: readonly Feature[];
  /**
   * Per code: for each feature, the notes it is found in (term features as a rule of that code
   * would find them, with the code's frames; context words as plain words).
   */
  notesOf: ReadonlyMap<string, readonly Int32Array[]>;
  termKeys: ReadonlySet<string>;
  contextKeys: ReadonlySet<string>;
}

/** A change taken by the greedy search, with what it did on the notes it was chosen on. */
export interface ChosenChange {
  change: RefineChange;
  /** A key that names the same change in every fold: `add-rule:time:word:ringte`, `notNear:time.terms:traktor`. */
  key: string;
  kappaBefore: number | undefined;
  kappaAfter: number | undefined;
  /** Notes it put right: missed notes now found, or false positives now dropped. */
  fixed: number[];
  /** Notes it put wrong: new false positives, or true positives lost. */
  broken: number[];
  /** For a candidate term or exclusion: how it ranked. */
  candidate?: { kind: FeatureKind; keyness: number; target: number; reference: number; groups: number; words: string[] };
}

/** The greedy search's result for one code. */
export interface CodeSelection {
  code: string;
  changes: ChosenChange[];
  /** The code with the changes. */
  refined: Code;
  /** Its presence on the training notes. */
  present: Uint8Array;
}

/** The kinds of candidate term for missed notes: every kind. */
export const TERM_KINDS: ReadonlySet<FeatureKind> = new Set(["word", "phrase", "stem", "prefix", "suffix"]);
/** The kinds of context word a `notNear` or `notInNote` condition is proposed with: words and prefix globs. */
export const CONTEXT_KINDS: ReadonlySet<FeatureKind> = new Set(["word", "prefix"]);



/** A tried change: the presence it gives, its kappa. */
interface Trial {
  change: RefineChange;
  key: string;
  found: ArrayLike<number> | undefined;
  present: Uint8Array;
  kappa: number;
  fixed: number[];
  broken: number[];
  candidate?: ChosenChange["candidate"];
}

/**
 * True when a context word is one of the rule's own words (a word of one of its terms matches it):
 * such a word stands next to every match of the rule, so as a `notNear` or `notInNote` it would
 * remove the rule's matches wholesale, which `remove-term` says more plainly.
 *
 * @param rule the rule
 * @param feature the context feature
 * @returns whether to leave it out
 * @example
 * ```ts
 * isOwnWord({ ...rule, terms: ["tok seg tid"] }, { ...feature, term: "tid", words: ["tid"] }); // true
 * ```
 */
export function isOwnWord(rule: Rule, feature: Feature): boolean {
  const words = feature.kind === "word" ? [feature.term] : feature.words;
  const terms = Array.isArray(rule.terms) ? rule.terms : Object.values(rule.terms).flat();
  for (const term of terms) {
    const parsed = parseTerm(term, rule.match);
    if (!parsed.ok) continue;
    for (const pattern of parsed.words) if (words.some((w) => wordMatches(pattern, w))) return true;
  }
  return false;
}

function candidateOf(r: RankedFeature): ChosenChange["candidate"] {
  return { kind: r.feature.kind, keyness: r.keyness, target: r.target, reference: r.reference, groups: r.groups, words: r.feature.words };
}

/**
 * Chooses changes to one code greedily on a training set: at each step every candidate (a rule
 * for a term over-represented in the missed notes; a `notNear` or `notInNote` condition for a
 * context word over-represented in a rule's false positives; the removal of a rule's term with
 * false positives) is applied to the code and measured exactly, by coding the notes it can
 * change; the one that raises the code's kappa most is kept, until no change gains `minGain`
 * or `maxChanges` are taken. A change must put right at least `minNotes` notes from at least
 * `minGroups` groups, and an added term must be right on at least `minPrecision` of the notes it
 * newly codes. Only the training set is read: this is what cross-validation repeats per fold.
 *
 * @param training the training notes, the coder's coding and the candidate features
 * @param codeId the code to refine
 * @param options the refine options
 * @param taken rule ids other codes' changes already use
 * @returns the changes and the refined code
 * @example
 * ```ts
 * const { changes } = selectChanges(training, "time", parseRefineOptions({}));
 * ```
 */
export function selectChanges(training: TrainingSet, codeId: string, options: RefineOptions, taken: Set<string> = new Set()): CodeSelection {
  const { codebook, notes, groups } = training;
  const human = training.human.get(codeId)!;
  const notesOf = training.notesOf.get(codeId)!;
  let state = codeState(codebook, codebook.codes.find((c) => c.id === codeId)!, notes);
  const changes: ChosenChange[] = [];
  const n = notes.length;
  const groupCount = (list: readonly number[]) => new Set(list.map((i) => groups[i])).size;
  const rank = (target: Uint8Array, reference: Uint8Array, kinds: ReadonlySet<FeatureKind>, keys: ReadonlySet<string>, limit: number) =>
    rankFeatures(training.features, notesOf, target, reference, groups, {
      measure: options.measure,
      correction: options.correction,
      minNotes: options.minNotes,
      kinds,
      keys,
    }).slice(0, limit);
  const trial = (change: RefineChange, key: string, found?: ArrayLike<number>, candidate?: ChosenChange["candidate"]): Trial => {
    const next = presenceAfter(state, change, found);
    const fixed: number[] = [];
    const broken: number[] = [];
    for (let i = 0; i < n; i++) {
      if (next[i] === state.present[i]) continue;
      if ((next[i] === 1) === (human[i] === 1)) fixed.push(i);
      else broken.push(i);
    }
    const t: Trial = { change, key, found, present: next, kappa: presenceKappa(human, next), fixed, broken };
    if (candidate) t.candidate = candidate;
    return t;
  };

  while (changes.length < options.maxChanges) {
    const code = state.code;
    const present = state.present;
    const before = presenceKappa(human, present);
    const trials: Trial[] = [];
    const { missed, notCoded, agreed } = outcomeMasks(human, present);
    // Terms for the missed notes.
    const id = newRuleId(code, taken);
    for (const r of rank(missed, notCoded, TERM_KINDS, training.termKeys, options.candidates)) {
      const change: RefineChange = { kind: "add-rule", code: codeId, rule: featureRule(r.feature, id) };
      trials.push(trial(change, `add-rule:${codeId}:${r.feature.key}`, notesOf[r.index], candidateOf(r)));
    }
    // Conditions and removals for the false positives, rule by rule.
    const explicit = explicitRules(code).rules;
    for (const rule of ruleIds(code)) {
      const within = explicit.find((r) => r.id === rule)?.notNear?.within ?? options.within;
      const wrong = new Uint8Array(n);
      let wrongCount = 0;
      for (const i of notesOfRule(state, rule)) if (!human[i]) (wrong[i] = 1), wrongCount++;
      if (wrongCount < options.minNotes) continue;
      const own = explicit.find((r) => r.id === rule)!;
      for (const r of rank(wrong, agreed, CONTEXT_KINDS, training.contextKeys, Infinity).filter((x) => !isOwnWord(own, x.feature)).slice(0, options.exclusions)) {
        const term = r.feature.term;
        const found = notesOf[r.index];
        trials.push(trial({ kind: "add-condition", code: codeId, rule, condition: "notNear", term, within }, `notNear:${rule}:${term}`, found, candidateOf(r)));
        trials.push(trial({ kind: "add-condition", code: codeId, rule, condition: "notInNote", term }, `notInNote:${rule}:${term}`, found, candidateOf(r)));
      }
      for (const t of state.terms) {
        if (t.rule !== rule) continue;
        let fp = 0;
        for (let i = 0; i < n; i++) if (t.present[i] && !human[i]) fp++;
        if (fp >= options.minNotes) trials.push(trial({ kind: "remove-term", code: codeId, rule, term: t.term }, `remove-term:${rule}:${t.term}`));
      }
    }
    let best: Trial | undefined;
    for (const t of trials) {
      if (!Number.isFinite(t.kappa)) continue;
      if (t.fixed.length < options.minNotes || groupCount(t.fixed) < options.minGroups) continue;
      if (t.change.kind === "add-rule" && t.fixed.length / (t.fixed.length + t.broken.length) < options.minPrecision) continue;
      const gain = t.kappa - (Number.isFinite(before) ? before : 0);
      if (gain < options.minGain - 1e-12) continue;
      if (best === undefined || t.kappa > best.kappa + 1e-12) best = t;
    }
    if (best === undefined) break;
    const chosen: ChosenChange = { change: best.change, key: best.key, kappaBefore: finiteOrUndefined(before), kappaAfter: finiteOrUndefined(best.kappa), fixed: best.fixed, broken: best.broken };
    if (best.candidate) chosen.candidate = best.candidate;
    changes.push(chosen);
    if (best.change.kind === "add-rule") taken.add(best.change.rule.id!);
    state = stateAfter(state, best.change, best.found);
  }
  return { code: codeId, changes, refined: state.code, present: state.present };
}
