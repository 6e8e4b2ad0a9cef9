import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABBREVIATIONS, sentences } from "../../src/index.ts";
import { fuzz } from "../fuzz/settings.ts";

/** sentences() as it was, with its terminator pattern tried at every character of a run. */
function before(text: string): { start: number; end: number }[] {
  const TERMINATOR = /[.!?…]+["»”')\]]*(?=\s|$)|\n\s*\n|\n(?=\s*[-*•]\s)/gu;
  const spans: { start: number; end: number }[] = [];
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  let start = 0;
  for (let m = TERMINATOR.exec(text); m !== null; m = TERMINATOR.exec(text)) {
    const end = m.index + m[0].length;
    let i = m.index;
    while (i > 0 && /[\p{L}.]/u.test(text[i - 1]!)) i--;
    const word = text.slice(i, m.index).toLowerCase();
    // The abbreviation rule as sentences() has it: a title always continues the sentence, another
    // abbreviation only before lower case or a digit.
    let next = end;
    while (next < text.length && /\s/u.test(text[next]!)) next++;
    const continues = ["dr", "mr", "mrs", "ms", "prof", "st"].includes(word) || (next < text.length && /[\p{Ll}\p{N}]/u.test(text[next]!));
    if (m[0].startsWith(".") && word.length > 0 && ABBREVIATIONS.has(word) && continues) continue;
    push(start, end);
    start = end;
  }
  push(start, text.length);
  return spans;
}

describe("sentences() on long runs of terminators", () => {
  it("finds the same terminators as the pattern tried at every character", () => {
    const text = fc.array(fc.constantFrom(".", "!", "?", "…", '"', "»", ")", " ", "\n", "-", "a", "kl", "10"), { maxLength: 40 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect(sentences(t)).toEqual(before(t));
      }),
      fuzz(1000),
    );
  });

  it("splits a text with a run of a million dots (quadratic before: 40k dots took 2.8 s)", () => {
    const text = `Hei. ${".".repeat(1_000_000)}x. Ok!`;
    expect(sentences(text).map((s) => s.end - s.start)).toEqual([4, 1_000_002, 3]);
  });
});
