import { describe, expect, it } from "vitest";
import { codeMatrix, MISSING_VALUE } from "../../src/rollup/code-matrix.ts";
import { cooccurrence } from "../../src/rollup/cooccurrence.ts";
import { coded } from "../report/sample.ts";

describe("codeMatrix()", () => {
  it("counts notes per code and seminar, with polarity and shares", () => {
    const m = codeMatrix(coded, "seminar", { codes: ["relation", "time", "choice"] });
    expect(m.values).toEqual(["Byen", "Bygda"]); // e before g
    expect(m.totals).toEqual([7, 6]);
    // relation: Byen b1, b3 (barrier), b6; Bygda r2. time: Byen b1, b2, b6 (barrier); Bygda r3 (barrier), r4, r6.
    expect(m.counts).toEqual([[3, 1], [3, 3], [0, 1]]);
    expect(m.cells.find((c) => c.code === "time" && c.value === "Byen")).toEqual({
      code: "time", value: "Byen", notes: 3, helpful: 2, barrier: 1, share: 3 / 7,
    });
  });
  it("qualifies groups by seminar and sorts numbers numerically", () => {
    const m = codeMatrix(coded, "group");
    expect(m.values).toEqual(["Byen / 1", "Byen / 2", "Bygda / 1", "Bygda / 2"]);
    expect(m.codes).toEqual(["choice", "knowledge", "knowledge_sharing", "reciprocity", "relation", "time"]);
  });
  it("splits by question, an attribute key, or a function; missing values get their own column", () => {
    expect(codeMatrix(coded, "question", { codes: ["time"] }).counts).toEqual([[3, 3]]); // q1: b1 b2 r6, q2: b6 r3 r4
    const byAttr = codeMatrix(coded, "kommune", { codes: ["time"] });
    expect(byAttr.values).toEqual([MISSING_VALUE]);
    const byLang = codeMatrix(coded, (n) => n.language ?? "nb", { codes: ["time"] });
    expect(byLang.values).toEqual(["en", "nb"]);
    expect(byLang.counts).toEqual([[1, 5]]);
  });
});

describe("cooccurrence()", () => {
  it("counts notes with both codes, the diagonal being notes with the code", () => {
    const c = cooccurrence(coded, { codes: ["relation", "reciprocity", "time"] });
    expect(c.counts).toEqual([
      [4, 2, 2],
      [2, 2, 1],
      [2, 1, 6],
    ]);
    expect(c.pairs).toEqual([
      { a: "relation", b: "reciprocity", notes: 2, jaccard: 2 / 4 },
      { a: "relation", b: "time", notes: 2, jaccard: 2 / 8 },
      { a: "reciprocity", b: "time", notes: 1, jaccard: 1 / 7 },
    ]);
  });
});

describe("codeMatrix() group ids", () => {
  it("leaves group ids as they are when each belongs to one seminar", () => {
    const unique = coded.map((c) => ({ ...c, note: { ...c.note, group: `${c.note.seminar?.slice(0, 3)}-G${c.note.group}` } }));
    expect(codeMatrix(unique, "group").values).toEqual(["Bye-G1", "Bye-G2", "Byg-G1", "Byg-G2"]);
  });
});
