// Deno smoke test of learned coding from the same source (run: deno test --allow-read --allow-env test/deno/).
import assert from "node:assert/strict";
import { codeNotes, loadCodebook, modelToJson, parseModel, trainCoder } from "../../src/index.ts";

Deno.test("trainCoder() learns the hand-computed weights under Deno, and the model codes and reads back", async () => {
  const codebook = await loadCodebook({
    id: "drinks", title: "Drinks", languages: ["nb"], categories: [{ id: "drink", label: "Drinks" }],
    codes: [
      { id: "coffee", category: "drink", label: "Coffee", definition: "Coffee", terms: { nb: ["espresso"] } },
      { id: "tea", category: "drink", label: "Tea", definition: "Tea", terms: { nb: ["rooibos"] } },
    ],
  });
  const notes = Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, text: i < 5 ? "kaffe" : "te", language: "nb" as const }));
  const codings = notes.map((n, i) => ({ note: n.id, coder: "anna", code: i < 5 ? "coffee" : "tea" }));
  // With λ = 5/(4 ln 3) the optimum is w(kaffe) = ln 3, w(te) = -ln 3, b = 0 (see test/learn/train-coder.test.ts).
  const model = trainCoder(notes, codings, { codebook, features: { ngrams: 1, rules: false, language: false, attributes: [] }, l2: 5 / (4 * Math.log(3)), crossValidate: false });
  assert.deepEqual(model.codes[0]!.regression.weights, [1.098612, -1.098612]);
  const [coded] = codeNotes([{ id: "x", text: "kaffe", language: "nb" }], codebook, { model });
  assert.deepEqual(coded!.codes.map((c) => [c.code, c.learned?.probability]), [["coffee", 0.75]]);
  const text = modelToJson(model);
  const back = parseModel(text, { file: "model.json", codebook });
  assert.ok(back.ok);
  assert.equal(modelToJson(back.value), text);
});
