import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readNotes, streamNotes, unwrap, type Diagnostic, type Note } from "../../src/index.ts";
import { lfRecords, RecordTexts } from "../../src/notes/record-texts.ts";
import { parse } from "csv-parse/sync";
import { fileURLToPath } from "node:url";
import { builtLibrary } from "../match/build-for-workers.ts";
import { tempDir } from "../support/temp-dir.ts";

const RICH = fileURLToPath(new URL("../match/rich.codebook.yaml", import.meta.url));

const bytes = (s: string) => new TextEncoder().encode(s);

/** csv-parse's raw texts, with null where RecordTexts stands in (one line, no quote, no CR). */
function expected(text: string): (string | null)[] {
  const records = parse(text, { delimiter: ";", raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { raw: string }[];
  return records.map(({ raw }) => (/^[^"\r\n]*\n?$/u.test(raw) ? null : raw));
}

/** RecordTexts over the text cut into pieces at the given byte offsets. */
function scanned(text: string, cuts: number[]): (string | null)[] {
  const all = bytes(text);
  const texts = new RecordTexts();
  const out: (string | null)[] = [];
  let from = 0;
  for (const cut of [...cuts, all.length]) {
    texts.push(all.subarray(from, cut), out);
    from = cut;
  }
  texts.end(out);
  return out;
}

const TRICKY = [
  "id;tekst\n",
  "1;enkel linje\n",
  "\n\n",
  '2;"sitat ""inni"" og; semikolon"\n',
  '3;"to\nlinjer\n\nog en tom"\n',
  "4;vogn\rretur inni\n",
  "5;crlf på slutten\r\n",
  "6;æøå og «sitat»\n",
  '7;""\n',
  "\n",
  "8;siste uten linjeskift",
].join("");

describe("RecordTexts", () => {
  it("gives csv-parse's raw text of every record that needs one, null for the others", () => {
    expect(scanned(TRICKY, [])).toEqual(expected(TRICKY));
    expect(expected(TRICKY).filter((r) => r === null)).toHaveLength(3);
  });

  it("gives the same whatever the pieces the file arrives in", () => {
    const want = expected(TRICKY);
    const length = bytes(TRICKY).length;
    for (let cut = 1; cut < length; cut++) expect(scanned(TRICKY, [cut])).toEqual(want);
    expect(scanned(TRICKY, [3, 20, 21, 40, 41, 42, 60, 90])).toEqual(want);
  });

  it("is only used for files whose header ends with a lone LF and a one-character delimiter", () => {
    expect(lfRecords(bytes("id;tekst\n1;a"), ";")).toBe(true);
    expect(lfRecords(bytes("id;tekst\r\n1;a"), ";")).toBe(false);
    expect(lfRecords(bytes('id;"tekst"\n1;a'), ";")).toBe(false);
    expect(lfRecords(bytes("id;tekst"), ";")).toBe(false);
    expect(lfRecords(bytes("id;;tekst\n"), ";;")).toBe(false);
  });
});

describe("streamNotes() on LF files without csv-parse's raw option", () => {
  it("gives exactly the notes, origins and diagnostics of readNotes(), across read chunks", async () => {
    const rows = ["id;gruppe;tekst;kommune"];
    const texts = ["Hun tok seg god tid", 'Fikk ikke "nok" tid,\nmen tillit', "Mangel på\rinformasjon", "Relasjonen;\n\nvar god", "Ærlig svar, ingen ventetid", "   ", "slutt\r"];
    const field = (t: string) => (/[;"\n]/u.test(t) ? `"${t.replaceAll('"', '""')}"` : t);
    for (let i = 0; i < 12000; i++) {
      rows.push(`n${i};G${i % 7};${field(`${texts[i % texts.length]} ${"x".repeat(i % 61)}`)};${i % 3 === 0 ? "" : "Bodø"}`);
      if (i % 101 === 0) rows.push("");
    }
    const file = `${tempDir("lf")}/lf.csv`;
    writeFileSync(file, rows.join("\n"));
    const loaded = await readNotes(file);
    const diagnostics: Diagnostic[] = [];
    const streamed: Note[] = [];
    for await (const note of streamNotes(file, { onDiagnostic: (d) => diagnostics.push(d) })) streamed.push(note);
    expect(streamed.length).toBeGreaterThan(4000);
    expect(streamed).toEqual(unwrap(loaded).notes);
    expect(diagnostics.map((d) => `${d.start?.line}:${d.start?.column} ${d.code}`)).toEqual(loaded.diagnostics.map((d) => `${d.start?.line}:${d.start?.column} ${d.code}`));
    expect(diagnostics.some((d) => d.code === "note-empty-text")).toBe(true);

    // Worker threads parse row-aligned chunks of the same file the same way.
    const lib = await builtLibrary();
    const codebook = await lib.loadCodebook(RICH);
    const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    const coded = lib.codeNotes(streamed, codebook, { language: "nb" });
    const fromWorkers = [];
    for await (const c of lib.codeNotesStream(lib.streamNotes(file), codebook, { language: "nb", workers: 2 })) fromWorkers.push(c);
    expect(json(fromWorkers)).toEqual(json(coded));
  }, 60_000);
});

describe("nfcBytes()", () => {
  it("normalises pieces with a byte from 0xCC wherever it lies, and hands the others back as they are", async () => {
    const { nfcBytes } = await import("../../src/notes/utf8-bytes.ts");
    const plain = bytes("id;tekst\n1;Ærlig «svar» på spørsmålet\n");
    expect(nfcBytes(plain)).toBe(plain);
    for (let pad = 0; pad < 9; pad++) {
      const text = `${"x".repeat(pad)}a\u030A og ø\n`;
      const all = bytes(`##${text}`);
      for (const offset of [0, 1, 2, 3]) {
        const piece = all.subarray(offset === 0 ? 2 : offset, all.length);
        const expected = new TextDecoder().decode(piece).normalize("NFC");
        expect(new TextDecoder().decode(nfcBytes(piece))).toBe(expected);
      }
    }
  });
});
