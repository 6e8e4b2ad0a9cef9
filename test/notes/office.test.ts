import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import writeXlsxFile from "write-excel-file/universal";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";
import { parseNotesCsv } from "../../src/notes/csv.ts";
import { readNotes } from "../../src/notes/read-notes.ts";
import { parseNotesMarkdown } from "../../src/notes/markdown.ts";
import type { Note } from "../../src/notes/note.ts";
import { cellText, columnLetters, parseNotesXlsx } from "../../src/notes/spreadsheet.ts";
import { parseTranscript } from "../../src/notes/transcript.ts";
import { parseNotesDocx, readWordParagraphs } from "../../src/notes/word.ts";
import { docxBytes, paragraphsOfText } from "./office-files.ts";

const ROOT = new URL("../../", import.meta.url);
const fixture = (path: string) => readFileSync(new URL(path, ROOT), "utf8");
const withoutOrigin = <T extends { origin?: unknown }>(items: readonly T[]) => items.map(({ origin: _o, ...rest }) => rest);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Cell = string | number | Date | null | { value: string; columnSpan: number };
async function xlsx(sheets: Array<{ sheet: string; data: Cell[][] }>): Promise<Uint8Array> {
  const blob = await writeXlsxFile(sheets.map((s) => ({ ...s, dateFormat: "dd.mm.yyyy" })) as never).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

// A survey export as Excel writes it: a merged title row above the header, a date column, a
// cell with a line break, empty rows, numbers as numbers, a coder's column, and a second sheet.
const day = (d: number) => new Date(Date.UTC(2024, 2, d));
const survey: Cell[][] = [
  [{ value: "Brukerundersøkelse NAV Fjellvik, mars 2024", columnSpan: 5 }, null, null, null, null],
  ["id", "dato", "gruppe", "svar", "codes:anna"],
  [null, null, null, null, null],
  [1, day(12), "A", "Hun tok seg tid til å høre på meg", "time"],
  [2, day(12), "A", "Fikk ærlig informasjon om\nhva som var mulig", "knowledge_sharing;relation"],
  [null, null, null, null, null],
  [3, day(13), "B", "Ingen ringte tilbake", null],
];
const surveyCsv = [
  "id;dato;gruppe;svar;codes:anna",
  "1;2024-03-12;A;Hun tok seg tid til å høre på meg;time",
  '2;2024-03-12;A;"Fikk ærlig informasjon om\nhva som var mulig";knowledge_sharing;relation',
  "3;2024-03-13;B;Ingen ringte tilbake;",
].join("\n").replace("knowledge_sharing;relation", '"knowledge_sharing;relation"');
const second: Cell[][] = [["tekst", "kilde"], ["Veilederen kjente systemet", "intervju"]];

describe("parseNotesXlsx()", async () => {
  const bytes = await xlsx([{ sheet: "Svar", data: survey }, { sheet: "Andre runde", data: second }]);

  it("gives the notes and codings of its CSV twin, past the merged title row and the empty rows", async () => {
    const fromXlsx = await parseNotesXlsx(bytes, { file: "survey.xlsx" });
    const fromCsv = parseNotesCsv(surveyCsv, { file: "survey.csv" });
    expect(fromXlsx.ok && fromCsv.ok).toBe(true);
    if (!fromXlsx.ok || !fromCsv.ok) return;
    expect(withoutOrigin(fromXlsx.value.notes)).toEqual(withoutOrigin(fromCsv.value.notes));
    expect(withoutOrigin(fromXlsx.value.codings)).toEqual(withoutOrigin(fromCsv.value.codings));
    expect(fromXlsx.value.notes[1]).toMatchObject({ id: "2", text: "Fikk ærlig informasjon om\nhva som var mulig", group: "A", attributes: { dato: "2024-03-12" } });
    // Places are the sheet's rows and columns: note 3's text is D7.
    expect(fromXlsx.value.notes[2]!.origin).toEqual({ file: "survey.xlsx", line: 7, column: 4 });
    expect(fromXlsx.diagnostics.map(formatDiagnostic)).toEqual([
      'survey.xlsx:1:1: info: Took row 2 of sheet "Svar" as the header and skipped the row above it [xlsx-rows-above-header]',
    ]);
  });

  it("reads another sheet by name or number, with textColumns as for CSV", async () => {
    const byName = await parseNotesXlsx(bytes, { file: "survey.xlsx", sheet: "Andre runde" });
    const byNumber = await parseNotesXlsx(bytes, { file: "survey.xlsx", sheet: 2 });
    expect(byName.ok && byName.value.notes).toEqual([{ id: "survey-1", text: "Veilederen kjente systemet", source: "intervju", origin: { file: "survey.xlsx", line: 2, column: 1 } }]);
    expect(byNumber).toEqual(byName);
    const wide = await xlsx([{ sheet: "Ark1", data: [["respondent", "Hva hjalp?", "Hva var vanskelig?"], ["r1", "Tid", "Ventetid"]] }]);
    const result = await parseNotesXlsx(wide, { file: "wide.xlsx", textColumns: ["Hva hjalp?", "Hva var vanskelig?"] });
    expect(result.ok && result.value.notes.map((n) => [n.id, n.participant, n.question, n.text])).toEqual([
      ["wide-1-hva-hjalp", "r1", "Hva hjalp?", "Tid"],
      ["wide-1-hva-var-vanskelig", "r1", "Hva var vanskelig?", "Ventetid"],
    ]);
  });

  it("is what readNotes() reads from a .xlsx file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kodebok-office-"));
    dirs.push(dir);
    const path = join(dir, "survey.xlsx");
    writeFileSync(path, bytes);
    const loaded = await readNotes(path);
    expect(loaded.ok && loaded.value.notes.map((n) => n.text)).toEqual(["Hun tok seg tid til å høre på meg", "Fikk ærlig informasjon om\nhva som var mulig", "Ingen ringte tilbake"]);
  });

  it("locates a repeated id and an empty text at their cells, naming the sheet", async () => {
    const bad = await xlsx([{ sheet: "Svar", data: [["id", "tekst"], ["a1", "Tid"], ["a2", null], ["a1", "Ventetid"]] }]);
    const result = await parseNotesXlsx(bad, { file: "bad.xlsx" });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^bad\.xlsx:3:2: warning: .*a2.*\(sheet "Svar", cell B3\) \[note-empty-text\]$/),
      expect.stringMatching(/^bad\.xlsx:4:1: .*"a1".*\(sheet "Svar", cell A4\) \[note-duplicate-id\]$/),
    ]);
  });

  it("refuses a file that is not a workbook, an old .xls, a damaged one and a missing sheet, saying why", async () => {
    const say = async (input: Uint8Array, options = {}) => (await parseNotesXlsx(input, { file: "x.xlsx", ...options })).diagnostics.map(formatDiagnostic);
    expect(await say(strToU8("id;tekst\n1;Tid\n"))).toEqual(["x.xlsx: Cannot load notes: the file is not a readable .xlsx workbook: it is not a ZIP archive, as .xlsx files are [xlsx-invalid]"]);
    expect(await say(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toEqual(["x.xlsx: Cannot load notes: the file is not a readable .xlsx workbook: it is an old binary Excel file (.xls); save it as .xlsx [xlsx-invalid]"]);
    const parts = unzipSync(bytes);
    delete parts["xl/workbook.xml"];
    expect(await say(zipSync(parts))).toEqual([expect.stringMatching(/^x\.xlsx: Cannot load notes: the file is not a readable \.xlsx workbook: .*xl\/workbook\.xml.* \[xlsx-invalid\]$/)]);
    expect(await say(bytes.slice(0, 400))).toEqual([expect.stringMatching(/^x\.xlsx: Cannot load notes: the file is not a readable \.xlsx workbook: .+ \[xlsx-invalid\]$/)]);
    expect(await say(bytes, { sheet: "Svar 2" })).toEqual(['x.xlsx: Cannot load notes: the workbook has no sheet "Svar 2" [xlsx-sheet-not-found]']);
  });

  it("writes cells as a CSV export would hold them", () => {
    expect([cellText(day(12)), cellText(new Date(Date.UTC(2024, 2, 12, 9, 30))), cellText(12), cellText(0.5), cellText(true), cellText(null)]).toEqual(["2024-03-12", "2024-03-12 09:30:00", "12", "0.5", "TRUE", ""]);
    expect([columnLetters(0), columnLetters(25), columnLetters(26), columnLetters(701), columnLetters(702)]).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
  });
});

describe("parseNotesDocx()", () => {
  it("reads an interview transcript with the notes of its .txt twin, placed at their paragraphs", async () => {
    const text = fixture("fixtures/interviews/interview-01.txt");
    const docx = await parseNotesDocx(docxBytes(paragraphsOfText(text)), { file: "interview-01.docx" });
    const txt = parseTranscript(text, { file: "interview-01.txt" });
    expect(docx.ok && txt.ok).toBe(true);
    if (!docx.ok || !txt.ok) return;
    expect(docx.value.notes.length).toBeGreaterThan(5);
    expect(withoutOrigin(docx.value.notes)).toEqual(withoutOrigin(txt.value.notes));
    // One paragraph per line: the places are the same numbers.
    expect(docx.value.notes.map((n) => n.origin)).toEqual(txt.value.notes.map((n) => ({ ...n.origin, file: "interview-01.docx" })));
  });

  it("reads flip-over notes (headings and bullets) with the notes of their .md twin", async () => {
    const text = fixture("fixtures/seminars/followup-seminar.md");
    const paragraphs = paragraphsOfText(text);
    const docx = await parseNotesDocx(docxBytes(paragraphs), { file: "followup.docx" });
    const md = parseNotesMarkdown(text, { file: "followup.md" });
    expect(docx.ok && md.ok).toBe(true);
    if (!docx.ok || !md.ok) return;
    expect(withoutOrigin(docx.value.notes).map((n: Omit<Note, "origin">) => ({ ...n, id: n.id.replace("followup-seminar", "followup") }))).toEqual(withoutOrigin(md.value.notes).map((n) => ({ ...n, id: n.id.replace("followup-seminar", "followup") })));
    const lang = docx.value.notes.find((n) => n.text.startsWith("Lang ventetid"))!;
    expect(lang.text).toContain("forvaltningsenheten i byen");
    expect(lang.origin).toEqual({ file: "followup.docx", line: paragraphs.findIndex((p) => p.text.includes("Lang ventetid")) + 1, column: 6 });
  });

  it("reads Word's headings and list items, and paragraphs inside tables", async () => {
    const table = `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>P2: I en tabell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;
    const bytes = docxBytes([{ text: "Intervju", heading: 1 }, { text: "Punkt", listItem: true }], {
      "word/document.xml": `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Intervju</w:t></w:r></w:p>${table}<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Punkt</w:t></w:r></w:p></w:body></w:document>`,
    });
    const result = await readWordParagraphs(bytes, "t.docx");
    expect(result.ok && result.value).toEqual([
      { number: 1, text: "Intervju", heading: 1 },
      { number: 2, text: "P2: I en tabell" },
      { number: 3, text: "Punkt", listItem: true },
    ]);
  });

  it("locates a problem in the document at its paragraph", async () => {
    const result = await parseNotesDocx(docxBytes([{ text: "Notater fra gruppe 2" }, { text: "" }, { text: "I: Hva hjalp?" }, { text: "P1: At hun ringte." }, { text: "P2: Tid." }]), { file: "t.docx" });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(["t.docx:1:1: warning: Skipped a line before the first speaker turn (paragraph 1) [transcript-unrecognised-line]"]);
  });

  it("refuses a file that is not a .docx, an old .doc, and a package without its document, saying why", async () => {
    const say = async (input: Uint8Array) => (await parseNotesDocx(input, { file: "x.docx" })).diagnostics.map(formatDiagnostic);
    expect(await say(strToU8("P1: Tid\n"))).toEqual(["x.docx: Cannot load notes: the file is not a readable .docx document: it is not a ZIP archive, as .docx files are [docx-invalid]"]);
    expect(await say(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toEqual(["x.docx: Cannot load notes: the file is not a readable .docx document: it is an old binary Word file (.doc); save it as .docx [docx-invalid]"]);
    expect(await say(docxBytes([], { "word/document.xml": null, "_rels/.rels": null }))).toEqual(["x.docx: Cannot load notes: the file is not a readable .docx document: it has no main document part (word/document.xml) [docx-invalid]"]);
    expect(await say(docxBytes([{ text: "P1: Tid" }]).slice(0, 300))).toEqual(["x.docx: Cannot load notes: the file is not a readable .docx document: it is not a ZIP archive (no end of central directory) [zip-invalid]"]);
    // Broken XML in the document part: located in that part.
    const broken = docxBytes([], { "word/document.xml": '<?xml version="1.0"?>\n<w:document xmlns:w="x"><w:body>\n<w:p><w:r><w:t>P1: Tid</w:r></w:p>\n</w:body></w:document>' });
    expect(await say(broken)).toEqual([expect.stringMatching(/^x\.docx\/word\/document\.xml:3:\d+: Cannot read Word document part word\/document\.xml: it is not well-formed XML: .+ \[docx-invalid\]$/)]);
  });
});
