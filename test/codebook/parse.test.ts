import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDiagnostic, parseCodebook, readCodebook } from "../../src/index.ts";

const minimal = `id: demo
title: Demo
languages: [nb, en]
categories:
  - id: relational
    label: Relasjonelt
codes:
  - id: time
    category: relational
    label: {nb: Tid, en: Time}
    definition: Tid og tilgjengelighet
    terms: {nb: [tid], en: [time]}
`;

describe("parseCodebook()", () => {
  it("reads a valid codebook and fills defaults", () => {
    const result = parseCodebook(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.codes[0]?.rules).toEqual([]);
    expect(result.value.overlap).toBe("within-code");
  });

  it("locates a schema error at the YAML node", () => {
    const text = minimal.replace("id: time", "id: Time");
    const result = parseCodebook(text, { file: "cb.yaml" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^cb\.yaml:8:9: Invalid codebook: "codes\.0\.id": an id starts with a lower-case letter.* \[codebook-invalid\]$/u),
    ]);
  });

  it("names unknown keys", () => {
    const result = parseCodebook(minimal.replace("    terms:", "    termz: [x]\n    terms:"), { file: "cb.yaml" });
    expect(result.diagnostics.map(formatDiagnostic)[0]).toMatch(/^cb\.yaml:8:\d+: .*"termz"/u);
  });

  it("reports a code in an unknown category where the category is named", () => {
    const result = parseCodebook(minimal.replace("category: relational", "category: relasional"), { file: "cb.yaml" });
    expect(result.ok).toBe(false);
    expect(formatDiagnostic(result.diagnostics[0]!)).toBe(
      'cb.yaml:9:15: Invalid codebook "demo": code "time" names category "relasional", which is not defined (field "codes.0.category") [codebook-unknown-category]',
    );
  });

  it("reports a regex that does not compile and an empty rule", () => {
    const text = `${minimal}    rules:\n      - terms: ["^info(rmasjon"]\n        match: regex\n      - terms: []\n`;
    const result = parseCodebook(text, { file: "cb.yaml" });
    expect(result.diagnostics.map((d) => [d.code, d.start?.line])).toEqual([
      ["codebook-invalid-regex", 14],
      ["codebook-empty-rule", 16],
    ]);
  });

  it("reports YAML syntax errors with their place", () => {
    const result = parseCodebook("id: demo\ntitle: [unclosed\n", { file: "cb.yaml" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe("codebook-parse-error");
    expect(result.diagnostics[0]?.start?.line).toBeGreaterThanOrEqual(2);
  });

  it("rejects each broken fixture codebook", () => {
    for (const name of ["codebook-unknown-category", "codebook-duplicate-code", "codebook-empty-terms", "codebook-bad-regex", "codebook-syntax-error"]) {
      const file = `fixtures/bad/${name}.yaml`;
      const result = parseCodebook(readFileSync(file, "utf8"), { file });
      expect(result.ok, name).toBe(false);
    }
  });
});

describe("readCodebook()", () => {
  it("says what is missing when a codebook is neither bundled nor a file", async () => {
    const result = await readCodebook("no-such-codebook");
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe("codebook-not-found");
  });
});

describe("parseCodebook() on YAML the parser accepts but cannot resolve", () => {
  it("reports an alias used before its anchor instead of throwing", () => {
    const result = parseCodebook("id: demo\ntitle: *missing\nlanguages: [nb]\n", { file: "cb.yaml" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe("codebook-parse-error");
  });
});

describe("parseCodebook() on polarity cues", () => {
  it("locates a cue term that cannot be compiled at the term itself", () => {
    const text = `${minimal}polarity:\n  negation:\n    terms: {nb: [ikke, "*"]}\n`;
    const result = parseCodebook(text, { file: "cb.yaml" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.field, d.start?.line])).toEqual([
      ["codebook-invalid-term", "polarity.negation.terms.nb.1", 15],
    ]);
  });
});
