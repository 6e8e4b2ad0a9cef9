import { describe, expect, it } from "vitest";
import { loadGold } from "../../bench/gold.mjs";
import { loadCodebook } from "../../src/codebook/load.ts";
import { codeNotes, codeNotesStream } from "../../src/match/code-notes.ts";
import { tallyCodes } from "../../src/match/tally-codes.ts";
import { featureIndex, featureIndices, noteFeatures } from "../../src/learn/features.ts";
import { featureRow, vocabulary } from "../../src/learn/fit-coder.ts";
import { suggestNotes } from "../../src/learn/suggest.ts";
import { trainCoder } from "../../src/learn/train-coder.ts";
import { unwrap } from "../../src/diagnostics/result.ts";
import { readCodings } from "../../src/codings/read-codings.ts";
import { join } from "node:path";

const { notes, dir } = loadGold();
const codebook = await loadCodebook("natland-2021", { model: false });
const byRules = codeNotes(notes, codebook, { model: false });

describe("noteFeatures()", () => {
  it("gives stems, word pairs, rule hits, language and kind", () => {
    const [coded] = codeNotes([{ id: "n", text: "Hun tok seg god tid", language: "nb", attributes: { kind: "postit" } }], codebook, { model: false });
    const features = noteFeatures(coded!, { ngrams: 2, rules: true, language: true, attributes: ["kind"] });
    expect(features.filter((f) => f.startsWith("w:"))).toEqual(["w:god", "w:hun", "w:seg", "w:tid", "w:tok"]);
    expect(features.filter((f) => f.startsWith("w2:"))).toEqual(["w2:god tid", "w2:hun tok", "w2:seg god", "w2:tok seg"]);
    expect(features).toContain("code:time");
    expect(features).toContain("code:time:helpful");
    expect(features.some((f) => f.startsWith("rule:time."))).toBe(true);
    expect(features).toContain("lang:nb");
    expect(features).toContain("attr:kind=postit");
  });
});

describe("featureIndices()", () => {
  for (const [ngrams, minCount] of [[1, 1], [2, 1], [2, 2], [3, 1], [3, 3]] as const) {
    it(`finds exactly the features noteFeatures names, on the gold notes (n-grams ${ngrams}, min count ${minCount})`, () => {
      const settings = { ngrams, rules: true, language: true, attributes: ["kind"] };
      const lists = byRules.map((c) => noteFeatures(c, settings));
      const { features, index } = vocabulary(lists, minCount);
      const fast = featureIndex(features);
      expect(fast.closed).toBe(true);
      for (let i = 0; i < byRules.length; i++) expect(featureIndices(byRules[i]!, settings, fast)).toEqual(featureRow(lists[i]!, index));
    });
  }

  it("looks every name up when pairs are not made of known words (a vocabulary not cut by frequency)", () => {
    const settings = { ngrams: 2, rules: false, language: false, attributes: [] };
    const features = ["w2:tok seg", "w:tid"];
    const index = featureIndex(features);
    expect(index.closed).toBe(false);
    const [coded] = codeNotes([{ id: "n", text: "Hun tok seg tid", language: "nb" }], codebook, { model: false });
    expect(featureIndices(coded!, settings, index)).toEqual([0, 1]);
  });
});

describe("a model trained on the gold", async () => {
  const codings = unwrap(await readCodings(join(dir, "codings.csv")));
  const model = trainCoder(notes.slice(0, 300), { ...codings, seen: codings.seen.map((s) => ({ ...s, notes: s.notes.filter((id) => notes.slice(0, 300).some((n: { id: string }) => n.id === id)) })), codings: codings.codings.filter((c) => notes.slice(0, 300).some((n: { id: string }) => n.id === c.note)) }, { codebook, coder: "gold", crossValidate: false });
  const rest = notes.slice(300);

  it("codes the same with codeNotesStream, and tallyCodes counts what codeNotes codes", async () => {
    const direct = codeNotes(rest, codebook, { model });
    // (With worker threads: test/match/parallel.test.ts.)
    const inProcess = [];
    for await (const c of codeNotesStream(rest, codebook, { model })) inProcess.push(c);
    expect(inProcess).toEqual(direct);
    expect(direct.some((c) => c.codes.some((a) => a.learned !== undefined))).toBe(true);
    const tallies = await tallyCodes(rest, codebook, { model });
    for (const t of tallies.codes) expect(t.notes).toBe(direct.filter((c) => c.codes.some((a) => a.code === t.code)).length);
    const rulesOnly = await tallyCodes(rest, codebook);
    expect(rulesOnly.codes.map((t) => t.notes)).not.toEqual(tallies.codes.map((t) => t.notes));
  });

  it("suggests the notes whose probability lies nearest a threshold, never a training note", () => {
    const suggestions = suggestNotes(notes, codebook, model, { count: 10 });
    expect(suggestions).toHaveLength(10);
    expect(suggestions.some((s) => model.examples.some((e) => e.note === s.note.id))).toBe(false);
    const margins = suggestions.map((s) => s.margin);
    expect([...margins].sort((a, b) => a - b)).toEqual(margins);
    const logit = (p: number) => Math.log(p / (1 - p));
    for (const s of suggestions) expect(s.margin).toBeCloseTo(Math.abs(logit(s.probability) - logit(s.threshold)), 9);
    // No other note is less sure than the tenth.
    const all = suggestNotes(notes, codebook, model, { count: 1000 });
    expect(all.slice(0, 10)).toEqual(suggestions);
    expect(all.length).toBe(notes.length - 300);
  });
});
