import { describe, expect, it } from "vitest";
import { loadCodebook, parseCodebook, unwrap } from "../../src/index.ts";
import { codeNote, codeNoteCodes } from "../../src/match/code-note.ts";
import { countingMatcher, growth } from "./work-steps.ts";

// Coding one note is O(n log n) in its matches (it was quadratic: the all-pairs overlap check of
// resolveOverlaps, the per-hit filters of conditions and cues). Work is counted in look-ups into
// the matcher (see work-steps.ts), so the check does not depend on the machine's speed: per match,
// a linear or n log n coder does about the same work at every size, a quadratic one 8 times more
// at 8 times the size.

describe("coding a note is not quadratic in its matches", () => {
  it("codeNote() with the default codebook (conditions, cues, overlaps) on dense notes", async () => {
    const codebook = await loadCodebook("natland-2021");
    for (const unit of ["tid ", "ikke tid. ", "lite tid. ", "hun tok seg tid og ga meg direktenummeret "]) {
      const perMatch = growth([500, 1000, 4000], (n) => {
        const { matcher, steps } = countingMatcher(codebook);
        const coded = codeNote({ id: "n", text: unit.repeat(n) }, matcher, "nb");
        expect(coded.codes.length).toBeGreaterThan(0);
        return steps();
      });
      expect(perMatch[2], unit).toBeLessThan(1.6);
    }
  });

  it("codeNoteCodes() (counting) on a dense note with both polarities of a code", async () => {
    const codebook = await loadCodebook("natland-2021");
    const perMatch = growth([500, 4000], (n) => {
      const { matcher, steps } = countingMatcher(codebook);
      const out: number[] = [];
      // "men" starts a clause: natland-2021 settles a clause that names both sides of a code as a
      // barrier (polarity.mixed), so each clause has one side and the note keeps both.
      codeNoteCodes({ id: "n", text: "tid. men lite tid. ".repeat(n) }, matcher, "nb", out);
      expect(out.length).toBe(2);
      return steps();
    });
    expect(perMatch[1]).toBeLessThan(1.6);
  });

  it("a phrase with a gap is searched without trying every way through the gap", () => {
    // "x x x x x y" with gap 10 on a note of x's: each start tried up to 11^4 ways before.
    const yaml = (words: number, conditions: boolean) => `
id: gaps
title: Gaps
languages: [nb]
categories: [{id: a, label: A}]
${conditions ? "polarity: {negation: {terms: [ikke]}}" : ""}
codes:
  - id: long
    category: a
    label: Long
    definition: Long
    rules:
      - terms: ["${"x ".repeat(words - 1)}y"]
        gap: 10
`;
    for (const conditions of [false, true]) {
      const steps = [4, 6].map((words) => {
        const { matcher, steps } = countingMatcher(unwrap(parseCodebook(yaml(words, conditions))));
        codeNote({ id: "n", text: "x ".repeat(60) }, matcher, "nb");
        return steps();
      });
      expect(steps[1]! / steps[0]!, `conditions: ${conditions}`).toBeLessThan(4);
    }
  });
});
