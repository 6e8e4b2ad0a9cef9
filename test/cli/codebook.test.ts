import { describe, expect, it } from "vitest";
import { kodebok, kodebokInProcess } from "./run-cli.ts";

describe.concurrent("kodebok codebook", () => {
  it("lint passes a codebook whose examples its rules find (exit 0)", async () => {
    const run = await kodebok(["codebook", "lint", "fixtures/check/codebook.yaml"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("fixtures/check/codebook.yaml: ok (6 codes, 7 examples and 1 non-examples tested)\n");
  });

  it("lint reports each example its code's rules miss, at the example's line (exit 1)", async () => {
    const file = "fixtures/check/codebook-bad-examples.yaml";
    const run = await kodebok(["codebook", "lint", file]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      `${file}:17:9: Example 2 of code "time" is not found by its rules: "Hun var alltid tilgjengelig" (field "codes.time.examples[1]") [codebook-example-not-found]`,
      `${file}:18:9: Example 3 of code "time" is found as helpful, not barrier: "Hun tok seg tid til meg" (field "codes.time.examples[2]") [codebook-example-wrong-polarity]`,
      `${file}:20:9: Non-example 1 of code "time" is found by its rules: "Det tok lang tid å få svar på søknaden" matched "tid" (rule time.terms) (field "codes.time.nonExamples[0]") [codebook-non-example-found]`,
    ]);
    expect(run.stdout).toContain(`${file}: 3 findings`);
  });

  it("lint reports an invalid codebook where fixtures/bad/README.md says (exit 1)", async () => {
    const dup = await kodebok(["codebook", "lint", "fixtures/bad/codebook-duplicate-code.yaml"]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/^fixtures\/bad\/codebook-duplicate-code\.yaml:18:9: .*\[codebook-duplicate-id\]$/m);
    const syntax = await kodebok(["codebook", "lint", "fixtures/bad/codebook-syntax-error.yaml"]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/^fixtures\/bad\/codebook-syntax-error\.yaml:16:17: .*\[codebook-parse-error\]$/m);
  });

  it("lint of a file that does not exist is an input error (exit 2)", async () => {
    const run = await kodebok(["codebook", "lint", "no-such-codebook.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[file-not-found]");
  });

  it("show prints categories, codes and definitions as a table", async () => {
    const run = await kodebokInProcess(["codebook", "show", "fixtures/check/codebook.yaml", "--language", "en"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Check fixtures (six themes, short) (check-mini 1.0)");
    expect(run.stdout).toMatch(/^category \/ code\s+label\s+terms\s+rules\s+examples\s+non-examples$/m);
    // relation: 6 nb terms + 5 en terms, 2 examples, 1 non-example.
    expect(run.stdout).toMatch(/^  relation\s+Relation\s+11\s+0\s+2\s+1$/m);
    expect(run.stdout).toContain("The importance of knowledge");
    const json = await kodebokInProcess(["codebook", "show", "fixtures/check/codebook.yaml", "--format", "json"]);
    expect((JSON.parse(json.stdout) as { codes: unknown[] }).codes).toHaveLength(6);
  });

  it("list names the bundled codebooks", async () => {
    const run = await kodebokInProcess(["codebook", "list", "--format", "json"]);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as { name: string; codes: number }[];
    expect(list.find((c) => c.name === "natland-2021")).toMatchObject({ codes: 6 });
    const text = await kodebokInProcess(["codebook", "list"]);
    expect(text.stdout).toMatch(/^natland-2021\s+/m);
  });
});
