import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { codeNotes, loadCodebook, loadNotes, streamNotes, tallyCodes } from "../../src/index.ts";
import { codeNoteGeneral } from "../../src/match/code-note.ts";
import { compileCodebook } from "../../src/match/compile.ts";
import { builtLibrary } from "../match/build-for-workers.ts";
// @ts-expect-error plain JavaScript module of the benchmark
import { parseThemes, toCodebookYaml } from "../../bench/convert-themes.mjs";
// @ts-expect-error plain JavaScript module of the benchmark
import { sharedBenchDir } from "../../bench/shared-dir.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const shared = sharedBenchDir() as string;
const dir = mkdtempSync(`${tmpdir()}/kodebok-c10k-`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The c10k corpus, generated on first use. */
let generated: string | undefined;
function c10k(): string {
  if (generated === undefined) {
    generated = `${dir}/c10k.csv`;
    execFileSync(process.execPath, [`${shared}/gen-corpus.mjs`, "10000", generated]);
  }
  return generated;
}

/** The c10k reference output of ../shared/bench/README.md, which every peer prints. */
const C10K = { notes: 10000, relation: 4590, reciprocity: 3304, choice: 3074, time: 5525, knowledge: 3921, knowledge_sharing: 4691 };

describe("the benchmark's codebook (bench/themes.codebook.yaml)", () => {
  it("is the committed conversion of ../shared/bench/themes.tsv", () => {
    const tsv = readFileSync(`${shared}/themes.tsv`, "utf8");
    const converted = toCodebookYaml(parseThemes(tsv)) as string;
    expect(readFileSync(`${root}bench/themes.codebook.yaml`, "utf8")).toBe(converted);
    const codebook = parseThemes(tsv) as { themes: { id: string; terms: string[] }[] };
    expect(codebook.themes.map((t) => t.id)).toEqual(Object.keys(C10K).slice(1));
    expect(codebook.themes.reduce((n, t) => n + t.terms.length, 0)).toBe(313);
  });

  it("gives the peers' reference counts on the 10k corpus", async () => {
    const csv = c10k();
    const codebook = await loadCodebook(`${root}bench/themes.codebook.yaml`);
    const tallies = await tallyCodes(streamNotes(csv), codebook, { language: "nb" });
    expect({ notes: tallies.notes, ...Object.fromEntries(tallies.codes.map((c) => [c.code, c.notes])) }).toEqual(C10K);
  });

  it("gives them on every path: coded in memory, the general path note by note, and two workers", async () => {
    const csv = c10k();
    const codebook = await loadCodebook(`${root}bench/themes.codebook.yaml`);
    const counted = (coded: readonly { codes: readonly { code: string }[] }[]) => {
      const counts: Record<string, number> = { notes: coded.length };
      for (const c of coded) for (const code of new Set(c.codes.map((a) => a.code))) counts[code] = (counts[code] ?? 0) + 1;
      return counts;
    };
    const notes = (await loadNotes(csv)).notes;
    // The glob automaton (codeNotes) and the token interner with hit objects (the general path).
    expect(counted(codeNotes(notes, codebook, { language: "nb" }))).toEqual(C10K);
    const matcher = compileCodebook(codebook);
    expect(counted(notes.map((note) => codeNoteGeneral(note, matcher, "nb")))).toEqual(C10K);
    const lib = await builtLibrary();
    const tallies = await lib.tallyCodes(lib.streamNotes(csv), codebook, { language: "nb", workers: 2 });
    expect({ notes: tallies.notes, ...Object.fromEntries(tallies.codes.map((c) => [c.code, c.notes])) }).toEqual(C10K);
  }, 60_000);
});
