// Runs under Deno 2 against the TypeScript sources: `deno test --allow-read --allow-env test/deno/`.
// Checks that the bundled codebooks of the field's other frameworks load by name under Deno too
// (the bundled folder is found relative to src/, not the working directory).
import assert from "node:assert/strict";
import { codeNotes, listBundledCodebooks, loadCodebook } from "../../src/index.ts";

declare const Deno: { test(name: string, fn: () => void | Promise<void>): void };

Deno.test("listBundledCodebooks() lists the four framework codebooks beside natland-2021", async () => {
  const names = (await listBundledCodebooks()).map((c) => c.name);
  for (const name of ["barriers", "institutional-logics", "keys-to-good-experiences", "ljungberg-2015"]) {
    assert.ok(names.includes(name), name);
  }
});

Deno.test("loadCodebook() by name codes a Bokmål, a Nynorsk and an English note", async () => {
  const barriers = await loadCodebook("barriers");
  const ljungberg = await loadCodebook("ljungberg-2015");
  const [nb] = codeNotes([{ id: "1", text: "Ny saksbehandler hele tiden, måtte fortelle alt på nytt." }], barriers, { language: "nb" });
  const [nn] = codeNotes([{ id: "2", text: "Ho brydde seg og spurde korleis eg hadde det." }], ljungberg, { language: "nn" });
  const [en] = codeNotes([{ id: "3", text: "We had a lot in common and she had been there herself." }], ljungberg, { language: "en" });
  assert.deepEqual(nb!.codes.map((a) => `${a.code}:${a.polarity}`), ["caseworker_discontinuity:barrier"]);
  assert.deepEqual(nn!.codes.map((a) => `${a.code}:${a.polarity}`), ["mattering:helpful"]);
  assert.deepEqual(en!.codes.map((a) => `${a.code}:${a.polarity}`), ["something_in_common:helpful"]);
});
