// What examples/seminar-analysis.ipynb must show, cell by cell: checked on the notebook run through
// the Deno kernel directly (notebook.test.ts) and through real Jupyter (notebook-jupyter.test.ts).
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { CellOutput } from "./deno-kernel.ts";

export const NOTEBOOK = new URL("../../examples/seminar-analysis.ipynb", import.meta.url);

export interface NotebookCell {
  cell_type: string;
  source: string[] | string;
  outputs?: CellOutput[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** A notebook file (the example, or one written by a runner). */
export function readNotebook(file: URL | string = NOTEBOOK): Notebook {
  return JSON.parse(readFileSync(file, "utf8")) as Notebook;
}

export const sourceOf = (cell: NotebookCell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

/** Checks the outputs of the notebook's code cells. */
export function expectNotebookOutputs(cells: readonly NotebookCell[]): void {
  const code = cells.filter((c) => c.cell_type === "code");
  const errors = code.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => `${o.ename}: ${o.evalue}`));
  expect(errors).toEqual([]);
  const outputs = (i: number): CellOutput[] => code[i]?.outputs ?? [];
  const result = (i: number): Record<string, unknown> => {
    const out = outputs(i).find((o) => o.output_type === "execute_result");
    expect(out, `result of code cell ${i}: ${code[i] ? sourceOf(code[i]) : "(none)"}`).toBeDefined();
    return out?.data ?? {};
  };
  expect(String(result(1)["text/plain"])).toMatch(/^"196 notes, \d+ hand codings, codebook natland-2021/);

  // coded notes as the last expression: a table of the first 20, the demo note redacted
  const coded = result(2);
  expect(String(coded["text/html"])).toContain("<td>demo-001</td><td>Saksbehandleren ga meg direktenummeret sitt, [telefon], og tok seg god tid</td>");
  expect(String(coded["text/html"])).toContain("<p>… 177 more</p>");
  expect(String(coded["text/plain"]).split("\n")).toHaveLength(21);

  // the roll-up as the last expression: the report, then each chart as an output of its own (SVG and
  // Vega-Lite spec; natland-2021's actors add the theme × actor heatmap), then the totals as the cell's result
  expect(outputs(3).map((o) => o.output_type)).toEqual([...Array(7).fill("display_data"), "execute_result"]);
  const [report, ...charts] = outputs(3).slice(0, 7).map((o) => o.data ?? {});
  expect(String(report?.["text/html"])).toContain('<div class="kodebok-report" lang="nb">');
  expect(String(report?.["text/html"])).toContain('<th scope="rowgroup">Betydningen av det relasjonelle</th>');
  expect(String(report?.["text/html"])).toContain('<figure id="figure-by-seminar"');
  expect(String(report?.["text/html"])).not.toContain("<svg");
  expect(String(report?.["text/markdown"])).toContain("## Kategorier og temaer");
  expect(charts.map((c) => String(c["text/plain"]).split(":")[0])).toEqual([
    "Temaer per kategori", "Tema per seminar", "Tema per gruppe", "Tema per spørsmål", "Temaer som forekommer sammen", "Tema × aktører",
  ]);
  for (const chart of charts) {
    expect(String(chart["image/svg+xml"])).toMatch(/^<svg /);
    expect(chart["application/vnd.vegalite.v5+json"]).toMatchObject({ $schema: "https://vega.github.io/schema/vega-lite/v5.json" });
  }
  expect(String(charts[0]?.["image/svg+xml"])).toContain('aria-roledescription="bar"');
  expect(String(result(3)["text/plain"])).toMatch(/^Hva hjelper i møte med velferdstjenestene.*: 197 notater, \d+ kodet/);

  // a chart of one's own, drawn as SVG
  expect(String(result(4)["image/svg+xml"])).toContain("Fjellvik 2019-04-09");
  // the comparison with the hand coding as the last expression
  expect(String(result(5)["text/html"])).toContain('<table class="kodebok-agreement"><caption>Kodere: hand, kodebok');
  expect(String(result(5)["text/markdown"])).toMatch(/\| Relasjon \| 196 \| \d+,\d %/);
  // the whole report with SVG charts
  expect((String(result(6)["text/html"]).match(/<svg /g) ?? []).length).toBe(6);
}
