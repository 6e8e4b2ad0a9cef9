// Deno smoke test of kodebok refine from the same source (run: deno test --allow-read --allow-env test/deno/).
import assert from "node:assert/strict";
import { loadCodebook, readNotes, refineCodebook, refineReportToMarkdown } from "../../src/index.ts";

Deno.test("refineCodebook() gives the hand-computed figures and patch under Deno", async () => {
  const codebook = await loadCodebook(new URL("../../fixtures/refine/codebook.yaml", import.meta.url).pathname);
  const loaded = await readNotes(new URL("../../fixtures/refine/sample.csv", import.meta.url).pathname);
  assert.ok(loaded.ok);
  const report = refineCodebook({ notes: loaded.value.notes, codings: loaded.value.codings }, codebook, { coder: "anna", interval: { samples: 100, seed: 1 } });
  const time = report.codes[0]!;
  assert.deepEqual(time.changes.map((c) => c.key), ["add-rule:time:word:ringte", "notNear:time.terms:traktoren"]);
  assert.equal(time.candidateTerms[0]!.keyness.toFixed(5), "7.71860");
  assert.equal(time.after.kappa!.toFixed(6), (68 / 96).toFixed(6));
  assert.equal(time.crossValidated!.kappa!.toFixed(6), (36 / 92).toFixed(6));
  assert.ok(refineReportToMarkdown(report).includes("| ringte | word | 3 | 0 | 0 | 7.72 | 3 | yes |"));
});
