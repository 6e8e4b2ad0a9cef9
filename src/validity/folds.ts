import type { Note } from "../notes/note.ts";

/** A group of notes that always lands in one fold: a seminar, an interview, a survey block, a report. */
export interface FoldGroup {
  /** The group's key, as given by `groupOf`. */
  key: string;
  /** The fold the group was put in, from 0. */
  fold: number;
  /** How many notes the group has. */
  size: number;
}

/** Notes split into folds for cross-validation: no group is ever in two folds. */
export interface Folds {
  /** The number of folds asked for. */
  k: number;
  /** The fold of each note, in the order of the notes given, from 0. */
  fold: number[];
  /** The groups, in the order they were assigned (largest first). */
  groups: FoldGroup[];
}

/** Options of {@link splitFolds}. */
export interface SplitFoldsOptions {
  /** Number of folds (default 5); fewer folds are used when there are fewer groups. */
  k?: number;
  /** The group of a note (default {@link defaultFoldGroup}: its seminar, else its source, else its id). */
  groupOf?: (note: Note, index: number) => string;
}

/**
 * The group a note belongs to for cross-validation when nothing else is said: its seminar, else
 * its source (an interview, a survey, a report), else the note itself. Notes of one seminar or one
 * source are written by the same people in the same situation, so they must never be split
 * between training and testing.
 *
 * @param note a note
 * @returns the group key
 * @example
 * ```ts
 * defaultFoldGroup({ id: "n1", text: "…", seminar: "Bergen 2022" }); // "seminar:Bergen 2022"
 * ```
 */
export function defaultFoldGroup(note: Note): string {
  if (note.seminar !== undefined && note.seminar !== "") return `seminar:${note.seminar}`;
  if (note.source !== undefined && note.source !== "") return `source:${note.source}`;
  return `note:${note.id}`;
}

/**
 * Splits notes into `k` folds by group, so that a seminar or a source is never in two folds.
 * Deterministic: groups are taken largest first (ties by key) and each goes to the fold with the
 * fewest notes so far (ties: the lowest fold), which keeps the folds about equally large.
 *
 * @param notes the notes to split
 * @param options the number of folds and how to group notes
 * @returns each note's fold and the groups
 * @example
 * ```ts
 * const folds = splitFolds(notes, { k: 5 });
 * const test = notes.filter((_, i) => folds.fold[i] === 0); // train on the rest
 * ```
 */
export function splitFolds(notes: readonly Note[], options: SplitFoldsOptions = {}): Folds {
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`Cannot split notes into folds: k must be a whole number >= 2, not ${String(k)}`);
  const groupOf = options.groupOf ?? defaultFoldGroup;
  const keys = notes.map((note, i) => groupOf(note, i));
  const sizes = new Map<string, number>();
  for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const load = new Array<number>(k).fill(0);
  const foldOfGroup = new Map<string, number>();
  const groups: FoldGroup[] = [];
  for (const [key, size] of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    load[best]! += size;
    foldOfGroup.set(key, best);
    groups.push({ key, fold: best, size });
  }
  return { k, fold: keys.map((key) => foldOfGroup.get(key)!), groups };
}
