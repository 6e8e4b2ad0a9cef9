import { describe, expect, it } from "vitest";
import type { CodedNote } from "../../src/match/coded-note.ts";
import { capColumns, codeMatrix } from "../../src/rollup/code-matrix.ts";
import { rollUp, toHtml } from "../../src/index.ts";
import { codebook } from "./sample.ts";

// A report over 800 seminars: the seminar chart shows the 29 with the most notes and the rest as
// one column (Vega ran out of stack drawing 500 or more columns); the table keeps every seminar.

const coded: CodedNote[] = Array.from({ length: 1600 }, (_, i) => ({
  note: { id: `n${i}`, text: "Hun tok seg tid", seminar: `S${String(i % 800).padStart(3, "0")}`, group: `G${i % 2}` },
  language: "nb",
  codes: i % 3 === 0 ? [] : [{ code: "time", category: "relational", polarity: "helpful", evidence: [{ rule: "time.terms", term: "tid", start: 12, end: 15, text: "tid", polarity: "helpful" }] }],
}));

describe("reports over many seminars", () => {
  it("capColumns() keeps the values with the most notes and adds up the rest", () => {
    const matrix = codeMatrix(coded.slice(0, 8).concat(coded.slice(0, 2)), "seminar", { codes: ["time"] });
    // S000 and S001 have 2 notes each, S002..S007 one.
    const capped = capColumns(matrix, 3, (n) => `other (${n})`);
    expect(capped.values).toEqual(["S000", "S001", "other (6)"]);
    expect(capped.totals).toEqual([2, 2, 6]);
    expect(capped.counts).toEqual([[0, 2, 4]]);
    expect(capped.cells.map((c) => [c.value, c.notes, Math.round(c.share * 100)])).toEqual([["S000", 0, 0], ["S001", 2, 100], ["other (6)", 4, 67]]);
    expect(capColumns(matrix, 8, () => "x")).toBe(matrix);
  });

  it("toHtml() renders 800 seminars without a stack overflow", async () => {
    const summary = rollUp(coded, codebook, { language: "nb" });
    const html = await toHtml(summary, { coded, codebook });
    expect(html).toContain("andre (771)");
    expect(html).toContain("S799");
  }, 60_000);
});
