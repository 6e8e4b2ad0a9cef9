import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCodebook, unwrap } from "../../src/index.ts";
import { compileCodebook } from "../../src/match/compile.ts";
import { GlobAutomaton } from "../../src/match/glob-automaton.ts";
import { tokenize } from "../../src/text/tokenize.ts";

// The glob automaton must see the tokens `tokenize` sees and give each the pattern ids that the
// matcher's own look-up gives the folded token.

const codebook = (terms: string) => `
id: globs
title: Globs
languages: [nb, en]
categories:
  - {id: a, label: A}
codes:
  - id: one
    category: a
    label: One
    definition: One
    terms: ${terms}
`;

function check(matcher: ReturnType<typeof compileCodebook>, automaton: GlobAutomaton, text: string): number {
  const tokens = tokenize(text);
  const count = automaton.scan(text);
  expect(count, text).toBe(tokens.length);
  const expected: string[] = [];
  tokens.forEach((token, i) => {
    const ids = matcher.lookup(token.text, "nb");
    if (ids.length > 0) expected.push(`${i}:${token.start}-${token.end}:${ids.join(",")}`);
  });
  const found: string[] = [];
  for (let m = 0; m < automaton.matches; m++) {
    const set = automaton.sets[automaton.matchSet[m]!]!;
    found.push(`${automaton.matchToken[m]}:${automaton.matchStart[m]}-${automaton.matchEnd[m]}:${set.join(",")}`);
  }
  expect(found, text).toEqual(expected);
  return found.length;
}

describe("GlobAutomaton", () => {
  it("finds the exact words, prefixes and suffixes of each token, as the matcher's look-up does", () => {
    const matcher = compileCodebook(
      unwrap(parseCodebook(codebook(`[tid, "*tid", tidlig*, "t*", "*d", "ta seg tid", relasjon*, "*relasjon", æøå, "*år", "år*", "Ærlig*", "2024"]`))),
    );
    const automaton = GlobAutomaton.build(matcher)!;
    expect(automaton).toBeDefined();
    let matched = 0;
    for (const text of [
      "Hun tok seg tid, alltid tidlig.",
      "TID Tid tId: ventetiden og Ventetid",
      "samarbeidsrelasjon, relasjonene; RELASJON",
      "ÆØÅ æøå-søknadsår årlig Ærlighet ærlig",
      "t d td dt 2024 20245 x2024",
      "  leading and trailing separators!  ",
      "«tid» “tid” (tid) tid.tid/tid",
      "",
      "t",
    ]) {
      matched += check(matcher, automaton, text);
    }
    expect(matched).toBeGreaterThan(30);
  });

  it("gives up on a note whose folding depends on the whole word, and then finds the next note's tokens again", () => {
    const matcher = compileCodebook(unwrap(parseCodebook(codebook(`[tid, "*tid"]`))));
    const automaton = GlobAutomaton.build(matcher)!;
    for (const text of ["Ventetid e\u0301", "ΣΑΣ tid", "İstanbul tid", "tid 😀 tid"]) expect(automaton.scan(text), text).toBe(-1);
    expect(check(matcher, automaton, "alltid ventetid")).toBe(2);
  });

  it("unites the sets of a large codebook (kept in a map rather than a table) as the look-up does", () => {
    // 1,200 exact words and a few suffixes: more than 1,024 sets, so unions go to the map.
    const words = Array.from({ length: 1200 }, (_, i) => `ord${i}`);
    const matcher = compileCodebook(unwrap(parseCodebook(codebook(JSON.stringify([...words, "*0", "*11", "*d1"])))));
    const automaton = GlobAutomaton.build(matcher)!;
    expect(automaton.sets.length).toBeGreaterThan(1024);
    const text = words.filter((_, i) => i % 7 === 0).join(" ") + " ORD110, ord1111; xord10 ord";
    expect(check(matcher, automaton, text)).toBeGreaterThan(170);
  });

  it("is not built for stems, regular expressions, inner wildcards or words inside wildcards", () => {
    for (const terms of [`["*tid*"]`, `["t*d"]`, `["tid", "forklarte *"]`]) {
      expect(GlobAutomaton.build(compileCodebook(unwrap(parseCodebook(codebook(terms))))), terms).toBeUndefined();
    }
  });

  it("matches the look-up on every token of the benchmark corpus's dictionary and a generated text", () => {
    const matcher = compileCodebook(
      unwrap(parseCodebook(readFileSync(new URL("../../bench/themes.codebook.yaml", import.meta.url), "utf8"))),
    );
    const automaton = GlobAutomaton.build(matcher)!;
    const words = matcher.patterns.map((p) => p.value);
    // Every pattern's word, with letters before and after, in upper and lower case.
    let text = "";
    for (const [i, word] of words.entries()) {
      text += `${word} ${"x" + word} ${word + "en"} ${word.toUpperCase()}${i % 7 === 0 ? "\n" : ", "}`;
    }
    expect(check(matcher, automaton, text)).toBeGreaterThan(words.length * 2);
  });
});

describe("detectFromScan()", () => {
  it("gives the language detectLanguage gives, from one scan of the detecting automaton", async () => {
    const { detectLanguage, LANGUAGE_MARKERS } = await import("../../src/text/detect-language.ts");
    const { detectFromScan, automatonFor } = await import("../../src/match/set-plan.ts");
    const { engineFor } = await import("../../src/match/token-memo.ts");
    const matcher = compileCodebook(unwrap(parseCodebook(codebook(`[tid, "*tid", ikke, "på*"]`))));
    const globs = automatonFor(engineFor(matcher), matcher, true)!;
    // Marker words of every list (some in capitals), words with æ, ø, å, and plain words, mixed.
    const words = [...LANGUAGE_MARKERS.nb, ...LANGUAGE_MARKERS.nn, ...LANGUAGE_MARKERS.en, "Ærlig", "søknad", "PÅ", "tid", "NAV", "x1"];
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const seen = new Set<string>();
    for (let n = 0; n < 600; n++) {
      const length = 1 + Math.floor(next() * 8);
      const text = Array.from({ length }, () => {
        const word = words[Math.floor(next() * words.length)]!;
        return next() < 0.2 ? word.toUpperCase() : word;
      }).join(next() < 0.5 ? " " : ", ");
      expect(globs.automaton.scan(text), text).toBeGreaterThanOrEqual(0);
      const detected = detectFromScan(globs, matcher);
      expect(detected, text).toBe(detectLanguage(tokenize(text)));
      seen.add(detected);
    }
    expect([...seen].sort()).toEqual(["en", "nb", "nn", "und"]);
  });
});
