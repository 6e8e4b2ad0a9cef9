import { describe, expect, it } from "vitest";
import { CodebookSchema } from "../../src/codebook/codebook.ts";
import type { Coding } from "../../src/codings/coding.ts";
import { parseCodings } from "../../src/codings/parse-codings.ts";
import { KodebokError, unwrap } from "../../src/diagnostics/result.ts";
import type { CodedNote } from "../../src/match/coded-note.ts";
import { cohenKappa } from "../../src/agreement/cohen-kappa.ts";
import { codingsFromCodedNotes } from "../../src/agreement/codings-from-coded-notes.ts";
import { compareCodings, compareCodingsMany } from "../../src/agreement/compare-codings.ts";
import { categoryCounts, fleissKappa } from "../../src/agreement/fleiss-kappa.ts";
import { krippendorffAlpha } from "../../src/agreement/krippendorff-alpha.ts";

const codebook = CodebookSchema.parse({
  id: "mini",
  title: "Mini",
  languages: ["nb"],
  categories: [
    { id: "relational", label: "Relasjonelt" },
    { id: "knowledge", label: "Kunnskap" },
  ],
  codes: [
    { id: "time", category: "relational", label: "Tid", definition: "Tid og tilgjengelighet" },
    { id: "relation", category: "relational", label: "Relasjon", definition: "Å bli sett" },
    { id: "knowledge", category: "knowledge", label: "Kunnskap", definition: "Kompetanse" },
  ],
});

const ids = Array.from({ length: 10 }, (_, i) => `n${i + 1}`);
const codings = (coder: string, byNote: Record<string, string[]>): Coding[] =>
  Object.entries(byNote).flatMap(([note, codes]) => codes.map((code) => ({ note, coder, code })));

// Hand-built: "time" — anna on n1-n4, bjørn on n1-n3 and n5: both 3, only anna 1, only bjørn 1, neither 5.
const anna = codings("anna", {
  n1: ["time"], n2: ["time", "relation"], n3: ["time"], n4: ["time"], n5: ["knowledge"],
  n6: ["relation"], n7: ["knowledge"], n8: ["relation"], n9: ["knowledge"], n10: ["relation"],
});
const bjorn = codings("bjørn", {
  n1: ["time"], n2: ["time"], n3: ["time", "knowledge"], n5: ["time", "knowledge"],
  n4: ["relation"], n6: ["relation"], n7: ["knowledge"], n8: ["relation"], n9: ["knowledge"], n10: ["relation"],
});

const presence = (list: Coding[], code: string) => ids.map((n) => (list.some((c) => c.note === n && c.code === code) ? 1 : 0));

describe("compareCodings()", () => {
  const result = compareCodings(anna, bjorn, { codebook, interval: { samples: 300, seed: 5 } });

  it("gives per-code confusion counts, prevalence, percent agreement, kappa and alpha", () => {
    const time = result.codes.find((c) => c.code === "time")!;
    expect(time.confusion).toEqual({ both: 3, onlyA: 1, onlyB: 1, neither: 5 });
    expect(time.applied).toEqual({ anna: 4, bjørn: 4 });
    expect(time.prevalence).toEqual({ anna: 0.4, bjørn: 0.4 });
    expect(time.percentAgreement).toBeCloseTo(0.8, 12);
    // po = 0.8, pe = 0.4·0.4 + 0.6·0.6 = 0.52: κ = 0.28/0.48.
    expect(time.kappa).toBeCloseTo(0.28 / 0.48, 12);
    // n = 20 values, n_1 = 8, n_0 = 12, o_01 + o_10 = 4: α = 1 − 19·4/(2·8·12).
    expect(time.alpha).toBeCloseTo(1 - (19 * 4) / 192, 12);
    expect(time.category).toBe("relational");
  });
  it("agrees with cohenKappa() and krippendorffAlpha() on the same decisions", () => {
    for (const code of ["time", "relation", "knowledge"]) {
      const a = presence(anna, code);
      const b = presence(bjorn, code);
      const c = result.codes.find((x) => x.code === code)!;
      expect(c.kappa).toBeCloseTo(cohenKappa(a, b).value, 12);
      expect(c.alpha).toBeCloseTo(krippendorffAlpha([a, b]).value, 12);
    }
  });
  it("lists the disagreeing notes with each coder's codes", () => {
    const time = result.codes.find((c) => c.code === "time")!;
    expect(time.disagreements).toEqual([
      { note: "n4", present: ["anna"], codes: { anna: ["time"], bjørn: ["relation"] } },
      { note: "n5", present: ["bjørn"], codes: { anna: ["knowledge"], bjørn: ["knowledge", "time"] } },
    ]);
  });
  it("reports categories: a note has a category when any of its codes belongs to it", () => {
    expect(result.categories.map((c) => c.category)).toEqual(["relational", "knowledge"]);
    const relational = result.categories[0]!;
    expect(relational.codes).toEqual(["time", "relation"]);
    // anna: relational on n1-n4, n6, n8, n10; bjørn on n1-n6, n8, n10 → only bjørn on n5.
    expect(relational.confusion).toEqual({ both: 7, onlyA: 0, onlyB: 1, neither: 2 });
  });
  it("pools all note × code decisions for the overall figure", () => {
    const a = ["time", "relation", "knowledge"].flatMap((c) => presence(anna, c));
    const b = ["time", "relation", "knowledge"].flatMap((c) => presence(bjorn, c));
    expect(result.overall.units).toBe(30);
    expect(result.overall.codes).toBe(3);
    expect(result.overall.kappa).toBeCloseTo(cohenKappa(a, b).value, 12);
    expect(result.overall.alpha).toBeCloseTo(krippendorffAlpha([a, b]).value, 12);
    expect(result.overall.kappaInterval!.lower).toBeLessThanOrEqual(result.overall.kappa);
    expect(result.overall.kappaInterval!.upper).toBeGreaterThanOrEqual(result.overall.kappa);
  });
  it("gives the same intervals for the same seed", () => {
    const again = compareCodings(anna, bjorn, { codebook, interval: { samples: 300, seed: 5 } });
    expect(again.overall.alphaInterval).toEqual(result.overall.alphaInterval);
    expect(again.codes[0]!.kappaInterval).toEqual(result.codes[0]!.kappaInterval);
  });
  it("reports notes seen by one side only instead of counting them", () => {
    const extra = [...anna, { note: "n11", coder: "anna", code: "time" }];
    const r = compareCodings(extra, bjorn, { codebook, interval: false });
    expect(r.universe.notes).toHaveLength(10);
    expect(r.oneSided).toEqual([{ note: "n11", seenBy: ["anna"] }]);
    expect(r.diagnostics.find((d) => d.code === "agreement-one-sided")?.reason).toBe(
      '1 note was seen by only some coders and is left out of the comparison: "n11"',
    );
    expect(r.codes[0]!.confusion).toEqual({ both: 3, onlyA: 1, onlyB: 1, neither: 5 });
  });
  it("counts a note no one coded as agreement on absence when the universe is explicit", () => {
    const r = compareCodings(anna, bjorn, { codebook, universe: [...ids, "n11"], interval: false });
    expect(r.universe.mode).toBe("explicit");
    expect(r.codes[0]!.confusion).toEqual({ both: 3, onlyA: 1, onlyB: 1, neither: 6 });
  });
  it("answers a code no coder used with NaN and a diagnostic", () => {
    const r = compareCodings(anna, bjorn, { codes: ["time", "choice"], interval: false });
    const choice = r.codes.find((c) => c.code === "choice")!;
    expect(choice.kappa).toBeNaN();
    expect(choice.alpha).toBeNaN();
    expect(choice.percentAgreement).toBe(1);
    expect(choice.diagnostics.map((d) => d.reason)).toEqual([
      'Code "choice": kappa and alpha are undefined: no coder applied it to any of the 10 units',
    ]);
  });
  it("answers coders with no note in common with NaN and diagnostics, not a crash", () => {
    const other = codings("eva", { n20: ["time"], n21: [] , n22: ["relation"] });
    const r = compareCodings(anna, other, { codebook, interval: true });
    expect(r.universe.notes).toEqual([]);
    expect(r.oneSided).toHaveLength(12);
    expect(r.overall.kappa).toBeNaN();
    expect(r.overall.alpha).toBeNaN();
    expect(r.overall.percentAgreement).toBeNaN();
    expect(r.overall.kappaInterval).toBeUndefined();
    expect(r.overall.diagnostics.map((d) => d.code)).toEqual(["agreement-no-pairable-units"]);
  });
  it("takes one coder from an input with several, and refuses to guess", () => {
    const both = [...anna, ...bjorn];
    const r = compareCodings(both, both, { coders: ["anna", "bjørn"], interval: false });
    const time = (x: typeof r) => x.codes.find((c) => c.code === "time")!.kappa;
    expect(time(r)).toBeCloseTo(time(result), 12);
    expect(() => compareCodings(both, bjorn)).toThrow(KodebokError);
    expect(() => compareCodings(both, bjorn)).toThrow(/input 1 holds 2 coders \("anna", "bjørn"\)/);
    expect(() => compareCodings(anna, bjorn, { coders: ["eva"] })).toThrow(/coder "eva" does not occur in input 1/);
  });
  it("compares kodebok's coded notes with a human coder, with the notes' texts", () => {
    const note = (id: string, text: string) => ({ id, text });
    const evidence = [{ rule: "time.1", term: "tid", start: 0, end: 3, text: "tid", polarity: "helpful" as const }];
    const coded: CodedNote[] = [
      { note: note("n1", "Hun tok seg tid"), language: "nb", codes: [{ code: "time", category: "relational", polarity: "helpful", evidence }] },
      { note: note("n2", "Ble møtt med respekt"), language: "nb", codes: [] },
      { note: note("n3", "Visste hvor jeg skulle gå"), language: "nb", codes: [{ code: "knowledge", category: "knowledge", polarity: "helpful", evidence }] },
    ];
    expect(codingsFromCodedNotes(coded)).toEqual([
      { note: "n1", coder: "kodebok", code: "time", polarity: "helpful" },
      { note: "n3", coder: "kodebok", code: "knowledge", polarity: "helpful" },
    ]);
    const human = unwrap(parseCodings("note_id,coder,code\nn1,anna,time\nn2,anna,relation\nn3,anna,\n", { codebook }));
    const r = compareCodings(human, coded, { codebook, interval: false });
    expect(r.coders).toEqual(["anna", "kodebok"]);
    // kodebok saw n2 (no codes), anna saw n3 (no codes): all three notes are shared.
    expect(r.universe.notes).toEqual(["n1", "n2", "n3"]);
    const relation = r.codes.find((c) => c.code === "relation")!;
    expect(relation.disagreements).toEqual([
      { note: "n2", text: "Ble møtt med respekt", present: ["anna"], codes: { anna: ["relation"], kodebok: [] } },
    ]);
  });
});

describe("compareCodingsMany()", () => {
  const eva = codings("eva", {
    n1: ["time"], n2: ["time"], n3: ["time"], n4: ["time"], n5: ["time"],
    n6: ["relation"], n7: ["knowledge"], n8: [], n9: ["knowledge"], n10: ["relation"],
  });
  it("gives Fleiss' kappa and Krippendorff's alpha per code for three coders", () => {
    // eva left n8 uncoded; as bare codings that means she did not see it, so n8 is one-sided...
    const shared = compareCodingsMany([anna, bjorn, eva], { codebook, interval: false });
    expect(shared.oneSided).toEqual([{ note: "n8", seenBy: ["anna", "bjørn"] }]);
    expect(shared.universe.notes).toHaveLength(9);
    // ...unless the universe says all ten notes were coded by everyone.
    const r = compareCodingsMany([anna, bjorn, eva], { codebook, universe: ids, interval: false });
    expect(r.kappa).toBe("fleiss");
    expect(r.coders).toEqual(["anna", "bjørn", "eva"]);
    const data = [anna, bjorn, eva].map((c) => presence(c, "time"));
    const time = r.codes.find((c) => c.code === "time")!;
    expect(time.kappa).toBeCloseTo(fleissKappa(categoryCounts(data, [0, 1]).counts).value, 12);
    expect(time.alpha).toBeCloseTo(krippendorffAlpha(data).value, 12);
    expect(time.confusion).toBeUndefined();
  });
  it("compares every coder of one loaded file", () => {
    const loaded = unwrap(parseCodings("note_id,anna,bjørn,eva\nn1,time,time,time\nn2,time,,time\nn3,,,relation\n", { codebook }));
    const r = compareCodingsMany([loaded], { codebook, interval: false });
    expect(r.coders).toEqual(["anna", "bjørn", "eva"]);
    expect(r.codes.find((c) => c.code === "time")!.percentAgreement).toBeCloseTo(2 / 3, 12);
  });
});
