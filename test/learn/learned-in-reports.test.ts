// Learned codes are marked apart from rule codes in the roll-up, the reports, the tidy tables and
// the REFI-QDA export (a coder of their own, "kodebok-model").
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadCodebook } from "../../src/codebook/load.ts";
import type { Coding } from "../../src/codings/coding.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { trainCoder } from "../../src/learn/train-coder.ts";
import { buildProject, KODEBOK_MODEL_USER } from "../../src/refi-qda/to-qdpx.ts";
import { toCsv } from "../../src/report/csv.ts";
import { codedBundle } from "../../src/report/jupyter.ts";
import { toMarkdown } from "../../src/report/markdown.ts";
import { rollUp } from "../../src/rollup/roll-up.ts";
import { validate } from "../refi-qda/helpers.ts";
import { DRINKS } from "./drinks.ts";

const codebook = await loadCodebook(DRINKS);
// Five notes "kaffe" (coffee), five "te" (tea), three "vann" (no code).
const training = Array.from({ length: 13 }, (_, i) => ({ id: `h${String(i).padStart(2, "0")}`, text: i < 5 ? "kaffe" : i < 10 ? "te" : "vann", language: "nb" as const }));
const codings: Coding[] = training.slice(0, 10).map((n, i) => ({ note: n.id, coder: "anna", code: i < 5 ? "coffee" : "tea", polarity: "helpful" }));
const model = trainCoder(training, codings, { codebook, features: { ngrams: 1, rules: false, language: false, attributes: [] }, crossValidate: false });
const notes = [
  { id: "a", text: "En espresso, takk", seminar: "Byen", participant: "P1", language: "nb" as const },
  { id: "b", text: "Kaffe om morgenen", seminar: "Byen", participant: "P2", language: "nb" as const },
  { id: "c", text: "Vann", seminar: "Byen", participant: "P3", language: "nb" as const },
];
const coded = codeNotes(notes, codebook, { model });
const b = coded[1]!.codes[0]!.learned!;
const p = b.probability;

describe("learned codes in reports", () => {
  it("are counted apart in the roll-up, and their quotes carry the probability", () => {
    const summary = rollUp(coded, codebook, { model });
    const coffee = summary.categories[0]!.codes.find((c) => c.id === "coffee")!;
    // a: the rule found "espresso"; b: only the model ("kaffe", P = 3/4)
    expect(coffee).toMatchObject({ notes: 2, learned: 1 });
    expect(summary.categories[0]).toMatchObject({ notes: 2, learned: 1 });
    expect(coffee.quotes.map((q) => [q.note, q.probability])).toEqual([["a", undefined], ["b", p]]);
    expect(p).toBeGreaterThan(0.5);
    expect(summary.categories[0]!.codes.find((c) => c.id === "tea")).toMatchObject({ notes: 0, learned: 0 });
    expect(summary.model).toEqual({ trainingHash: model.training.hash, notes: 13, coder: "anna", kodebok: model.kodebok });
    const withoutModel = rollUp(codeNotes(notes, codebook, { model: false }), codebook);
    expect(withoutModel.categories[0]!.learned).toBeUndefined();
    expect(withoutModel.model).toBeUndefined();
  });

  it("get a column and a marked quote in the Markdown report", () => {
    const md = toMarkdown(rollUp(coded, codebook, { model }), { language: "nb" });
    expect(md).toContain("| Kategori / tema | Notater | Andel | Hjelpsomt | Hindring | Modell | Deltakere | Grupper | Seminarer |");
    expect(md).toContain("| Kaffe | 2 | 66,7 % | 2 | 0 | 1 | 2 | 0 | 1 |");
    expect(md).toContain(`> — Seminar Byen, deltaker P2 (hjelpsomt; modell, p = ${p.toFixed(2).replace(".", ",")})`);
    expect(md).toContain(`modell ${model.training.hash} (13 notater)`);
  });

  it("are coded_by model in the tidy CSV, with probability, features and similar notes", () => {
    const rows = parse(toCsv(coded), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.note, r.code, r.coded_by, r.probability, r.model_features, r.similar_notes])).toEqual([
      ["a", "coffee", "rules", "", "", ""],
      ["b", "coffee", "model", String(p), `w:kaff ${b.features[0]!.weight}`, "h00; h01; h02"],
      ["c", "", "", "", "", ""],
    ]);
  });

  it("are marked with their probability in a notebook's table of coded notes", () => {
    expect(codedBundle(coded)["text/plain"]).toBe(`a: coffee\nb: coffee (model ${p.toFixed(2)})\nc: -`);
    expect(codedBundle(coded)["text/html"]).toContain("<td>w:kaff</td>");
  });

  it("are coded by the user kodebok-model in a .qdpx project, valid against REFI-QDA's schema", () => {
    const { qde } = buildProject(coded, codebook);
    expect(qde).toContain(`name="${KODEBOK_MODEL_USER}"`);
    const modelGuid = /<User guid="([^"]+)" name="kodebok-model"\/>/u.exec(qde)![1]!;
    // One coding by the model, on note b's own selection (the whole note).
    const selection = /<PlainTextSelection [^>]*name="b"[^>]*>([\s\S]*?)<\/PlainTextSelection>/u.exec(qde)![1]!;
    expect(selection).toContain(`creatingUser="${modelGuid}"`);
    expect(selection).toContain(`Kaffe: helpful (model, p = ${p}; w:kaff)`);
    expect(qde.match(new RegExp(`<Coding [^>]*creatingUser="${modelGuid}"`, "gu"))).toHaveLength(1);
    expect(validate(qde, "Project.xsd")).toBe("valid");
    expect(buildProject(codeNotes(notes, codebook, { model: false }), codebook).qde).not.toContain(KODEBOK_MODEL_USER);
  });
});
