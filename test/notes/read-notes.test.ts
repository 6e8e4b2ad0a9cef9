import { describe, expect, it } from "vitest";
import { formatDiagnostic, KodebokError, loadCodings, loadNotes, loadQdc, parseNotes, readCodings, readNotes, readQdc, readQdpx } from "../../src/index.ts";
import { parseNotesBytes } from "../../src/notes/read-notes.ts";

const CSV = "fixtures/seminars/city-seminar.csv";
const printed = async (input: Parameters<typeof readNotes>[0]) => (await readNotes(input)).diagnostics.map(formatDiagnostic);
const FORMATS = "CSV (.csv), TSV (.tsv, .tab), JSON (.json), JSON Lines (.jsonl, .ndjson), Markdown (.md, .markdown), text or transcript (.txt), Excel (.xlsx) and Word (.docx)";

describe("readX returns a result, loadX throws, parseX parses text", () => {
  it("readNotes() returns a result; loadNotes() the notes themselves", async () => {
    const read = await readNotes(CSV);
    expect(read.ok).toBe(true);
    const loaded = await loadNotes(CSV);
    expect(read.ok && read.value).toEqual(loaded);
    expect(loaded.notes.length).toBe(108);
    expect(loaded.codings.length).toBeGreaterThan(0);
  });

  it("loadNotes() throws a KodebokError with the located diagnostics", async () => {
    const error = await loadNotes("fixtures/bad/unclosed-quote.csv").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KodebokError);
    expect((error as KodebokError).diagnostics.map(formatDiagnostic)).toEqual([
      "fixtures/bad/unclosed-quote.csv:4:7: Cannot load notes: a quoted field is not closed [csv-unclosed-quote]",
    ]);
  });

  it("a string is always a path for readNotes(): a text is not read as notes, and the message names parseNotes()", async () => {
    const result = await readNotes("id;tekst\n1;Hun tok seg tid\n");
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "file-not-found", note: expect.stringContaining("parseNotes(text") });
    const parsed = parseNotes("id;tekst\n1;Hun tok seg tid\n", { format: "csv" });
    expect(parsed.ok && parsed.value.notes.map((n) => n.text)).toEqual(["Hun tok seg tid"]);
  });

  it("a mistyped path is a missing file, not a note whose text is the path", async () => {
    expect(await printed("fixtures/seminars/city-seminr.csv")).toEqual(["fixtures/seminars/city-seminr.csv: Cannot load notes: the file does not exist [file-not-found]"]);
    expect(await printed(["fixtures/seminars/city-seminr"])).toEqual(["fixtures/seminars/city-seminr: Cannot load notes: the file does not exist [file-not-found]"]);
  });

  it("refuses a list that mixes paths and notes", async () => {
    const result = await readNotes([CSV, { id: "1", text: "Tid" }] as never);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'Cannot load notes: the list mixes paths and notes (item 2 is an object); pass either paths or notes (field "[1]") [option-invalid]'.replace(/^/, "<input>: "),
    ]);
  });

  it("readCodings() returns a result; loadCodings() the codings, or throws", async () => {
    const read = await readCodings("fixtures/check/long/codings.csv");
    const loaded = await loadCodings("fixtures/check/long/codings.csv");
    expect(read.ok && read.value).toEqual(loaded);
    await expect(loadCodings("fixtures/check/long/none.csv")).rejects.toThrow(/the file does not exist \[file-not-found\]/u);
  });

  it("readQdc() and readQdpx() read paths; loadQdc() throws", async () => {
    expect((await readQdc("fixtures/seminars")).diagnostics.map((d) => d.code)).toEqual(["file-is-folder"]);
    expect((await readQdpx("fixtures/none.qdpx")).diagnostics.map((d) => d.code)).toEqual(["file-not-found"]);
    await expect(loadQdc("fixtures/none.qdc")).rejects.toBeInstanceOf(KodebokError);
  });
});

describe("readNotes() refuses what it does not read, never guessing", () => {
  it("a folder says it is a folder", async () => {
    expect(await printed("fixtures/seminars")).toEqual(["fixtures/seminars: Cannot load notes: it is a folder, not a file [file-is-folder]"]);
  });

  it("an extension kodebok does not read is refused, naming the formats it reads", async () => {
    expect(await printed("fixtures/check/codebook.yaml")).toEqual([`fixtures/check/codebook.yaml: Cannot load notes: kodebok does not read ".yaml" files; it reads ${FORMATS} files [file-unsupported-type]`]);
    // ... unless the format is named.
    const named = await readNotes("fixtures/check/codebook.yaml", { format: "text" });
    expect(named.ok).toBe(true);
  });

  it("binary content is refused, saying what it looks like: a spreadsheet (ZIP), a PDF, NUL bytes", async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    expect((await parseNotesBytes(zip, { file: "survey.ods" })).diagnostics.map((d) => d.code)).toEqual(["file-unsupported-type"]);
    expect((await parseNotesBytes(zip, { file: "survey.csv" })).diagnostics.map(formatDiagnostic)).toEqual([
      `survey.csv: Cannot load notes: the file is a ZIP archive (an .xlsx, .docx, .odt or .qdpx file is one), not text; it reads ${FORMATS} files [file-binary]`,
    ]);
    const pdf = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
    expect((await parseNotesBytes(pdf, { file: "report" })).diagnostics[0]?.reason).toMatch(/^Cannot load notes: the file is a PDF document, not text/u);
    const nul = new Uint8Array([0x69, 0x64, 0x0a, 0x00, 0x01, 0x02]);
    expect((await parseNotesBytes(nul, { file: "x.txt" })).diagnostics[0]?.reason).toMatch(/binary data \(it has NUL bytes\)/u);
    // Text is read as before.
    expect((await parseNotesBytes(new TextEncoder().encode("id;tekst\n1;Tid\n"), { file: "x.csv" })).ok).toBe(true);
  });

  it("parseNotes() with a file name kodebok does not read refuses instead of guessing a format", () => {
    const result = parseNotes("id;tekst\n1;Tid\n", { file: "survey.ods" });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["file-unsupported-type"]);
  });
});
