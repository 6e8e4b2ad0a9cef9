import type { Codebook } from "../codebook/codebook.ts";
import type { CodedNote } from "../match/coded-note.ts";
import type { Note } from "../notes/note.ts";
import { noteFeatures, type FeatureSettings } from "./features.ts";
import type { PreparedNote } from "./fit-coder.ts";
import type { HandCodedNote } from "./training-set.ts";

/** A prepared note together with the rules' coding of it (what a model is applied to). */
export interface PreparedWithRules extends PreparedNote {
  ruleCoded: CodedNote;
}

/**
 * Prepares hand-coded notes for training: the rules' coding of each (given by `codeByRules`, the
 * public coding API without a model), its features and its cross-validation group.
 *
 * @param notes the hand-coded notes, sorted by id
 * @param codeByRules codes notes with the codebook's rules alone
 * @param features the feature settings
 * @param groupOf a note's cross-validation group
 * @returns the prepared notes, in the same order
 * @example
 * ```ts
 * const prepared = prepareNotes(training.notes, (ns) => codeNotes(ns, codebook, { model: false }), settings, defaultFoldGroup);
 * ```
 */
export function prepareNotes(
  notes: readonly HandCodedNote[],
  codeByRules: (notes: Note[]) => CodedNote[],
  features: FeatureSettings,
  groupOf: (note: Note, index: number) => string,
): PreparedWithRules[] {
  const coded = codeByRules(notes.map((h) => h.note));
  return notes.map((h, i) => {
    const ruleCoded = coded[i]!;
    return {
      note: h.note,
      group: groupOf(h.note, i),
      features: noteFeatures(ruleCoded, features),
      ruleHits: new Set(ruleCoded.codes.filter((a) => a.evidence.length > 0).map((a) => a.code)),
      codes: h.codes,
      polarity: h.polarity,
      ruleCoded,
    };
  });
}

/** The codes a codebook defines, in its order. */
export function codeIds(codebook: Codebook): string[] {
  return codebook.codes.map((c) => c.id);
}
