import { checkOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import type { CodedNote } from "../match/coded-note.ts";
import { compareValues } from "./code-matrix.ts";

/** How often two codes are applied to the same note. */
export const CooccurrencePairSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** Notes that have both codes. */
  notes: z.number().int(),
  /** Jaccard index: notes with both / notes with either, 0..1. */
  jaccard: z.number(),
});
export type CooccurrencePair = z.infer<typeof CooccurrencePairSchema>;

/** The co-occurrence of codes over notes: a symmetric matrix and its upper triangle as pairs. */
export const CooccurrenceSchema = z.object({
  codes: z.array(z.string()),
  /** `counts[i][j]`: notes with both `codes[i]` and `codes[j]`; the diagonal is notes with the code. */
  counts: z.array(z.array(z.number().int())),
  /** Every pair `a` before `b` in `codes` order, including pairs that never occur together (0). */
  pairs: z.array(CooccurrencePairSchema),
});
export type Cooccurrence = z.infer<typeof CooccurrenceSchema>;

/** Options of {@link cooccurrence}: `codes`, the code ids in order (default: those that occur). */
const CooccurrenceOptionsSchema: z.ZodType<{ codes?: readonly string[] }, unknown> = z.object({ codes: z.array(z.string()).readonly().optional() }).strict();

/**
 * Counts which codes occur together in the same note (polarity ignored: a note with both a
 * helpful and a barrier mention of a code counts once).
 *
 * @param coded the coded notes
 * @param options `codes`: the codes in order (codebook order); default the codes that occur, sorted
 * @returns the symmetric matrix and the pairs with their Jaccard index
 * @example
 * ```ts
 * const c = cooccurrence(coded, { codes: ["relation", "time"] });
 * c.counts;   // [[8, 3], [3, 5]]
 * c.pairs[0]; // { a: "relation", b: "time", notes: 3, jaccard: 0.3 }
 * ```
 */
export function cooccurrence(coded: readonly CodedNote[], options: { codes?: readonly string[] } = {}): Cooccurrence {
  options = checkOptions(CooccurrenceOptionsSchema, options, "count co-occurring codes", "kodebok:rollup");
  const noteCodes = coded.map((item) => new Set(item.codes.map((a) => a.code)));
  const codes = options.codes ? [...options.codes] : [...new Set(noteCodes.flatMap((s) => [...s]))].sort(compareValues);
  const index = new Map(codes.map((c, i) => [c, i] as const));
  const counts = codes.map(() => codes.map(() => 0));
  for (const set of noteCodes) {
    const present = [...set].map((c) => index.get(c)).filter((i): i is number => i !== undefined);
    for (const i of present) for (const j of present) (counts[i] as number[])[j] = (counts[i]?.[j] ?? 0) + 1;
  }
  const pairs: CooccurrencePair[] = [];
  for (let i = 0; i < codes.length; i++) {
    for (let j = i + 1; j < codes.length; j++) {
      const both = counts[i]?.[j] ?? 0;
      const either = (counts[i]?.[i] ?? 0) + (counts[j]?.[j] ?? 0) - both;
      pairs.push({ a: codes[i] as string, b: codes[j] as string, notes: both, jaccard: either === 0 ? 0 : both / either });
    }
  }
  return { codes, counts, pairs };
}
