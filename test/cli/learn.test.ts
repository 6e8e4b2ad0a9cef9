import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { LearnedModelSchema } from "../../src/learn/model.ts";
import { kodebok } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kodebok-learn-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "drinks.yaml"), `id: drinks
title: Drinks
languages: [nb]
categories:
  - {id: drink, label: Drikke}
codes:
  - {id: coffee, category: drink, label: Kaffe, definition: Kaffe, terms: {nb: [espresso]}}
  - {id: tea, category: drink, label: Te, definition: Te, terms: {nb: [rooibos]}}
`);
// Three seminars; "kaffe" is coffee, "te" is tea, "vann" is neither (the rules know none of the words).
const rows = ["id;text;seminar;codes:anna"];
for (const seminar of ["A", "B", "C"]) {
  for (let i = 0; i < 6; i++) {
    const [text, code] = [["Kaffe om morgenen", "coffee"], ["En kopp te", "tea"], ["Et glass vann", ""]][i % 3]!;
    rows.push(`${seminar}${i};${text} ${i};${seminar};${code}`);
  }
}
writeFileSync(join(dir, "notes.csv"), `${rows.join("\n")}\n`);
writeFileSync(join(dir, "new.csv"), "id;text\nn1;Kaffe om morgenen i dag\nn2;En kopp te i dag\nn3;Et glass vann i dag\n");
const run = (args: string[]) => kodebok(args, { cwd: dir });

describe("kodebok learn", () => {
  it("trains on the notes' own codes:<coder> column, prints the cross-validated figures and writes the model", async () => {
    const r = await run(["learn", "notes.csv", "--codebook", "drinks.yaml", "--out", "model.json", "--no-learning-curve"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Trained on 18 hand-coded notes (coder anna): 2 of 2 codes");
    expect(r.stdout).toContain("Cross-validated: 3 folds by seminar or source (3 groups, 18 notes)");
    expect(r.stdout).toMatch(/^code\s+notes\s+rules κ\s+prec\s+recall\s+model κ\s+prec\s+recall\s+both κ\s+prec\s+recall$/m);
    // The rules find nothing; the model, trained on two seminars, codes the third right.
    expect(r.stdout).toMatch(/^coffee\s+6\s+0\.00\s+-\s+0\.00\s+1\.00\s+1\.00\s+1\.00\s+1\.00\s+1\.00\s+1\.00$/m);
    expect(r.stdout).toContain("Wrote model.json");
    const model = LearnedModelSchema.parse(JSON.parse(readFileSync(join(dir, "model.json"), "utf8")));
    expect(model.training).toMatchObject({ notes: 18, coder: "anna" });
    expect(model.crossValidation?.k).toBe(3);
  });

  it("--cv without --out cross-validates only, and --format json prints the figures", async () => {
    const r = await run(["learn", "notes.csv", "--codebook", "drinks.yaml", "--cv", "2", "--no-learning-curve", "--format", "json"]);
    expect(r.code).toBe(0);
    const figures = JSON.parse(r.stdout) as { k: number; groups: number; meanKappa: { rules: number | null } };
    expect(figures.k).toBe(2);
    expect(figures.groups).toBe(3);
    expect(figures.meanKappa.rules).toBe(0);
  });

  it("refuses notes without hand codings, and codings of a code the codebook lacks", async () => {
    const none = await run(["learn", "new.csv", "--codebook", "drinks.yaml"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("The notes hold no hand codings: give --codings, or codes:<coder> columns in the notes file");
    writeFileSync(join(dir, "bad-codings.csv"), "note_id,coder,code\nA0,anna,milk\n");
    const bad = await run(["learn", "notes.csv", "--codebook", "drinks.yaml", "--codings", "bad-codings.csv"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^bad-codings\.csv:2:\d+: .*"milk".*\[coding-unknown-code\]$/m);
  });
});

describe("kodebok code --model and kodebok suggest", () => {
  it("codes with the model, the model's codes counted apart", async () => {
    if (!existsSync(join(dir, "model.json"))) await run(["learn", "notes.csv", "--codebook", "drinks.yaml", "--out", "model.json", "--no-learning-curve"]);
    const r = await run(["code", "new.csv", "--codebook", "drinks.yaml", "--model", "model.json", "--language", "nb"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Category \/ theme\s+Notes\s+Participants\s+Groups\s+Seminars\s+Share\s+Helpful\s+Barrier\s+Model$/m);
    expect(r.stdout).toMatch(/^  Kaffe\s+1\s+0\s+0\s+0\s+33\.3%\s+1\s+0\s+1$/m);
    expect(r.stdout).toContain("[model, p = ");
    const rules = await run(["code", "new.csv", "--codebook", "drinks.yaml", "--model", "model.json", "--combine", "rules", "--language", "nb"]);
    expect(rules.stdout).toContain("0 coded, 3 uncoded");
  });

  it("refuses a model trained for another codebook, located in the model file", async () => {
    const r = await run(["code", "new.csv", "--model", "model.json"]);
    expect(r.code).toBe(2);
    const lines = readFileSync(join(dir, "model.json"), "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes('"hash": ')) + 1;
    expect(r.stderr).toContain(`model.json:${line}:13: Cannot use model "model.json" with codebook "natland-2021": it was trained for codebook "drinks", not for "natland-2021" (field "codebook.hash") [model-codebook-mismatch]`);
  });

  it("suggest writes the notes to code next as a CSV with an empty codes:<coder> column", async () => {
    const r = await run(["suggest", "new.csv", "--codebook", "drinks.yaml", "--model", "model.json", "--count", "2"]);
    expect(r.code).toBe(0);
    const records = parse(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(["id", "text", "seminar", "group", "participant", "question", "source", "language", "unsure_code", "probability", "threshold", "model_codes", "codes:anna"]);
    expect(records).toHaveLength(2);
    expect(records.every((x) => x["codes:anna"] === "")).toBe(true);
  });
});
