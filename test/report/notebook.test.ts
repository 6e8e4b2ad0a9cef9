// Runs examples/seminar-analysis.ipynb cell by cell in Deno's Jupyter kernel, driven directly over
// ZeroMQ (test/report/deno-kernel.ts: no Python, no Jupyter), and checks what each cell shows. The
// executed notebook goes to test-artifacts/seminar-analysis.kernel.ipynb. The same notebook in real
// Jupyter, and nbconvert's HTML of it, is notebook-jupyter.test.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { DenoKernel } from "./deno-kernel.ts";
import { expectNotebookOutputs, NOTEBOOK, readNotebook, sourceOf, type Notebook } from "./notebook-outputs.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Runs every code cell of a notebook in a fresh kernel; stops at the first cell with an error. */
async function runNotebook(file: URL): Promise<Notebook> {
  const notebook = readNotebook(file);
  const kernel = await DenoKernel.start({ deno: `${root}node_modules/.bin/deno`, cwd: fileURLToPath(new URL(".", file)), scratch: tmpdir() });
  try {
    let count = 0;
    for (const cell of notebook.cells) {
      if (cell.cell_type !== "code") continue;
      cell.outputs = await kernel.execute(sourceOf(cell), { graceMs: 400 });
      cell.execution_count = ++count;
      if (cell.outputs.some((o) => o.output_type === "error")) break;
    }
  } finally {
    await kernel.close();
  }
  return notebook;
}

describe("examples/seminar-analysis.ipynb in the Deno kernel", () => {
  it("runs every cell and shows the coded notes, the roll-up, the charts and the agreement with the hand coding", { timeout: 120_000 }, async () => {
    const notebook = await runNotebook(NOTEBOOK);
    mkdirSync(`${root}test-artifacts`, { recursive: true });
    writeFileSync(`${root}test-artifacts/seminar-analysis.kernel.ipynb`, `${JSON.stringify(notebook, null, 1)}\n`);
    expectNotebookOutputs(notebook.cells);
  });
});
