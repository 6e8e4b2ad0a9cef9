import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCodebook, formatDiagnostic, lintCodebookExamples, parseCodebook, parseTerm, unwrap } from "../../src/index.ts";
import { codeNote } from "../../src/match/code-note.ts";
import { compileCodebook } from "../../src/match/compile.ts";
import { compileGlobWord, globWordMatches } from "../../src/match/glob-word.ts";
import { compileLinearRegex } from "../../src/match/linear-regex.ts";
import { fuzz } from "../fuzz/settings.ts";

// Glob words with inner wildcards are matched without a regular expression, and regex terms on a
// linear-time engine: the same answers as the backtracking regular expressions they replace,
// without their exponential (or high-degree polynomial) cases.

/** The regular expression glob words were compiled to before (the definition of a glob word). */
function globRegex(glob: string): RegExp {
  const source = [...glob].map((ch) => (ch === "*" ? "[\\p{L}\\p{M}\\p{N}]*" : ch === "?" ? "[\\p{L}\\p{M}\\p{N}]" : ch)).join("");
  return new RegExp(`^${source}$`, "u");
}

const codebook = (rules: string, examples = "") =>
  unwrap(
    parseCodebook(
      `id: x\ntitle: X\nlanguages: [nb]\ncategories: [{id: a, label: A}]\ncodes:\n  - id: c\n    category: a\n    label: C\n    definition: C\n${examples}    rules:\n${rules}`,
      { file: "x.yaml" },
    ),
  );

describe("glob words with inner wildcards", () => {
  it("match what their anchored regular expression matches (letters, marks, digits, astral letters)", () => {
    const letter = fc.constantFrom("a", "b", "s", "æ", "å", "1", "\u0301", "𝔸", "ß");
    const glob = fc.array(fc.oneof(letter, fc.constantFrom("*", "?")), { minLength: 1, maxLength: 7 }).map((cs) => cs.join(""));
    const token = fc.array(letter, { maxLength: 10 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(glob, token, (g, t) => {
        expect(globWordMatches(compileGlobWord(g), t), `${g} ~ ${t}`).toBe(globRegex(g).test(t));
      }),
      fuzz(400),
    );
  });

  it("answer on a 128k-letter token at once (s*k*t: quadratic for the regular expression)", () => {
    const miss = "s" + "k".repeat(128_000);
    expect(globWordMatches(compileGlobWord("s*k*t"), miss)).toBe(false);
    expect(globWordMatches(compileGlobWord("s*k*t"), `${miss}t`)).toBe(true);
    const matcher = compileCodebook(codebook(`      - terms: ["s*k*t"]\n`));
    expect(codeNote({ id: "n", text: `${miss} ${miss}t` }, matcher, "nb").codes[0]?.evidence.map((e) => e.start)).toEqual([128_002]);
  }, 20_000);

  it("are a kind of their own in parseTerm", () => {
    expect(parseTerm("vent?tid", "glob")).toMatchObject({ ok: true, words: [{ kind: "glob", value: "vent?tid" }] });
  });
});

describe("regular expression terms", () => {
  it("match what JavaScript's RegExp (flag u) matches on tokens, for random patterns", () => {
    const atom = fc.oneof(
      fc.constantFrom("a", "b", "æ", "1", ".", "\\w", "\\d", "\\p{L}", "\\p{Lu}", "[ab]", "[^a]", "[a-æ]", "\\u00e6", "\\x61", "\\b"),
      fc.constantFrom("^", "$"),
    );
    const piece = fc.tuple(atom, fc.constantFrom("", "*", "+", "?", "{1,2}", "*?", "{2}")).map(([a, q]) => (a === "^" || a === "$" || a === "\\b" ? a : a + q));
    const regex: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
      re: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.array(piece, { minLength: 1, maxLength: 4 }).map((ps) => ps.join("")),
        fc.tuple(tie("re"), tie("re")).map(([a, b]) => `${a}|${b}`),
        fc.tuple(tie("re"), fc.constantFrom("", "*", "+", "?")).map(([a, q]) => `(${a})${q}`),
        fc.tuple(tie("re"), fc.constantFrom("", "*", "+")).map(([a, q]) => `(?:${a})${q}`),
      ),
    })).re;
    const token = fc.array(fc.constantFrom("a", "b", "æ", "1", "A", "_"), { maxLength: 8 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(regex, fc.array(token, { minLength: 1, maxLength: 5 }), (source, tokens) => {
        const compiled = compileLinearRegex(source);
        expect(compiled.ok, source).toBe(true);
        if (!compiled.ok) return;
        const js = new RegExp(source, "u");
        for (const t of tokens) expect(compiled.regex.test(t), `/${source}/ ~ ${t}`).toBe(js.test(t));
      }),
      fuzz(1000),
    );
  });

  it("code and lint at once where a backtracking engine takes exponential time: (a+)+$", () => {
    const text = `${"a".repeat(40)}b`;
    const book = codebook(`      - terms: ["(a+)+$"]\n        match: regex\n`, `    nonExamples: ["${text}"]\n`);
    expect(codeNote({ id: "n", text }, compileCodebook(book), "nb").codes).toEqual([]);
    expect(lintCodebookExamples(book)).toEqual([]);
  }, 20_000);

  it("refuse lookaround and backreferences at the term, with a stable code", () => {
    const text = `id: x\ntitle: X\nlanguages: [nb]\ncategories: [{id: a, label: A}]\ncodes:\n  - id: c\n    category: a\n    label: C\n    definition: C\n    rules:\n      - terms: ["^(ti)\\\\1", "ok", "tid(?=en)"]\n        match: regex\n`;
    const result = parseCodebook(text, { file: "x.yaml" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'x.yaml:11:17: Invalid codebook "x": code "c": the regular expression /^(ti)\\1/ cannot be matched in linear time (the backreference \\1); kodebok matches regular expressions without backtracking, so lookahead, lookbehind and backreferences are not supported (field "codes.0.rules.0.terms.0") [codebook-unsupported-regex]',
      'x.yaml:11:35: Invalid codebook "x": code "c": the regular expression /tid(?=en)/ cannot be matched in linear time (invalid or unsupported Perl syntax: `(?=`); kodebok matches regular expressions without backtracking, so lookahead, lookbehind and backreferences are not supported (field "codes.0.rules.0.terms.2") [codebook-unsupported-regex]',
    ]);
    expect(compileLinearRegex("(?<n>a)\\k<n>")).toMatchObject({ ok: false, unsupported: true });
  });

  it("still report a pattern that is not JavaScript as not compiling", () => {
    const book = { ...codebook(`      - terms: [ok]\n`) };
    book.codes[0]!.rules[0] = { ...book.codes[0]!.rules[0]!, match: "regex", terms: ["^info(rmasjon"] };
    expect(checkCodebook(book).map((p) => p.diagnostic.code)).toEqual(["codebook-invalid-regex"]);
  });
});
