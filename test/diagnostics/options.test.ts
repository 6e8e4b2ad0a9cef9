// Every option of the public functions is checked before any work, with a named, located error
// that quotes the bad value; "no" (Norwegian) means Bokmål.
import { describe, expect, it } from "vitest";
import {
  checkDataset,
  codeMatrix,
  codeNotes,
  codeNotesStream,
  formatDiagnostic,
  KodebokError,
  loadCodebook,
  parseNotes,
  parseQdc,
  readNotes,
  redact,
  rollUp,
  stem,
  tallyCodes,
  toCsv,
  toMarkdown,
  toQdc,
  type Diagnostic,
} from "../../src/index.ts";

const codebook = await loadCodebook("natland-2021");
const NOTES = [{ id: "n1", text: "Hun tok seg tid til meg" }, { id: "n2", text: "Kaffe og vafler" }];

/** The diagnostics a call throws, printed. */
function thrown(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof KodebokError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  throw new Error("expected a KodebokError");
}

async function thrownAsync(run: () => Promise<unknown>): Promise<Diagnostic[]> {
  const error = await run().then(() => undefined, (e: unknown) => e);
  if (error instanceof KodebokError) return error.diagnostics;
  throw new Error(`expected a KodebokError, got ${String(error)}`);
}

describe("codeNotes() and the other coding functions check their options before any work", () => {
  it('codes with language "no" as Bokmål (was a raw TypeError)', () => {
    const no = codeNotes(NOTES, codebook, { language: "no" });
    expect(no).toEqual(codeNotes(NOTES, codebook, { language: "nb" }));
    expect(no[0]!.codes.map((c) => c.code)).toEqual(["time"]);
    expect(no[0]!.language).toBe("nb");
  });

  it("refuses an unknown language, naming the option and quoting the value", () => {
    expect(thrown(() => codeNotes(NOTES, codebook, { language: "se" } as never))).toEqual([
      '<input>: Cannot code notes: option "language" is invalid: expected one of "nb", "nn", "en", "auto", "no"; got "se" [option-invalid]',
    ]);
  });

  it("refuses an option it does not have (a typo), listing the ones it has", () => {
    expect(thrown(() => codeNotes(NOTES, codebook, { langauge: "nb" } as never))).toEqual([
      '<input>: Cannot code notes: "langauge" is not one of its options (they are language, workers, model, combine) [option-invalid]',
    ]);
  });

  it("refuses a codebook's name where the codebook belongs, and says how to load it", () => {
    expect(thrown(() => codeNotes(NOTES, "natland-2021" as never))).toEqual([
      '<input>: Cannot code notes: the codebook must be a codebook (from loadCodebook) or a matcher (from compileCodebook), not the string "natland-2021": load it first, with await loadCodebook("natland-2021") [option-invalid]',
    ]);
    expect(thrown(() => codeNotes("Hun tok seg tid" as never, codebook))[0]).toContain("the notes must be a list (or stream) of notes");
  });

  it("codeNotes() points to codeNotesStream() for workers", () => {
    expect(thrown(() => codeNotes(NOTES, codebook, { workers: 2 }))[0]).toContain("use codeNotesStream(notes, codebook, { workers })");
  });

  it("codeNotesStream() and tallyCodes() check the same options", async () => {
    const stream = await thrownAsync(async () => {
      for await (const _ of codeNotesStream(NOTES, codebook, { workers: -1 })) void _;
    });
    expect(stream.map((d) => d.reason)).toEqual(['Cannot code notes: option "workers" is invalid: expected a number >= 0; got -1']);
    expect(await tallyCodes(NOTES, codebook, { language: "no" })).toEqual(await tallyCodes(NOTES, codebook, { language: "nb" }));
  });
});

describe("the other public functions check their options too", () => {
  const coded = codeNotes(NOTES, codebook, { language: "nb" });

  it("rollUp(): a bad value, a typo, and language auto or no", () => {
    expect(thrown(() => rollUp(coded, codebook, { quotesPerCode: -1 }))[0]).toBe('<input>: Cannot roll up the coded notes: option "quotesPerCode" is invalid: expected a number >= 0; got -1 [option-invalid]');
    expect(thrown(() => rollUp(coded, codebook, { quotes: 2 } as never))[0]).toContain('"quotes" is not one of its options (they are language, quotesPerCode, quoteLength, quotesPerCell, redact, model)');
    expect(rollUp(coded, codebook, { language: "no" }).language).toBe("nb");
    expect(rollUp(coded, codebook, { language: "auto" }).language).toBe(codebook.languages[0]);
  });

  it("readNotes() and parseNotes() answer bad options with a result, not a throw", async () => {
    const read = await readNotes("fixtures/seminars/city-seminar.csv", { delimiter: ";;" });
    expect(read.ok).toBe(false);
    expect(read.diagnostics.map(formatDiagnostic)).toEqual(['<input>: Cannot load notes: option "delimiter" is invalid: expected one character, such as ";" or "\\t"; got ";;" [option-invalid]']);
    const parsed = parseNotes("id;tekst\n1;Tid\n", { format: "xlsx" } as never);
    expect(parsed.diagnostics[0]?.reason).toBe('Cannot load notes: option "format" is invalid: expected one of "csv", "tsv", "json", "jsonl", "markdown", "transcript", "text"; got "xlsx"');
    expect(parseNotes("id;tekst\n1;Tid\n", { colums: { text: "tekst" } } as never).diagnostics[0]?.field).toBe("colums");
  });

  it("the reports refuse a typo and a wrong value, and read language no as nb", () => {
    const summary = rollUp(coded, codebook, { language: "nb" });
    expect(thrown(() => toMarkdown(summary, { redcat: false } as never))[0]).toContain('Cannot write the Markdown report: "redcat" is not one of its options');
    expect(thrown(() => toCsv(coded, { delimiter: "|" } as never))[0]).toBe('<input>: Cannot write the CSV table: option "delimiter" is invalid: expected one of ",", ";", "\\t"; got "|" [option-invalid]');
    expect(toMarkdown(summary, { language: "no" })).toBe(toMarkdown(summary, { language: "nb" }));
  });

  it("redact(), codeMatrix(), checkDataset(), toQdc(), parseQdc() and stem()", () => {
    expect(thrown(() => redact("Ring 987 65 432", { kinds: ["telefon"] } as never))[0]).toContain('option "kinds.0" is invalid: expected one of "email", "phone", "id-number", "name"; got "telefon"');
    expect(redact("Ring 987 65 432", { language: "no" })).toBe("Ring [telefon]");
    expect(thrown(() => codeMatrix(coded, "seminar", { code: ["time"] } as never))[0]).toContain('"code" is not one of its options (they are codes, values)');
    expect(thrown(() => checkDataset([], codebook, { minAlpha: 2 }))[0]).toBe('<input>: Cannot check the dataset: option "minAlpha" is invalid: expected a number <= 1; got 2 [option-invalid]');
    expect(toQdc(codebook, { language: "no" })).toBe(toQdc(codebook, { language: "nb" }));
    expect(parseQdc(toQdc(codebook), { languages: ["no"] } as never).diagnostics[0]?.field).toBe("languages.0");
    expect(stem("hjelpen", "no" as never)).toBe(stem("hjelpen", "nb"));
    expect(thrown(() => stem("hjelpen", "sv" as never))[0]).toContain('the language must be "nb", "nn" or "en", not the string "sv"');
  });
});
