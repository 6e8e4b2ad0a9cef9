// Deno smoke test of streaming and worker coding from the TypeScript sources (run: deno test
// --allow-read --allow-env test/deno/): node:worker_threads under Deno loads the .ts worker.
import assert from "node:assert/strict";
import { codeNotes, codeNotesStream, loadCodebook, loadNotes, streamNotes, tallyCodes } from "../../src/index.ts";

declare const Deno: { test(name: string, fn: () => void | Promise<void>): void };

const codebook = await loadCodebook(new URL("../match/rich.codebook.yaml", import.meta.url).pathname);
const file = new URL("../../fixtures/seminars/city-seminar.csv", import.meta.url).pathname;

Deno.test("streaming and worker coding give the in-memory coded notes under Deno", async () => {
  const inMemory = codeNotes((await loadNotes(file)).notes, codebook, { language: "auto" });
  for (const workers of [0, 2]) {
    const coded: unknown[] = [];
    for await (const c of codeNotesStream(streamNotes(file), codebook, { language: "auto", workers })) coded.push(c);
    assert.equal(JSON.stringify(coded), JSON.stringify(inMemory));
  }
  const tallies = await tallyCodes(streamNotes(file), codebook, { language: "auto", workers: 2 });
  assert.deepEqual(tallies, await tallyCodes(inMemory.map((c) => c.note), codebook, { language: "auto" }));
  assert.equal(tallies.notes, inMemory.length);
});
