import type { Interval } from "../agreement/bootstrap.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Language } from "../text/language.ts";
import type { FeatureKind } from "./candidate-features.ts";
import type { RefineChange } from "./codebook-patch.ts";
import type { CodeFigures } from "./code-figures.ts";
import type { KeynessCorrection, KeynessMeasure } from "./keyness.ts";
import type { RuleFigures } from "./rule-figures.ts";

/** A note quoted in a refine report (its text as written; reports redact it when they print it). */
export interface NoteRef {
  id: string;
  text: string;
  language: Language | "und";
  /** The note's fold group (its seminar or source). */
  group: string;
}

/** A rule term that coded notes the coder did not code, with the harm it does. */
export interface FalsePositive {
  rule: string;
  term: string;
  tp: number;
  fp: number;
  precision: number | undefined;
  /** The code's kappa if the term were taken out, minus the kappa now (above 0: it does harm). */
  harm: number | undefined;
  kappaIfRemoved: number | undefined;
  /** The notes it coded wrongly. */
  notes: NoteRef[];
}

/** A candidate term for a code's missed notes. */
export interface CandidateTerm {
  /** The term as a rule writes it (`ringte`, `tok seg`, `ring*`, `*oppfølging`, or a word for a stem rule). */
  term: string;
  kind: FeatureKind;
  match: "glob" | "stem";
  /** The languages the rule would be limited to (absent: every language of the codebook). */
  lang?: Language[];
  /** The word forms it stands for in the missed notes (stems and globs). */
  words: string[];
  /** Missed notes it is found in. */
  missed: number;
  /** Notes the coder did not give the code that it is found in (the false positives it would add). */
  other: number;
  /** Notes already found (coder and kodebok agree) that it is found in. */
  found: number;
  /** The keyness statistic (missed notes against the notes the coder did not give the code). */
  keyness: number;
  /** How many fold groups (seminars, sources) its missed notes come from. */
  groups: number;
  /** All its missed notes from one group: it may be one writer's word. */
  oneOff: boolean;
  /** Whether the proposed patch takes it. */
  chosen: boolean;
  /** Missed notes it is found in (up to the examples asked for). */
  examples: NoteRef[];
}

/** A candidate exclusion: a context word over-represented in one rule's false positives. */
export interface CandidateExclusion {
  rule: string;
  /** The word (or prefix glob) as a condition writes it. */
  term: string;
  kind: FeatureKind;
  /** The rule's false positives it is found in. */
  falsePositives: number;
  /** The code's true positives it is found in (what excluding it could cost). */
  truePositives: number;
  keyness: number;
  groups: number;
  oneOff: boolean;
  /** `notNear` or `notInNote` when the patch takes it. */
  chosen?: "notNear" | "notInNote";
  examples: NoteRef[];
}

/** A change of the proposed patch, with what it did on the whole sample and in the folds. */
export interface ProposedChange {
  change: RefineChange;
  /** Names the same change in every fold. */
  key: string;
  /** In-sample, on the whole sample: the code's kappa before and after this change (after the ones before it). */
  kappaBefore: number | undefined;
  kappaAfter: number | undefined;
  /** Notes it put right (missed notes found, false positives dropped). */
  fixed: NoteRef[];
  /** Notes it put wrong (new false positives, true positives lost). */
  broken: NoteRef[];
  candidate?: { kind: FeatureKind; keyness: number; target: number; reference: number; groups: number; words: string[] };
  oneOff: boolean;
  /** In how many of the cross-validation folds the same change was chosen on the training notes. */
  folds?: number;
}

/** Everything `kodebok refine` found for one code. */
export interface CodeRefinement {
  code: string;
  label: string;
  category: string;
  /** The codebook as it is. */
  before: CodeFigures;
  /** With the proposed patch, on the same notes (in-sample: the patch was chosen on them). */
  after: CodeFigures;
  /** Cross-validated: each note coded by the patch chosen without its fold. */
  crossValidated?: CodeFigures;
  rules: RuleFigures[];
  /** Rule terms with false positives, most harmful first. */
  falsePositives: FalsePositive[];
  /** Notes the coder gave the code and kodebok missed. */
  missed: NoteRef[];
  candidateTerms: CandidateTerm[];
  candidateExclusions: CandidateExclusion[];
  changes: ProposedChange[];
}

/** Mean per-code kappa with its interval (notes resampled once for all codes). */
export interface MeanKappa {
  kappa: number | undefined;
  interval?: Interval;
}

/** One fold of the cross-validation. */
export interface RefineFold {
  fold: number;
  /** Held-out notes. */
  notes: number;
  /** Groups held out. */
  groups: string[];
  /** The changes chosen on the other folds' notes (keys). */
  changes: string[];
  /** Mean per-code kappa on the held-out notes, before and with the fold's patch. */
  before: number | undefined;
  after: number | undefined;
}

/** What {@link refineCodebook} returns. */
export interface RefineReport {
  codebook: { id: string; version?: string; title: string };
  coder: string;
  /** Notes in the sample (those the coder saw). */
  notes: number;
  settings: {
    measure: KeynessMeasure;
    correction: KeynessCorrection;
    minNotes: number;
    minGroups: number;
    minPrecision: number;
    minGain: number;
    maxChanges: number;
    candidates: number;
    exclusions: number;
    within: number;
    minLength: number;
    language: string;
    interval: { samples: number; seed: number; level: number };
  };
  codes: CodeRefinement[];
  /** Mean per-code kappa before, with the patch in-sample, and cross-validated. */
  overall: { before: MeanKappa; after: MeanKappa; crossValidated?: MeanKappa };
  crossValidation?: { k: number; groups: number; groupedBy: string; folds: RefineFold[] };
  patch: {
    changes: RefineChange[];
    /** The patch: a codebook that `extends:` the refined one, for the user to review and merge. */
    yaml: string;
    extends: string;
  };
  diagnostics: Diagnostic[];
}
