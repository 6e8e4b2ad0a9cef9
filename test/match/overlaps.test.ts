import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extendGapped, firstWithin, keepUnclashed, reachOf, someWithin } from "../../src/match/overlaps.ts";
import { fuzz } from "../fuzz/settings.ts";

// The O(n log n) helpers of overlap resolution and conditions give what the plain loops they
// replace give, on random matches.

const match = fc.record({ first: fc.nat(40), length: fc.nat(4), group: fc.nat(3) }).map((m) => ({ first: m.first, last: m.first + m.length, group: m.group }));

/** The all-pairs loop of resolveOverlaps. */
function allPairs(order: number[], first: number[], last: number[], group: number[]): number[] {
  const kept: number[] = [];
  for (const c of order) if (!kept.some((k) => group[k] === group[c] && first[k]! <= last[c]! && first[c]! <= last[k]!)) kept.push(c);
  return kept;
}

describe("overlap helpers equal the loops they replace", () => {
  it("keepUnclashed() keeps what the all-pairs check keeps, in any preference order", () => {
    fc.assert(
      fc.property(fc.array(match, { maxLength: 60 }).chain((ms) => fc.tuple(fc.constant(ms), fc.shuffledSubarray([...ms.keys()], { minLength: ms.length }))), ([ms, order]) => {
        const first = ms.map((m) => m.first);
        const last = ms.map((m) => m.last);
        const group = ms.map((m) => m.group);
        expect(keepUnclashed(order, first, last, group)).toEqual(allPairs(order, first, last, group));
      }),
      fuzz(300),
    );
  });

  it("keepUnclashed() on the example of its doc comment", () => {
    expect(keepUnclashed([0, 1, 2], [0, 1, 5], [2, 1, 5], [0, 0, 0])).toEqual([0, 2]);
  });

  it("someWithin() and firstWithin() answer as some() and find() over every hit", () => {
    const sorted = fc.array(match, { maxLength: 40 }).map((ms) => ms.sort((a, b) => a.first - b.first));
    fc.assert(
      fc.property(sorted, fc.integer({ min: -5, max: 45 }), fc.nat(8), fc.nat(7), (hits, from, width, pick) => {
        const to = from + width;
        const reach = reachOf(hits);
        expect(someWithin(reach, from, to)).toBe(hits.some((h) => h.last >= from && h.first <= to));
        // A test that passes for some hits in the window only (as the sentence and cue tests do).
        const test = (h: { first: number; last: number; group: number }) => h.last >= from && h.first <= to && (h.group + h.first) % (pick + 1) === 0;
        expect(firstWithin(reach, from, to, test)).toBe(hits.find(test));
      }),
      fuzz(300),
    );
  });

  it("extendGapped() finds the way the plain depth-first search finds", () => {
    const plain = (holds: (w: number, p: number) => boolean, count: number, words: number, word: number, at: number, gap: number): number => {
      if (word === words) return at;
      for (let next = at + 1; next <= at + 1 + gap && next < count; next++) {
        if (holds(word, next)) {
          const last = plain(holds, count, words, word + 1, next, gap);
          if (last >= 0) return last;
        }
      }
      return -1;
    };
    fc.assert(
      fc.property(fc.array(fc.nat(2), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(2), { minLength: 3, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (tokens, words, gap) => {
        const holds = (w: number, p: number) => tokens[p] === words[w];
        for (let start = 0; start < tokens.length; start++) {
          if (tokens[start] !== words[0]) continue;
          const within = (from: number, p: number) => p <= from + 1 + gap && p < tokens.length;
          expect(extendGapped(holds, within, words.length, 1, start, gap)).toBe(plain(holds, tokens.length, words.length, 1, start, gap));
        }
      }),
      fuzz(300),
    );
  });
});
