import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { codeNotes, codeNotesStream, loadCodebook, loadNotes, readNotes, rollUp, streamNotes, tallyCodes, type Codebook, type CodedNote, type Diagnostic, type Note } from "../../src/index.ts";
import { builtLibrary } from "./build-for-workers.ts";
import { tempDir } from "../support/temp-dir.ts";

const path = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const RICH = path("test/match/rich.codebook.yaml");
const FIXTURES = ["fixtures/seminars/city-seminar.csv", "fixtures/seminars/rural-seminar.csv", "fixtures/english/seminar-en.csv", "fixtures/survey/user-survey.csv"];

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Coded notes compared as the JSON they are written as. */
const json = (coded: readonly CodedNote[]) => JSON.parse(JSON.stringify(coded)) as unknown;

let codebook: Codebook;
let lib: Awaited<ReturnType<typeof builtLibrary>>;
beforeAll(async () => {
  codebook = await loadCodebook(RICH);
  lib = await builtLibrary();
}, 60_000);

describe("streaming, in-memory and worker coding", () => {
  for (const fixture of FIXTURES) {
    it(`codeNotesStream(streamNotes()) equals codeNotes(loadNotes()) on ${fixture}`, async () => {
      const notes = (await loadNotes(path(fixture))).notes;
      const inMemory = codeNotes(notes, codebook, { language: "auto" });
      const streamed = await collect(codeNotesStream(streamNotes(path(fixture)), codebook, { language: "auto" }));
      expect(streamed).toEqual(inMemory);
      expect(inMemory.some((c) => c.codes.some((a) => a.polarity === "barrier"))).toBe(true);
    });

    it.runIf(fixture.includes("seminar"))(`workers give the same coded notes in the same order on ${fixture}`, async () => {
      const inMemory = lib.codeNotes((await lib.loadNotes(path(fixture))).notes, codebook, { language: "auto" });
      // From a file: the workers parse row-aligned chunks; from notes: they code batches.
      const fromFile = await collect(lib.codeNotesStream(lib.streamNotes(path(fixture)), codebook, { language: "auto", workers: 2 }));
      const fromNotes = await collect(lib.codeNotesStream((await lib.loadNotes(path(fixture))).notes, codebook, { language: "auto", workers: 3 }));
      expect(json(fromFile)).toEqual(json(inMemory));
      expect(json(fromNotes)).toEqual(json(inMemory));
    });
  }

  it("codes a large CSV in several chunks with the same result as one thread", async () => {
    // About 1.3 MB, so the workers get several chunks of 256 KiB; quoted line breaks, quotes and CRLF
    // must not confuse where a chunk is cut.
    const { writeFileSync } = await import("node:fs");
    const rows = ["id;gruppe;tekst"];
    const texts = ["Hun tok seg god tid", 'Fikk ikke "nok" tid,\nmen tillit', "Mangel på informasjon om systemet", "Relasjonen;\r\nvar god", "Ærlig svar, ingen ventetid"];
    const field = (t: string) => (/[;"\r\n]/u.test(t) ? `"${t.replaceAll('"', '""')}"` : t);
    // Every 97th record has an empty id: its id is numbered by record (`big-<n>`), across chunks.
    for (let i = 0; i < 20000; i++) rows.push(`${i % 97 === 5 ? "" : `n${i}`};G${i % 7};${field(`${texts[i % texts.length]} ${"x".repeat(i % 50)}`)}`);
    const dir = tempDir("workers");
    const file = `${dir}/big.csv`;
    writeFileSync(file, rows.join("\r\n") + "\r\n");
    const one = await collect(lib.codeNotesStream(lib.streamNotes(file), codebook, { language: "nb" }));
    const two = await collect(lib.codeNotesStream(lib.streamNotes(file), codebook, { language: "nb", workers: 2 }));
    expect(one).toHaveLength(20000);
    expect(one[19987]!.note.id).toBe("big-19988");
    expect(json(two)).toEqual(json(one));
    expect(json(one)).toEqual(json(lib.codeNotes((await lib.loadNotes(file)).notes, codebook, { language: "nb" })));
    const tallyOne = await lib.tallyCodes(one.map((c) => c.note), codebook, { language: "nb" });
    const tallyTwo = await lib.tallyCodes(lib.streamNotes(file), codebook, { language: "nb", workers: 2 });
    expect(tallyTwo).toEqual(tallyOne);
  });

  it("counts with whole-number ids as with one thread, and reports an id repeated in a later chunk", async () => {
    // Workers hand back ids that are all whole numbers as numbers; a chunk with another id as text.
    const { writeFileSync } = await import("node:fs");
    const rows = ["id;tekst"];
    for (let i = 1; i <= 15000; i++) rows.push(`${i};Hun tok seg god tid, og relasjonen var trygg ${i % 13 === 0 ? "men ventetiden lang" : ""}`);
    rows.push("17;Tilliten kom etter hvert"); // the id of a note in the first chunk
    rows.push("017;Ikke det samme tallet"); // not a canonical whole number: a different id
    rows.push("x9;Tid og tillit");
    const file = `${tempDir("ids")}/ids.csv`;
    writeFileSync(file, rows.join("\n") + "\n");
    const run = async (workers: number) => {
      const diagnostics: Diagnostic[] = [];
      const tallies = await lib.tallyCodes(lib.streamNotes(file, { onDiagnostic: (d) => diagnostics.push(d) }), codebook, { language: "nb", workers });
      return { tallies, diagnostics: diagnostics.map((d) => `${d.code}: ${d.reason}`) };
    };
    const one = await run(0);
    expect(one.tallies.notes).toBe(15002);
    expect(one.diagnostics).toEqual(['note-duplicate-id: Cannot load notes: id "17" is used twice']);
    expect(await run(2)).toEqual(one);
  });

  it("counts with workers giving every warning at the place one thread gives it", async () => {
    // Counting workers read a chunk without placing its notes, and again with places when it has a
    // diagnostic: an empty text, an unknown language, a row with a field too many.
    const { writeFileSync } = await import("node:fs");
    const rows = ["id;språk;tekst"];
    for (let i = 1; i <= 12000; i++) {
      const text = i === 9001 ? "" : i === 9500 ? '"Tok seg tid;\nog ""lyttet"""' : `Hun tok seg god tid ${i}`;
      rows.push(i === 9999 ? `${i};nb;Tid;ekstra` : `${i};${i === 9002 ? "svensk" : "nb"};${text}`);
    }
    const file = `${tempDir("places")}/places.csv`;
    writeFileSync(file, rows.join("\n") + "\n");
    const run = async (workers: number) => {
      const diagnostics: string[] = [];
      const tallies = await lib.tallyCodes(lib.streamNotes(file, { onDiagnostic: (d) => diagnostics.push(lib.formatDiagnostic(d)) }), codebook, { workers }).catch((e: Error) => e.message);
      return { tallies, diagnostics };
    };
    const one = await run(0);
    expect(one.diagnostics.join("\n")).toMatch(/places\.csv:9002:\d+: .*note-empty-text/u);
    expect(one.diagnostics.join("\n")).toMatch(/places\.csv:9003:\d+: .*note-invalid-language/u);
    expect(await run(2)).toEqual(one);
  });

  it("reads a file that turns out not to be UTF-8 as one thread does, after the workers began on its first chunks", async () => {
    // The Windows-1252 byte comes near the end: the first chunks are valid UTF-8 and go to the
    // workers while the whole file is checked; they must be abandoned, not counted.
    const { writeFileSync } = await import("node:fs");
    const rows = ["id;tekst"];
    for (let i = 1; i <= 20000; i++) rows.push(`${i};Hun tok seg god tid, og relasjonen var trygg`);
    const file = `${tempDir("1252")}/latin.csv`;
    writeFileSync(file, Buffer.concat([Buffer.from(rows.join("\n") + "\n"), Buffer.from("20001;Tillit og forst\xe5else\n", "latin1")]));
    const run = async (workers: number) => {
      const diagnostics: Diagnostic[] = [];
      const tallies = await lib.tallyCodes(lib.streamNotes(file, { onDiagnostic: (d) => diagnostics.push(d) }), codebook, { language: "nb", workers });
      const coded = await collect(lib.codeNotesStream(lib.streamNotes(file), codebook, { language: "nb", workers }));
      return { tallies, diagnostics: diagnostics.map((d) => d.code), last: coded.at(-1)?.note.text, count: coded.length };
    };
    const one = await run(0);
    expect(one.diagnostics).toEqual(["encoding-windows-1252"]);
    expect(one.count).toBe(20001);
    expect(one.last).toBe("Tillit og forståelse");
    expect(await run(2)).toEqual(one);
  });

  it("reports a broken record in a later chunk at the same place with workers as with one thread", async () => {
    const { writeFileSync } = await import("node:fs");
    const rows = ["id;tekst"];
    for (let i = 0; i < 12000; i++) rows.push(`n${i};Hun tok seg god tid, og relasjonen var trygg ${i}`);
    rows.push('bad;a "quoted" word inside an unquoted field');
    const file = `${tempDir("broken")}/broken.csv`;
    writeFileSync(file, rows.join("\n") + "\n");
    const message = async (workers: number) => {
      try {
        await lib.tallyCodes(lib.streamNotes(file), codebook, { language: "nb", workers });
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    };
    const one = await message(0);
    expect(one).toMatch(/broken\.csv:12002:1: .*\[csv-invalid-quote\]/u);
    expect(await message(2)).toBe(one);
  });
});

describe("tallyCodes()", () => {
  it("counts what rollUp() counts", async () => {
    const notes: Note[] = (await loadNotes(path("fixtures/seminars/city-seminar.csv"))).notes;
    const summary = rollUp(codeNotes(notes, codebook), codebook);
    const tallies = await tallyCodes(notes, codebook);
    expect(tallies.notes).toBe(summary.totals.notes);
    expect(tallies.coded).toBe(summary.totals.coded);
    const byCode = new Map(summary.categories.flatMap((c) => c.codes).map((c) => [c.id, c]));
    for (const t of tallies.codes) {
      const s = byCode.get(t.code)!;
      expect([t.notes, t.helpful, t.barrier]).toEqual([s.notes, s.helpful, s.barrier]);
    }
    expect(tallies.codes.map((t) => t.code)).toEqual(["relation", "time", "knowledge", "sharing"]);
  });

  it("counts what rollUp() counts on every fixture, helpful and barrier apart", async () => {
    let barriers = 0;
    for (const fixture of FIXTURES) {
      const notes: Note[] = (await loadNotes(path(fixture))).notes;
      const summary = rollUp(codeNotes(notes, codebook, { language: "auto" }), codebook);
      const byCode = new Map(summary.categories.flatMap((c) => c.codes).map((c) => [c.id, [c.notes, c.helpful, c.barrier]]));
      const tallies = await tallyCodes(notes, codebook, { language: "auto" });
      expect(tallies.codes.map((t) => [t.code, t.notes, t.helpful, t.barrier])).toEqual(tallies.codes.map((t) => [t.code, ...byCode.get(t.code)!]));
      barriers += tallies.codes.reduce((n, t) => n + t.barrier, 0);
    }
    expect(barriers).toBeGreaterThan(0);
  });

  it("rejects a workers count that is not a whole number", async () => {
    await expect(tallyCodes([], codebook, { workers: 1.5 })).rejects.toThrow(/option "workers" is invalid: expected a whole number; got 1\.5/);
  });
});

describe("coding with a learned model on worker threads", () => {
  it("gives the notes codeNotes gives: the workers code with the rules, the model is applied on the calling thread", async () => {
    const notes = (await loadNotes(path("fixtures/seminars/city-seminar.csv"))).notes;
    // A hand coding the rules do not make, to learn: "relation" wherever a note speaks of "tid".
    const hand = notes.map((n) => ({ note: n.id, coder: "anna", code: "relation" })).filter((c) => /tid/iu.test(notes.find((n) => n.id === c.note)!.text));
    const model = lib.trainCoder(notes.slice(0, 60), hand.filter((c) => notes.slice(0, 60).some((n) => n.id === c.note)), { codebook, crossValidate: false });
    const inMemory = codeNotes(notes, codebook, { model });
    expect(inMemory.some((c) => c.codes.some((a) => a.learned !== undefined))).toBe(true);
    expect(json(await collect(lib.codeNotesStream(notes, codebook, { model, workers: 2 })))).toEqual(json(inMemory));
    const tallies = await lib.tallyCodes(notes, codebook, { model, workers: 2 });
    expect(tallies.codes.find((t) => t.code === "relation")!.notes).toBe(inMemory.filter((c) => c.codes.some((a) => a.code === "relation")).length);
  });
});

describe("streamNotes()", () => {
  for (const fixture of [...FIXTURES, "fixtures/bad/windows-1252.csv", "fixtures/bad/empty-text.csv", "fixtures/bad/bom-comma.csv", "fixtures/seminars/followup-seminar.md"]) {
    it(`gives the notes and diagnostics readNotes() gives for ${fixture}`, async () => {
      const loaded = await readNotes(path(fixture));
      const diagnostics: Diagnostic[] = [];
      const streamed = await collect(streamNotes(path(fixture), { onDiagnostic: (d) => diagnostics.push(d) }));
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) return;
      expect(streamed).toEqual(loaded.value.notes);
      expect(diagnostics.map((d) => d.code)).toEqual(loaded.diagnostics.map((d) => d.code));
    });
  }

  it("normalises decomposed letters to NFC as loadNotes() does, in one thread and in workers", async () => {
    const { writeFileSync } = await import("node:fs");
    const file = `${tempDir("nfc")}/nfd.csv`;
    // A BOM, "å" as a + combining ring, and a mark right after a line break inside quotes.
    writeFileSync(file, '\uFEFFid;tekst\n1;Tilgjengelig p\u0061\u030A telefon\n2;"Relasjon\n\u0301tillit"\n3;Ærlig\n');
    const loaded = (await loadNotes(file)).notes;
    expect(loaded[0]!.text).toBe("Tilgjengelig på telefon");
    expect(await collect(streamNotes(file))).toEqual(loaded);
    const inWorkers = await collect(lib.codeNotesStream(lib.streamNotes(file), codebook, { language: "nb", workers: 1 }));
    expect(json(inWorkers)).toEqual(json(codeNotes(loaded, codebook, { language: "nb" })));
  });

  it("reports a repeated id as an error and skips the note", async () => {
    const diagnostics: Diagnostic[] = [];
    const notes = await collect(streamNotes(path("fixtures/bad/duplicate-id.csv"), { onDiagnostic: (d) => diagnostics.push(d) }));
    const loaded = await readNotes(path("fixtures/bad/duplicate-id.csv"));
    expect(loaded.ok).toBe(false);
    expect(diagnostics.map((d) => [d.code, d.start?.line, d.start?.column])).toEqual(loaded.diagnostics.map((d) => [d.code, d.start?.line, d.start?.column]));
    expect(diagnostics.map((d) => [d.start?.line, d.start?.column])).toEqual([[6, 1]]); // the id cell, as fixtures/bad/README.md says
    expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
  });

  it("throws file-not-found for a missing file, with and without workers", async () => {
    await expect(collect(streamNotes(path("fixtures/no-such-file.csv")))).rejects.toThrow(/file-not-found/);
    await expect(lib.tallyCodes(lib.streamNotes(path("fixtures/no-such-file.csv")), codebook, { workers: 1 })).rejects.toThrow(/file-not-found/);
  });

  it("throws a located error for a file without a text column", async () => {
    await expect(collect(streamNotes(path("fixtures/bad/no-text-column.csv")))).rejects.toThrow(/no column holds the note text/);
  });
});
