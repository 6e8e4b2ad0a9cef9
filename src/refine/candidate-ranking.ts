import type { Feature, FeatureKind } from "./candidate-features.ts";
import { keyness, type KeynessCorrection, type KeynessMeasure } from "./keyness.ts";

/** A feature scored as a candidate: its counts in the target and reference notes, and its keyness. */
export interface RankedFeature {
  feature: Feature;
  /** Index of the feature in the feature list. */
  index: number;
  /** Target notes it is found in (missed notes, or a rule's false positives). */
  target: number;
  /** Reference notes it is found in. */
  reference: number;
  /** The signed keyness statistic. */
  keyness: number;
  /** The target notes it is found in (indices into the notes counted). */
  targetNotes: number[];
  /** Distinct fold groups (seminars, sources) of those notes. */
  groups: number;
}

/** How to rank features: the statistic, the least count, which kinds. */
export interface RankOptions {
  measure: KeynessMeasure;
  correction: KeynessCorrection;
  minNotes: number;
  kinds: ReadonlySet<FeatureKind>;
  /** Only features whose key is here (the ones extracted for this role). */
  keys: ReadonlySet<string>;
}

/**
 * Ranks features by keyness in the target notes against the reference notes (counted in notes:
 * a feature found twice in one note counts once). Kept: features in at least `minNotes` target
 * notes and over-represented there (keyness > 0). Order: keyness, then target count, then key.
 *
 * @param features the features
 * @param notesOf for each feature, the notes it is found in (ascending indices)
 * @param target 1 for target notes
 * @param reference 1 for reference notes
 * @param groups each note's fold group
 * @param options statistic, least count, kinds and keys
 * @returns the ranked candidates
 * @example
 * ```ts
 * rankFeatures(features, notesOf, missed, notCoded, groups, options)[0]?.feature.term; // "ringte"
 * ```
 */
export function rankFeatures(
  features: readonly Feature[],
  notesOf: readonly Int32Array[],
  target: Uint8Array,
  reference: Uint8Array,
  groups: readonly string[],
  options: RankOptions,
): RankedFeature[] {
  let targetTotal = 0;
  let referenceTotal = 0;
  for (let i = 0; i < target.length; i++) {
    targetTotal += target[i]!;
    referenceTotal += reference[i]!;
  }
  if (targetTotal < options.minNotes) return [];
  const out: RankedFeature[] = [];
  features.forEach((feature, index) => {
    if (!options.kinds.has(feature.kind) || !options.keys.has(feature.key)) return;
    const notes = notesOf[index]!;
    const targetNotes: number[] = [];
    let b = 0;
    for (const n of notes) {
      if (target[n]) targetNotes.push(n);
      else if (reference[n]) b++;
    }
    if (targetNotes.length < options.minNotes) return;
    const k = keyness({ a: targetNotes.length, b, target: targetTotal, reference: referenceTotal }, options.measure, options.correction);
    if (!(k > 0)) return;
    out.push({ feature, index, target: targetNotes.length, reference: b, keyness: k, targetNotes, groups: new Set(targetNotes.map((n) => groups[n])).size });
  });
  return out.sort((x, y) => y.keyness - x.keyness || y.target - x.target || (x.feature.key < y.feature.key ? -1 : x.feature.key > y.feature.key ? 1 : 0));
}
