import { describe, expect, it } from "vitest";
import { codeMatrix } from "../../src/rollup/code-matrix.ts";
import { categoryChartSpec, matrixChartSpec, renderSvg } from "../../src/report/charts.ts";
import { formatShare } from "../../src/report/labels.ts";
import { coded, summary } from "./sample.ts";

const labels = { relation: "Relasjon", reciprocity: "Gjensidighet", choice: "Valgmuligheter", time: "Tid", knowledge: "Kunnskap", knowledge_sharing: "Kunnskapsdeling" };
const codes = Object.keys(labels);
/** The texts of an SVG's text elements (lines of a multi-line text joined by a space). */
const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => (m[1] ?? "").replace(/<tspan[^>]*>/g, " ").replace(/<\/tspan>/g, "").trim());
const fontSizes = (svg: string): number[] => [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)px"/g)].map((m) => Number(m[1]));

describe("the report's charts, legible when printed", () => {
  it("draw every word at 13 px or more (about 10 pt on paper, the size of the tables), the bar chart 480 px wide", async () => {
    const bars = await renderSvg(categoryChartSpec(summary, "nb"));
    const heat = await renderSvg(matrixChartSpec(codeMatrix(coded, "seminar", { codes }), labels, "nb"));
    for (const svg of [bars, heat]) expect(Math.min(...fontSizes(svg))).toBeGreaterThanOrEqual(13);
    expect(categoryChartSpec(summary, "nb")).toMatchObject({ spec: { width: 480 } });
    expect(Number(/<svg[^>]* width="(\d+)"/.exec(bars)?.[1])).toBeGreaterThanOrEqual(600);
  });

  it("write shares as the tables do: 20,0 % in Norwegian, 20.0% in English", async () => {
    const matrix = codeMatrix(coded, "seminar", { codes });
    const shares = (words: string[]): string[] => words.filter((w) => w.includes("%"));
    const nb = shares(texts(await renderSvg(matrixChartSpec(matrix, labels, "nb"))));
    expect(nb).toEqual(["0,0 %", "20,0 %", "40,0 %"]);
    expect(nb).toEqual([0, 0.2, 0.4].map((x) => formatShare(x, "nb")));
    const en = shares(texts(await renderSvg(matrixChartSpec(matrix, labels, "en"))));
    expect(en).toEqual([0, 0.2, 0.4].map((x) => formatShare(x, "en")));
  });

  it("lay long column labels flat in lines under the cells, each column as wide as its longest line", async () => {
    const byQuestion = codeMatrix(coded.map((c) => ({ ...c, note: { ...c.note, question: c.note.question === "1" ? "Hva har du vært mest fornøyd med?" : "Hva hjalp?" } })), "question", { codes });
    const spec = matrixChartSpec(byQuestion, labels, "nb") as { width: { step: number }; encoding: { x: { axis: Record<string, unknown> } } };
    expect(spec.encoding.x.axis).toMatchObject({ orient: "bottom", labelAngle: 0 });
    // "Hva har du vært mest" is 20 letters: 20 × 13 px × 0.58 + 16 = 167 px
    expect(spec.width.step).toBe(167);
    expect(texts(await renderSvg(spec))).toContain("Hva har du vært mest fornøyd med?");
  });
});
