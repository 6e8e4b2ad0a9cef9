import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spansHit, type Span } from "../../src/refi-qda/from-qdpx.ts";
import { fuzz } from "../fuzz/settings.ts";

// Import finds the notes a selection touches by binary search (20,000 notes of one source: 19.7 s
// -> 8.7 s, the rest being inflate and GC; the quadratic part grew with the square of the notes).
describe("REFI-QDA import at scale", () => {
  it("spansHit() finds the spans the filter over every span finds", () => {
    const spans = fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 12 }).map((gaps) => {
      const out: Span[] = [];
      let at = 0;
      gaps.forEach(([gap, length], i) => {
        out.push({ id: `s${i}`, start: at + gap, end: at + gap + length });
        at += gap + length;
      });
      return out;
    });
    fc.assert(
      fc.property(spans, fc.nat(60), fc.nat(6), fc.boolean(), (list, u0, width, shuffle) => {
        const input = shuffle ? [...list].reverse() : list;
        const u1 = u0 + width;
        const expected = input.filter((s) => (u0 < s.end && u1 > s.start) || (u0 === u1 && u0 >= s.start && u0 <= s.end));
        expect(spansHit(input)(u0, u1)).toEqual(expected);
      }),
      fuzz(1000),
    );
  });
});
