/**
 * A small seeded pseudo-random number generator (mulberry32, Tommy Ettinger's public-domain
 * 32-bit generator). Same seed, same sequence, on every platform: this is what makes the
 * bootstrap intervals of kodebok repeatable.
 *
 * @param seed Any integer; it is reduced to 32 bits.
 * @returns A function returning the next number in [0, 1).
 * @example
 * ```ts
 * const next = seededRandom(42);
 * const a = next(); // same value on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An integer in `[0, n)` from a generator made by {@link seededRandom}.
 *
 * @param next The generator.
 * @param n The exclusive upper bound.
 * @returns An integer from 0 to n - 1.
 * @example
 * ```ts
 * randomIndex(seededRandom(1), 10); // 0..9
 * ```
 */
export function randomIndex(next: () => number, n: number): number {
  return Math.floor(next() * n);
}
