// Matching semantics live in one place: the general path (codeNoteGeneral) is the definition, and
// every other route a note can take — codeNote's fast paths (the glob automaton, the token
// interner's plain path), counting (codeNoteCodes) and the worker threads — must give exactly
// what it gives. Checked here on the independently written gold notes of ../shared/gold, which
// none of the routes was written against, for every bundled codebook and the benchmark one.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDir } from "../../bench/shared-dir.mjs";
import { codeNotes, listBundledCodebooks, loadCodebook, parseCodebook, unwrap, type Codebook, type CodedNote } from "../../src/index.ts";
import { codeNote, codeNoteCodes, codeNoteGeneral } from "../../src/match/code-note.ts";
import { compileCodebook } from "../../src/match/compile.ts";
import type { Note } from "../../src/notes/note.ts";
import { builtLibrary } from "./build-for-workers.ts";

const units = readFileSync(path.join(sharedDir() as string, "gold", "units.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as { id: string; text: string; language: "nb" | "nn" | "en" });
/** The gold notes twice: with their stated language, and with the language left to detection. */
const notes: Note[] = [
  ...units.map((u) => ({ id: u.id, text: u.text, language: u.language })),
  ...units.map((u) => ({ id: `${u.id}-auto`, text: u.text })),
];

const bench = unwrap(parseCodebook(readFileSync(new URL("../../bench/themes.codebook.yaml", import.meta.url), "utf8")));
const bundled: [string, Codebook][] = [];
for (const { name } of await listBundledCodebooks()) bundled.push([name, await loadCodebook(name)]);

/** What counting reports for a coded note: code index * 2 + 1 for a barrier, in codeNote's order. */
function keysOf(coded: CodedNote, codebook: Codebook): number[] {
  const index = new Map(codebook.codes.map((c, i) => [c.id, i]));
  return coded.codes.map((c) => index.get(c.code)! * 2 + (c.polarity === "barrier" ? 1 : 0));
}

describe.each([["bench/themes.codebook.yaml", bench] as [string, Codebook], ...bundled])("on the gold notes, %s", (_name, codebook) => {
  it("codeNote (fast paths) and counting give what the general path gives", () => {
    const fast = compileCodebook(codebook);
    const general = compileCodebook(codebook);
    let coded = 0;
    for (const note of notes) {
      const expected = codeNoteGeneral(note, general, "auto");
      expect(codeNote(note, fast, "auto")).toEqual(expected);
      const out: number[] = [];
      codeNoteCodes(note, fast, "auto", out);
      expect(out.sort((a, b) => a - b)).toEqual(keysOf(expected, codebook).sort((a, b) => a - b));
      if (expected.codes.length > 0) coded++;
    }
    expect(coded).toBeGreaterThan(50);
  });
});

describe("on the gold notes, two worker threads", () => {
  it("give what one thread gives with the default codebook", async () => {
    // Workers load JavaScript: the library as tsc builds it (see build-for-workers.ts).
    const lib = await builtLibrary();
    const codebook = bundled.find(([name]) => name === "natland-2021")![1]; // plain data, valid in either build
    const one: CodedNote[] = [];
    for await (const c of lib.codeNotesStream(notes, codebook)) one.push(c);
    const two: CodedNote[] = [];
    for await (const c of lib.codeNotesStream(notes, codebook, { workers: 2 })) two.push(c);
    expect(two).toEqual(one);
    expect(one).toEqual(codeNotes(notes, codebook));
  });
});

