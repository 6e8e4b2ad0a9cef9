import { describe, expect, it } from "vitest";
import { loadCodebook } from "../../src/codebook/load.ts";
import type { Coding } from "../../src/codings/coding.ts";
import { KodebokError } from "../../src/diagnostics/result.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { applyModel } from "../../src/learn/apply-model.ts";
import { modelCodebookHash } from "../../src/learn/codebook-identity.ts";
import { LearnedModelSchema } from "../../src/learn/model.ts";
import { crossValidateCoder, trainCoder } from "../../src/learn/train-coder.ts";
import { modelToJson } from "../../src/learn/write-model.ts";
import { DRINKS } from "./drinks.ts";

const LN3 = Math.log(3);

const codebook = await loadCodebook(DRINKS);

// Five notes say "kaffe" and are coded coffee, five say "te" and are coded tea; each note is its own
// group, so the folds of the thresholds are balanced.
const notes = [
  ...["k1", "k2", "k3", "k4", "k5"].map((id) => ({ id, text: "kaffe", language: "nb" as const })),
  ...["t1", "t2", "t3", "t4", "t5"].map((id) => ({ id, text: "te", language: "nb" as const })),
];
const codings: Coding[] = notes.map((n) => ({ note: n.id, coder: "anna", code: n.id.startsWith("k") ? "coffee" : "tea", polarity: "helpful" }));
const wordsOnly = { ngrams: 1, rules: false, language: false, attributes: [] };

describe("trainCoder()", () => {
  it("learns the hand-computed weights of a tiny training set", () => {
    // Features: w:kaff (0; the stem of "kaffe") and w:te (1). For coffee, 5(σ(b + w0) − 1) + λ w0 = 0 and
    // 5 σ(b + w1) + λ w1 = 0 with the bias gradient 5(σ(b + w0) − 1) + 5 σ(b + w1) = 0 give
    // w1 = −w0, b = 0, and with λ = 5/(4 ln 3): w0 = ln 3, so P(coffee | "kaffe") = 3/4.
    const model = trainCoder(notes, codings, { codebook, features: wordsOnly, l2: 5 / (4 * LN3), crossValidate: false });
    expect(model.features).toEqual(["w:kaff", "w:te"]);
    const coffee = model.codes.find((c) => c.code === "coffee")!;
    expect(coffee.notes).toBe(5);
    expect(coffee.regression.weights).toEqual([1.098612, -1.098612]); // ln 3, rounded to 6 decimals
    expect(coffee.regression.bias).toBe(0);
    expect(model.codes.find((c) => c.code === "tea")!.regression.weights).toEqual([-1.098612, 1.098612]);
    // Held out, each note is still on its side of 0.5: every threshold in between has kappa 1.
    expect(coffee.thresholds).toEqual({ model: 0.5, add: 0.5 });
    expect(model.codebook).toEqual({ id: "drinks", version: "1.0.0", hash: modelCodebookHash(codebook), codes: ["coffee", "tea"] });
    expect(model.training.notes).toBe(10);
    expect(model.training.coder).toBe("anna");
    expect(LearnedModelSchema.safeParse(model).success).toBe(true);
  });

  it("codes new notes with the learned codes, their probability and their evidence", () => {
    const model = trainCoder(notes, codings, { codebook, features: wordsOnly, l2: 5 / (4 * LN3), crossValidate: false });
    const [coded] = codeNotes([{ id: "n1", text: "Kaffe, takk", language: "nb" }], codebook, { model });
    expect(coded!.codes).toEqual([
      {
        code: "coffee",
        category: "drink",
        polarity: "helpful",
        evidence: [],
        learned: {
          probability: 0.75,
          threshold: 0.5,
          features: [{ feature: "w:kaff", weight: 1.098612 }],
          // cosine of {kaffe} and {kaffe}: 1 (ties by note id)
          similar: [{ note: "k1", similarity: 1 }, { note: "k2", similarity: 1 }, { note: "k3", similarity: 1 }],
        },
      },
    ]);
    // `rules` codes as without a model; `{ model: false }` too.
    expect(codeNotes([{ id: "n1", text: "Kaffe", language: "nb" }], codebook, { model, combine: "rules" })[0]!.codes).toEqual([]);
    expect(codeNotes([{ id: "n1", text: "Kaffe", language: "nb" }], codebook, { model: false })[0]!.codes).toEqual([]);
  });

  it("keeps the rules' hits in `both` and lets the model alone decide in `model`", () => {
    const model = trainCoder(notes, codings, { codebook, features: wordsOnly, l2: 5 / (4 * LN3), crossValidate: false });
    // "espresso" is a rule hit for coffee; "te" makes the model say coffee at P = 1/4 only.
    const note = { id: "n2", text: "espresso og te", language: "nb" as const };
    const both = codeNotes([note], codebook, { model, combine: "both" })[0]!;
    expect(both.codes.map((c) => [c.code, c.learned === undefined ? "rules" : "model"])).toEqual([["coffee", "rules"], ["tea", "model"]]);
    const byModel = codeNotes([note], codebook, { model, combine: "model" })[0]!;
    expect(byModel.codes.map((c) => c.code)).toEqual(["tea"]);
    expect(byModel.codes[0]!.learned!.probability).toBe(0.75);
  });

  it("gives the same model bytes for the same notes and codings, in any order", () => {
    const a = modelToJson(trainCoder(notes, codings, { codebook, learningCurve: false }));
    const b = modelToJson(trainCoder([...notes].reverse(), [...codings].reverse(), { codebook, learningCurve: false }));
    expect(b).toBe(a);
    expect(a).toContain('"format": "kodebok-model"');
  });

  it("refuses codings of notes it was not given, codes the codebook lacks, several coders and too few notes", () => {
    const fail = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as KodebokError).diagnostics.map((d) => `${d.code}: ${d.reason}`);
      }
      return [];
    };
    expect(fail(() => trainCoder(notes, [...codings, { note: "x9", coder: "anna", code: "tea" }], { codebook }))).toEqual([
      'coding-unknown-note: Cannot train a model: a coding names note "x9", which is not among the notes',
    ]);
    expect(fail(() => trainCoder(notes, [...codings, { note: "k1", coder: "anna", code: "milk" }], { codebook }))).toEqual([
      'coding-unknown-code: Cannot train a model: note "k1" is coded "milk", which codebook "drinks" does not define',
    ]);
    expect(fail(() => trainCoder(notes, [...codings, { note: "k1", coder: "bjørn", code: "tea" }], { codebook }))).toEqual([
      'agreement-ambiguous-coder: Cannot train a model: the codings hold 2 coders ("anna", "bjørn"); name the one to learn from',
    ]);
    expect(fail(() => trainCoder(notes.slice(0, 4), codings.slice(0, 4), { codebook }))).toEqual([
      "learn-too-few-notes: Cannot train a model: only 4 hand-coded notes; at least 10 are needed (a few hundred for useful figures)",
    ]);
    expect(fail(() => trainCoder(notes, codings, { codebook, l2: -1 }))).toEqual(['option-invalid: Cannot train a model: option "l2": Too small: expected number to be >0 (got -1)']);
  });
});

describe("crossValidateCoder()", () => {
  it("never puts one source in two folds, and tests each note on a model that did not see it", () => {
    // Three sources of alike notes: a fold's model that had seen a note's source would name a note
    // of it (even the note itself, similarity 1) among the most similar hand-coded notes.
    const many = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, text: "kaffe", source: "s1", language: "nb" as const })),
      ...Array.from({ length: 6 }, (_, i) => ({ id: `b${i}`, text: "te", source: "s2", language: "nb" as const })),
      ...Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, text: i < 3 ? "kaffe urte" : "te urte", source: "s3", language: "nb" as const })),
    ];
    const hand: Coding[] = many.map((n) => ({ note: n.id, coder: "anna", code: n.text.startsWith("kaffe") ? "coffee" : "tea" }));
    const { figures, heldOut } = crossValidateCoder(many, hand, { codebook, folds: 3, features: wordsOnly, learningCurve: false });
    const foldOf = new Map(heldOut.rules.map((c, i) => [c.note.id, heldOut.fold[i]!]));
    for (const source of ["s1", "s2", "s3"]) {
      const folds = new Set(many.filter((n) => n.source === source).map((n) => foldOf.get(n.id)));
      expect(folds.size).toBe(1);
    }
    expect(new Set(foldOf.values()).size).toBe(3);
    expect(figures.groups).toBe(3);
    // No learned evidence names a note of the held-out source.
    let named = 0;
    for (const coded of heldOut.model) {
      const source = many.find((n) => n.id === coded.note.id)!.source;
      for (const a of coded.codes) {
        for (const s of a.learned?.similar ?? []) {
          named++;
          expect(many.find((n) => n.id === s.note)!.source).not.toBe(source);
        }
      }
    }
    expect(named).toBeGreaterThan(0);
  });
});

describe("applyModel()", () => {
  it("refuses nothing itself but codeNotes refuses a model of another codebook", () => {
    const model = trainCoder(notes, codings, { codebook, crossValidate: false });
    const other = { ...codebook, codes: codebook.codes.slice(0, 1) };
    expect(() => codeNotes([{ id: "n", text: "kaffe" }], other, { model })).toThrow(/Cannot use model "model" with codebook "drinks": it was trained for another version of codebook "drinks"/);
    expect(applyModel(codeNotes([{ id: "n", text: "kaffe", language: "nb" }], codebook, { model: false })[0]!, model, codebook, "rules").codes).toEqual([]);
  });
});
