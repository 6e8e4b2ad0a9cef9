import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-dir.ts";
import { codebookDimensions, dimensionOfCode, formatDiagnostic, loadCodebook, parseCodebook, readCodebook, resolveDimension } from "../../src/index.ts";

const root = new URL("../../", import.meta.url);
const demoPath = new URL("fixtures/actors/codebook.yaml", root);
const demo = readFileSync(demoPath, "utf8");
const bad = (name: string): string => readFileSync(new URL(`fixtures/bad/${name}`, root), "utf8");

describe("codebook dimensions", () => {
  it("a code in two dimensions is an error at the second code's id", () => {
    const file = "codebook-code-in-two-dimensions.yaml";
    const result = parseCodebook(bad(file), { file });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'codebook-code-in-two-dimensions.yaml:17:13: Invalid codebook "bad-code-in-two-dimensions": code "nav" is in two dimensions, "themes" and "actors" (field "dimensions.0.codes.0.id") [codebook-code-in-two-dimensions]',
    ]);
  });

  it("a code in two further dimensions is an error too, and names both", () => {
    const text = `${demo}  - id: phase
    label: Fase
    codes:
      - id: gp
        label: Fastlege
        definition: x
        terms: [fastlege]
`;
    const result = parseCodebook(text, { file: "cb.yaml" });
    expect(result.ok).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
    // The second "- id: gp" is the phase dimension's, on the file's fifth line from the end.
    const line = text.split("\n").length - 4;
    expect(text.split("\n")[line - 1]).toBe("      - id: gp");
    expect(errors).toEqual([
      `cb.yaml:${line}:13: Invalid codebook "actors-demo": code "gp" is in two dimensions, "actors" and "phase" (field "dimensions.1.codes.0.id") [codebook-code-in-two-dimensions]`,
    ]);
  });

  it("a dimension without codes is an error at its codes", () => {
    const file = "codebook-empty-dimension.yaml";
    const result = parseCodebook(bad(file), { file });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'codebook-empty-dimension.yaml:16:12: Invalid codebook "bad-empty-dimension": dimension "actors" has no codes (field "dimensions.0.codes") [codebook-empty-dimension]',
    ]);
  });

  it("a dimension with the primary dimension's id, and terms that do not compile, are located", () => {
    const text = demo.replace("  - id: actors\n", "  - id: themes\n").replace("terms: {nb: [fastlege*, legen]", "terms: {nb: [\"*\", legen]");
    const result = parseCodebook(text, { file: "cb.yaml" });
    const lines = text.split("\n");
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.start?.line])).toEqual([
      ["codebook-duplicate-id", at("- id: themes")],
      ["codebook-invalid-term", at('terms: {nb: ["*"')],
    ]);
  });

  it("a codebook without dimensions has one dimension, the themes, and no dimensions key", async () => {
    const codebook = await loadCodebook("barriers");
    expect("dimensions" in codebook).toBe(false);
    expect(codebookDimensions(codebook).map((d) => [d.id, d.primary])).toEqual([["themes", true]]);
  });

  it("lists the dimensions and the dimension of each code", async () => {
    const codebook = await loadCodebook(demoPath.pathname);
    expect(codebookDimensions(codebook).map((d) => `${d.id}:${d.codes.join(",")}`)).toEqual(["themes:time,knowledge", "actors:nav,gp"]);
    expect([...dimensionOfCode(codebook)]).toEqual([["time", "themes"], ["knowledge", "themes"], ["nav", "actors"], ["gp", "actors"]]);
    expect(resolveDimension(["themes", "actors"], "actor")).toBe("actors");
    expect(resolveDimension(["themes", "actors"], "actors")).toBe("actors");
    expect(resolveDimension(["themes", "actors"], "seminar")).toBeUndefined();
  });

  it("an extending codebook adds codes to a dimension of its base, and a dimension of its own", async () => {
    const dir = tempDir("dimensions");
    {
      writeFileSync(join(dir, "base.yaml"), demo);
      writeFileSync(join(dir, "mine.yaml"), `id: mine
title: Mine
languages: [nb]
extends: ./base.yaml
dimensions:
  - id: actors
    label: Aktører
    codes:
      - id: dps
        label: DPS
        definition: Distriktspsykiatrisk senter.
        terms: [dps]
  - id: phase
    label: Fase i saken
    codes:
      - id: start
        label: Starten
        definition: Det første møtet.
        terms: ["første møte*"]
`);
      const result = await readCodebook(join(dir, "mine.yaml"));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(codebookDimensions(result.value).map((d) => `${d.id}:${d.codes.join(",")}`)).toEqual(["themes:time,knowledge", "actors:nav,gp,dps", "phase:start"]);
      expect(result.value.dimensions?.[0]?.defaultFrom).toEqual(["service"]);
    }
  });
});
