// The actors dimension under Deno, from the same sources: attribution, the theme × actor table
// and its Markdown, on the hand-checked fixture of fixtures/actors/.
import assert from "node:assert/strict";
import { codeMatrix, codeNotes, crossTable, crossTableToMarkdown, loadCodebook, loadNotes } from "../../src/index.ts";

declare const Deno: { test(name: string, fn: () => void | Promise<void>): void };

Deno.test("codeMatrix(coded, \"actor\") gives the hand-checked table of fixtures/actors under Deno", async () => {
  const codebook = await loadCodebook("fixtures/actors/codebook.yaml");
  const { notes } = await loadNotes("fixtures/actors/notes.csv");
  const coded = codeNotes(notes, codebook, { language: "nb" });
  assert.deepEqual(coded[0]!.attributions!.map((a) => `${a.code}/${a.polarity}->${a.value}`), ["time/helpful->gp", "time/barrier->nav"]);
  const m = codeMatrix(coded, "actor", { codes: ["time", "knowledge"], values: ["nav", "gp", "(none)"] });
  assert.deepEqual(m.totals, [6, 5, 2]);
  assert.deepEqual(m.counts, [[4, 2, 1], [1, 2, 0]]);
  const md = crossTableToMarkdown(crossTable(coded, codebook, "actor", { language: "nb" }), { title: "Tema × aktører" });
  assert.match(md, /\| Tid \| 4 \(2 \/ 2\) \| 2 \(2 \/ 0\) \| 1 \(1 \/ 0\) \|/u);
});
