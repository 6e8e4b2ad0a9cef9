import { describe, expect, it } from "vitest";
import { defaultFoldGroup, splitFolds } from "../../src/index.ts";

const note = (id: string, extra: Record<string, string> = {}) => ({ id, text: "x", ...extra });

describe("splitFolds()", () => {
  it("never puts one seminar or source in two folds, and balances the folds largest group first", () => {
    const notes = [
      ...["a1", "a2", "a3", "a4"].map((id) => note(id, { seminar: "A" })),
      ...["b1", "b2", "b3"].map((id) => note(id, { seminar: "B" })),
      ...["c1", "c2"].map((id) => note(id, { source: "intervju-1" })),
      note("d1", { source: "rapport" }),
      note("e1"),
    ];
    const folds = splitFolds(notes, { k: 3 });
    // Groups by size: A(4) -> fold 0, B(3) -> fold 1, intervju-1(2) -> fold 2, then the two
    // one-note groups, by key: "note:e1" < "source:rapport", each to the lightest fold (2, then 1 or 2).
    expect(folds.groups).toEqual([
      { key: "seminar:A", fold: 0, size: 4 },
      { key: "seminar:B", fold: 1, size: 3 },
      { key: "source:intervju-1", fold: 2, size: 2 },
      { key: "note:e1", fold: 2, size: 1 },
      { key: "source:rapport", fold: 1, size: 1 },
    ]);
    expect(folds.fold).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 2]);
  });

  it("takes the caller's grouping and refuses a k below 2", () => {
    const notes = ["s1", "s2", "s3", "s4"].map((id) => note(id, { source: "survey" }));
    const folds = splitFolds(notes, { k: 2, groupOf: (_, i) => `block${Math.floor(i / 2)}` });
    expect(folds.fold).toEqual([0, 0, 1, 1]);
    expect(() => splitFolds(notes, { k: 1 })).toThrow(/k must be a whole number >= 2, not 1/);
  });

  it("groups by seminar before source", () => {
    expect(defaultFoldGroup(note("n", { seminar: "S", source: "x" }))).toBe("seminar:S");
    expect(defaultFoldGroup(note("n", { source: "x" }))).toBe("source:x");
  });
});
