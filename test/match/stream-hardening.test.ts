import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCodebook, type Codebook, type CodedNote } from "../../src/index.ts";
import { builtLibrary } from "./build-for-workers.ts";
import { tempDir } from "../support/temp-dir.ts";

let codebook: Codebook;
let lib: Awaited<ReturnType<typeof builtLibrary>>;
beforeAll(async () => {
  codebook = await loadCodebook("natland-2021");
  lib = await builtLibrary();
}, 60_000);

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
const ids = (coded: readonly CodedNote[]) => coded.map((c) => c.note.id);

describe("streaming keeps every note, or says why not", () => {
  it("workers give every note of a file with CR-only (or mixed) line endings, as one thread does", async () => {
    const file = `${tempDir("cr")}/cr.csv`;
    writeFileSync(file, "id;tekst\rn1;Hun tok seg tid\r\nn2;Ingen tid\r");
    const one = await collect(lib.codeNotesStream(lib.streamNotes(file), codebook, { language: "nb" }));
    const two = await collect(lib.codeNotesStream(lib.streamNotes(file), codebook, { language: "nb", workers: 2 }));
    expect(ids(one)).toEqual(["n1", "n2"]);
    expect(ids(two)).toEqual(["n1", "n2"]);
  });

  it("without onDiagnostic, a ragged row throws where readNotes fails (one thread, workers, tallyCodes)", async () => {
    const file = `${tempDir("ragged")}/ragged.csv`;
    writeFileSync(file, "id;tekst;gruppe\nn1;Hun tok seg tid;G1\nn2;Ingen tid\nn3;Tid;G2\n");
    expect((await lib.readNotes(file)).ok).toBe(false);
    const message = /row has 2 fields, the header has 3/u;
    await expect(collect(lib.streamNotes(file))).rejects.toThrow(message);
    await expect(collect(lib.codeNotesStream(lib.streamNotes(file), codebook, { workers: 2 }))).rejects.toThrow(message);
    await expect(lib.tallyCodes(lib.streamNotes(file), codebook)).rejects.toThrow(message);
    // With onDiagnostic the row is reported there and the others are read.
    const seen: string[] = [];
    const notes = await collect(lib.streamNotes(file, { onDiagnostic: (d) => seen.push(d.code) }));
    expect([notes.map((n) => n.id), seen]).toEqual([["n1", "n3"], ["csv-ragged-row"]]);
  });
});
