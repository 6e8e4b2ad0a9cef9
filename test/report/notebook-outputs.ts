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
  const data = (i: number): Record<string, unknown> => {
    const out = (code[i]?.outputs ?? []).find((o) => o.output_type === "execute_result" || o.output_type === "display_data");
    expect(out, `output of code cell ${i}: ${code[i] ? sourceOf(code[i]) : "(none)"}`).toBeDefined();
    return out?.data ?? {};
  };
  expect(String(data(1)["text/plain"])).toMatch(/^"196 notes, \d+ hand codings, codebook natland-2021/);
  // coded notes, the demo note redacted
  expect(String(data(2)["text/html"])).toContain("Saksbehandleren ga meg direktenummeret sitt, [telefon], og tok seg god tid");
  // the roll-up as the cell's last expression: HTML report, Markdown and the Vega-Lite spec
  const summary = data(3);
  expect(String(summary["text/html"])).toContain('<div class="kodebok-report" lang="nb">');
  expect(String(summary["text/html"])).toContain('<th scope="rowgroup">Betydningen av det relasjonelle</th>');
  expect(String(summary["text/html"])).toContain('<figure id="figure-by-seminar"');
  expect(String(summary["text/markdown"])).toContain("## Kategorier og temaer");
  expect(summary["application/vnd.vegalite.v5+json"]).toMatchObject({ $schema: "https://vega.github.io/schema/vega-lite/v5.json" });
  // the charts, as spec and SVG
  expect(String(data(4)["image/svg+xml"])).toContain('aria-roledescription="bar"');
  expect(String(data(5)["image/svg+xml"])).toContain("Fjellvik 2019-04-09");
  // the comparison with the hand coding, from the agreement module
  expect(String(data(6)["text/html"])).toContain('<table class="kodebok-agreement"><caption>Kodere: hand, kodebok');
  expect(String(data(6)["text/markdown"])).toMatch(/\| Relasjon \| 196 \| \d+,\d %/);
  // the whole report with SVG charts
  expect((String(data(7)["text/html"]).match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4);
}
