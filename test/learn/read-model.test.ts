import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCodebook, readCodebook } from "../../src/codebook/load.ts";
import { parseCodebook } from "../../src/codebook/parse.ts";
import type { Coding } from "../../src/codings/coding.ts";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { parseModel, readModel } from "../../src/learn/read-model.ts";
import { trainCoder } from "../../src/learn/train-coder.ts";
import { modelToJson } from "../../src/learn/write-model.ts";
import { DRINKS } from "./drinks.ts";

const codebook = await loadCodebook(DRINKS);
const notes = Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, text: i < 5 ? "kaffe" : "te", language: "nb" as const }));
const codings: Coding[] = notes.map((n, i) => ({ note: n.id, coder: "anna", code: i < 5 ? "coffee" : "tea" }));
const model = trainCoder(notes, codings, { codebook, features: { ngrams: 1, rules: false, language: false, attributes: [] }, crossValidate: false });
const text = modelToJson(model);
const lines = text.split("\n");
/** The 1-based line and column of the value of the first `"key": ` in the model file's text. */
const at = (key: string): string => {
  const i = lines.findIndex((l) => l.includes(`"${key}": `));
  return `${i + 1}:${lines[i]!.indexOf(`"${key}": `) + key.length + 5}`;
};
const messages = (t: string, options: Parameters<typeof parseModel>[1] = {}) => {
  const r = parseModel(t, { file: "model.json", ...options });
  return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
};

describe("parseModel()", () => {
  it("reads back the model it was written from", () => {
    const r = parseModel(text, { file: "model.json", codebook });
    expect(r.ok && r.value).toEqual(model);
  });

  it("locates a corrupted (truncated) model file at its end", () => {
    const cut = text.slice(0, text.indexOf('"examples"') - 4);
    const last = cut.split("\n");
    expect(cut.endsWith(`"polarity": null`)).toBe(true);
    expect(messages(cut)).toEqual([`model.json:${last.length}:${last.at(-1)!.length + 1}: Cannot load model "model.json": expected ',' or '}' after property value [json-parse-error]`]);
    expect(messages("{\n  \"format\": [")).toEqual([`model.json:2:14: Cannot load model "model.json": unexpected end of JSON input [json-parse-error]`]);
    expect(messages(text.slice(0, 30))).toEqual(['model.json:2:29: Cannot load model "model.json": expected double-quoted property name [json-parse-error]']);
  });

  it("locates a value that does not match the schema", () => {
    const bad = text.replace('"bias": 0,', '"bias": "zero",');
    const line = lines.findIndex((l) => l.includes('"bias": 0,'));
    expect(messages(bad)).toEqual([`model.json:${line + 1}:${lines[line]!.indexOf("0,") + 1}: Cannot load model "model.json": "codes.0.regression.bias": Invalid input: expected number, received string [model-invalid]`]);
  });

  it("locates a classifier whose weights do not match the features", () => {
    const weights = lines.find((l) => l.includes('"weights": ['))!;
    const bad = text.replace(weights, weights.replace(/\[[^,]*, /u, "["));
    expect(messages(bad)).toEqual([`model.json:${at("weights")}: Cannot load model "model.json": "codes.0.regression.weights": has 1 weights, but the model has 2 features [model-invalid]`]);
  });

  it("refuses a file that is not a model", () => {
    expect(messages('{\n  "id": "natland-2021"\n}\n')).toEqual(['model.json:1:1: Cannot load model "model.json": it is not a kodebok model (no "format": "kodebok-model") [model-invalid]']);
  });

  it("refuses a model trained for another codebook, at its codebook hash", () => {
    const other = { ...codebook, id: "snacks" };
    expect(messages(text, { codebook: other })).toEqual([
      `model.json:${at("hash")}: Cannot use model "model.json" with codebook "snacks": it was trained for codebook "drinks" 1.0.0, not for "snacks" (field "codebook.hash") [model-codebook-mismatch]`,
    ]);
    const revised = { ...codebook, codes: [codebook.codes[0]!, { ...codebook.codes[1]!, terms: { nb: ["rooibos", "chai"] } }] };
    expect(messages(text, { codebook: revised })).toEqual([
      `model.json:${at("hash")}: Cannot use model "model.json" with codebook "drinks": it was trained for another version of codebook "drinks" (its codes, rules or cues have changed since) (field "codebook.hash") [model-codebook-mismatch]`,
    ]);
  });

  it("refuses a model with a classifier for a code the codebook does not define", () => {
    const codesAt = lines.findIndex((l) => l.startsWith('  "codes": ['));
    const teaLine = lines.findIndex((l, i) => i > codesAt && l.includes('"code": "tea"'));
    const bad = lines.map((l, i) => (i === teaLine ? l.replace('"tea"', '"milk"') : l)).join("\n");
    expect(messages(bad, { codebook })).toEqual([
      `model.json:${teaLine + 1}:${lines[teaLine]!.indexOf('"tea"') + 1}: Cannot use model "model.json": it has a classifier for code "milk", which codebook "drinks" does not define (field "codes.1.code") [model-unknown-code]`,
    ]);
  });
});

describe("a codebook's own model", () => {
  const dir = mkdtempSync(join(tmpdir(), "kodebok-model-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // DRINKS (./drinks.ts) as a YAML file naming its model; `extra` changes the tea rule.
  const yaml = (extra: string) =>
    `id: drinks\ntitle: Drinker\nversion: 1.0.0\nlanguages: [nb]\ncategories:\n  - {id: drink, label: Drikke}\ncodes:\n  - {id: coffee, category: drink, label: Kaffe, definition: Kaffe, terms: {nb: [espresso]}}\n  - {id: tea, category: drink, label: Te, definition: Te, terms: {nb: [${extra}]}}\nmodel: drinks.model.json\n`;
  writeFileSync(join(dir, "drinks.model.json"), text);

  it("is read beside the codebook and used by codeNotes unless { model: false }", async () => {
    writeFileSync(join(dir, "drinks.yaml"), yaml("rooibos"));
    const r = await readCodebook(join(dir, "drinks.yaml"));
    expect(r.ok).toBe(true);
    const withModel = r.ok ? r.value : codebook;
    expect(typeof withModel.model).toBe("object");
    expect(codeNotes([{ id: "x", text: "kaffe", language: "nb" }], withModel)[0]!.codes.map((c) => c.code)).toEqual(["coffee"]);
    expect(codeNotes([{ id: "x", text: "kaffe", language: "nb" }], withModel, { model: false })[0]!.codes).toEqual([]);
  });

  it("is refused, located in the model file, when the codebook has changed since", async () => {
    writeFileSync(join(dir, "changed.yaml"), yaml("rooibos, chai"));
    const r = await readCodebook(join(dir, "changed.yaml"));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `${join(dir, "drinks.model.json")}:${at("hash")}: Cannot use model "${join(dir, "drinks.model.json")}" with codebook "drinks": it was trained for another version of codebook "drinks" (its codes, rules or cues have changed since) (field "codebook.hash") [model-codebook-mismatch]`,
    ]);
  });

  it("that was never read (a codebook parsed from text) stops codeNotes with a clear message", () => {
    const parsed = parseCodebook(yaml("rooibos"));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(() => codeNotes([{ id: "x", text: "kaffe" }], parsed.value)).toThrow('Cannot code notes with codebook "drinks": it names the model file "drinks.model.json", which was not read [model-not-loaded]');
    expect(codeNotes([{ id: "x", text: "kaffe" }], parsed.value, { model: false })[0]!.codes).toEqual([]);
  });

  it("readModel() reports a missing file", async () => {
    const r = await readModel(join(dir, "missing.json"));
    expect(r.ok ? [] : r.diagnostics.map(formatDiagnostic)).toEqual([`${join(dir, "missing.json")}: Cannot load model "${join(dir, "missing.json")}": the file does not exist [file-not-found]`]);
  });
});
