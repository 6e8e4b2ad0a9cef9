/**
 * Appends every item of `items` to `target`, in order. Unlike `target.push(...items)`, which passes
 * each item as an argument and overflows the call stack somewhere above 100,000 items, it works
 * for lists of any length: a survey of a million answers is one list of notes.
 *
 * @param target the list to grow
 * @param items the items to append
 * @returns `target`
 * @example
 * ```ts
 * appendAll([1, 2], [3, 4]); // [1, 2, 3, 4]
 * ```
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
