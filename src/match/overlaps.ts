// Overlap resolution and proximity look-ups that stay O(n log n) in the matches of one note.
// Internal to src/match: `code-note.ts` uses them once a note has more matches than its small
// loops handle, and the tests compare them with those loops.

/**
 * Which of the matches, taken in preference order, clash with none kept before them: match `c`
 * is kept when no kept match of its group covers one of its token positions `first[c]`..`last[c]`
 * (with one group for all, any two overlapping matches clash). The all-pairs loop this replaces
 * is O(n * kept); here a Fenwick tree of prefix maxima over the matches ranked by (group, first
 * token) answers "does a kept match of this group start at or before my last token and end at
 * or after my first?" in O(log n), so the whole is O(n log n).
 *
 * @param order match numbers in preference order
 * @param first each match's first token position (by match number)
 * @param last each match's last token position
 * @param group each match's group (the code's index, or 0 for all when overlaps count across codes)
 * @returns the kept match numbers, in preference order
 * @example
 * ```ts
 * keepUnclashed([0, 1, 2], [0, 1, 5], [2, 1, 5], [0, 0, 0]); // [0, 2]: match 1 lies inside match 0
 * ```
 */
export function keepUnclashed(order: ArrayLike<number>, first: ArrayLike<number>, last: ArrayLike<number>, group: ArrayLike<number>): number[] {
  const n = order.length;
  const byStart = Array.from({ length: n }, (_, i) => i).sort((a, b) => group[a]! - group[b]! || first[a]! - first[b]!);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[byStart[r]!] = r;
  let big = 1;
  for (let c = 0; c < n; c++) if (last[c]! + 2 > big) big = last[c]! + 2;
  // Per rank: the last rank of its group.
  const groupLast = new Int32Array(n);
  for (let r = n - 1; r >= 0; r--) groupLast[r] = r + 1 < n && group[byStart[r + 1]!] === group[byStart[r]!] ? groupLast[r + 1]! : r;
  // A kept match is entered at its rank as `group * big + last + 1` (0: none), so that matches of
  // earlier groups, which rank before, stay below any value of a later group.
  const tree = new Float64Array(n + 1);
  const kept: number[] = [];
  for (let k = 0; k < n; k++) {
    const c = order[k]!;
    const base = group[c]! * big;
    // The last rank of the group whose match starts at or before last[c].
    let low = rank[c]!;
    let high = groupLast[low]!;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (first[byStart[mid]!]! <= last[c]!) low = mid;
      else high = mid - 1;
    }
    let max = 0;
    for (let i = low + 1; i > 0; i -= i & -i) if (tree[i]! > max) max = tree[i]!;
    if (max > base + first[c]!) continue;
    kept.push(c);
    const value = base + last[c]! + 1;
    for (let i = rank[c]! + 1; i <= n; i += i & -i) if (tree[i]! < value) tree[i] = value;
  }
  return kept;
}

/**
 * Index of the first of `items` (sorted by `key`, ascending) whose key is at least `at`.
 *
 * @param items the list, in ascending key order
 * @param key a match's position
 * @param at the least position wanted
 * @returns an index from 0 to `items.length`
 * @example
 * ```ts
 * firstAtOrAfter([{ first: 1 }, { first: 4 }], (h) => h.first, 2); // 1
 * ```
 */
export function firstAtOrAfter<T>(items: readonly T[], key: (item: T) => number, at: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (key(items[mid]!) < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Matches of one rule's condition (or of a cue), in position order, for range questions. */
export interface Reach<T extends { first: number; last: number }> {
  /** The matches, by first token (as found). */
  hits: readonly T[];
  /** Per index: the largest `last` of hits 0..index. */
  lastUpTo: Int32Array;
  /** The longest span (`last - first`) of any hit. */
  span: number;
}

/**
 * A reach over matches in position order.
 *
 * @param hits matches sorted by first token
 * @returns the reach
 * @example
 * ```ts
 * someWithin(reachOf([{ first: 3, last: 4 }]), 0, 3); // true
 * ```
 */
export function reachOf<T extends { first: number; last: number }>(hits: readonly T[]): Reach<T> {
  const lastUpTo = new Int32Array(hits.length);
  let max = -1;
  let span = 0;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    if (h.last > max) max = h.last;
    if (h.last - h.first > span) span = h.last - h.first;
    lastUpTo[i] = max;
  }
  return { hits, lastUpTo, span };
}

/**
 * True when some hit of the reach overlaps the token positions `from`..`to`: one that starts at
 * or before `to` and ends at or after `from`. O(log n).
 *
 * @param reach the hits
 * @param from first position of the range
 * @param to last position of the range
 * @returns whether one overlaps
 * @example
 * ```ts
 * someWithin(reachOf([{ first: 3, last: 4 }]), 5, 9); // false
 * ```
 */
export function someWithin<T extends { first: number; last: number }>(reach: Reach<T>, from: number, to: number): boolean {
  const j = firstAtOrAfter(reach.hits, (h) => h.first, to + 1) - 1;
  return j >= 0 && reach.lastUpTo[j]! >= from;
}

/**
 * The first hit (in position order) that starts between `from - span` and `to` and passes
 * `test`: `Array.prototype.find` over the hits for a test that can only pass for a hit ending
 * at or after `from` and starting at or before `to`, without visiting the hits before that window.
 *
 * @param reach the hits
 * @param from the least last position a passing hit can have
 * @param to the largest first position a passing hit can have
 * @param test the full condition
 * @returns the hit, or undefined
 * @example
 * ```ts
 * firstWithin(reachOf([{ first: 3, last: 4 }]), 4, 9, () => true); // { first: 3, last: 4 }
 * ```
 */
export function firstWithin<T extends { first: number; last: number }>(reach: Reach<T>, from: number, to: number, test: (hit: T) => boolean): T | undefined {
  const hits = reach.hits;
  for (let i = firstAtOrAfter(hits, (h) => h.first, from - reach.span); i < hits.length && hits[i]!.first <= to; i++) {
    if (test(hits[i]!)) return hits[i];
  }
  return undefined;
}

/** Failure marks of `extendGapped`: (word, position - start) pairs marked with the current call's stamp. */
let failed = new Int32Array(256);
let stamp = 0;

/**
 * The rest of a phrase with a gap, as the depth-first search `extendPhrase` does (nearer
 * positions first, the first complete way wins), but remembering each (word, position) where
 * the rest of the phrase was not found, so no position is searched twice for a word: O(words *
 * span * gap) for one start, where the plain search can take (gap + 1) ^ (words - 1) steps.
 *
 * @param holds whether the token (or match) at `position` holds word `word` of the phrase
 * @param within whether `position` is still within the gap after the word at `from`
 * @param words the number of words of the phrase
 * @param word the next word to match (1 after the first)
 * @param at the position of the word before it
 * @param gap the rule's gap, bounding positions to `at + (words - 1) * (gap + 1)`
 * @returns the position of the phrase's last word, or -1
 * @example
 * ```ts
 * extendGapped((w, p) => tokens[p] === words[w], (from, p) => p <= from + 1 + gap && p < tokens.length, words.length, 1, start, gap);
 * ```
 */
export function extendGapped(
  holds: (word: number, position: number) => boolean,
  within: (from: number, position: number) => boolean,
  words: number,
  word: number,
  at: number,
  gap: number,
): number {
  const span = (words - 1) * (gap + 1) + 1;
  if (failed.length < words * span) failed = new Int32Array(Math.max(words * span, failed.length * 2));
  if (++stamp === 0x7fffffff) {
    failed.fill(0);
    stamp = 1;
  }
  const start = at;
  const mark = stamp;
  const search = (w: number, from: number): number => {
    if (w === words) return from;
    for (let next = from + 1; within(from, next); next++) {
      if (!holds(w, next)) continue;
      const key = w * span + (next - start);
      if (failed[key] === mark) continue;
      const last = search(w + 1, next);
      if (last >= 0) return last;
      failed[key] = mark;
    }
    return -1;
  };
  return search(word, at);
}
