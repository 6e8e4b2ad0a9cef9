import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { notesToCsv } from "../../src/cli/refi-run.ts";
import {
  codeNotes,
  DIAGNOSTIC_CODES,
  decodeText,
  loadCodebook,
  parseCodebook,
  parseCodings,
  parseNotes,
  parseQdpx,
  readNotes,
  streamNotes,
  toQdpx,
  type Diagnostic,
  type Note,
} from "../../src/index.ts";
import { tempDir } from "../support/temp-dir.ts";
import { fuzz } from "./settings.ts";

// Property-based tests over hostile input: round trips that must be exact, parsers that must
// answer with a well-formed Result and never throw, and two readers that must agree. Runs and
// seed are fixed (see settings.ts); `npm run fuzz` runs each many times more.

/** Unicode's trouble-makers: delimiters, quotes, line breaks of every kind, BOM, zero-width and
 * direction marks, combining and decomposed letters, astral characters, the Greek question mark. */
const TROUBLE = [";", ",", "\t", '"', "'", "\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\uFEFF", "\u200B", "\u200D", "\u200E", "\u202E", "a\u030A", "e\u0301", "\u037E", "😀", "𝔸", "ß", "İ", "æ", "ø", "å", "#", "-", "*", "[P1]", "<!--", "-->", "\\", "{", "}", ":", " ", "  "];
const hostile = fc.array(fc.oneof(fc.constantFrom(...TROUBLE), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(""));
/** A text with at least one letter, so that it is no empty note. */
const text = fc.tuple(hostile, fc.constantFrom("tid", "Tillit", "hjelp"), hostile).map(([a, w, b]) => `${a}${w}${b}`);
const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/u);

const notesArbitrary = fc.uniqueArray(fc.record({ id, text, seminar: fc.option(hostile.filter((s) => s.trim() !== ""), { nil: undefined }) }), { minLength: 1, maxLength: 8, selector: (n) => n.id });

/** What a CSV cell becomes when read: NFC, trimmed (CSV cells are trimmed; see the README). */
const cell = (s: string) => s.normalize("NFC").trim();

function wellFormed(result: { ok: boolean; diagnostics: readonly Diagnostic[] }): void {
  expect(typeof result.ok).toBe("boolean");
  for (const d of result.diagnostics) {
    expect(Object.keys(DIAGNOSTIC_CODES)).toContain(d.code);
    expect(typeof d.reason).toBe("string");
    if (d.start) {
      expect(Number.isInteger(d.start.line) && d.start.line >= 1, JSON.stringify(d)).toBe(true);
      expect(Number.isInteger(d.start.column) && d.start.column >= 1, JSON.stringify(d)).toBe(true);
    }
  }
  if (!result.ok) expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
}

describe("round trips with hostile text", () => {
  it("CSV written by kodebok import reads back to the same notes (cells trimmed and in NFC)", () => {
    fc.assert(
      fc.property(notesArbitrary, (notes) => {
        const csv = notesToCsv(notes.map((n) => ({ ...n })) as Note[]);
        const result = parseNotes(new TextDecoder().decode(decodeOk(new TextEncoder().encode(csv))), { format: "csv" });
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        if (!result.ok) return;
        const expected = notes.filter((n) => cell(n.text) !== "").map((n) => ({ id: n.id, text: cell(n.text), ...(n.seminar !== undefined && cell(n.seminar) !== "" ? { seminar: cell(n.seminar) } : {}) }));
        expect(result.value.notes.map((n) => ({ id: n.id, text: n.text, ...(n.seminar !== undefined ? { seminar: n.seminar } : {}) }))).toEqual(expected);
      }),
      fuzz(200),
    );
  });

  it("JSON and JSON Lines keep every text as written", () => {
    fc.assert(
      fc.property(notesArbitrary, (notes) => {
        const json = parseNotes(JSON.stringify(notes), { format: "json" });
        const jsonl = parseNotes(notes.map((n) => JSON.stringify(n)).join("\n"), { format: "jsonl" });
        for (const result of [json, jsonl]) {
          expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
          // Exactly, but for U+037E, read as its NFC form ";" in every format (see nfcField).
          if (result.ok) expect(result.value.notes.map((n) => [n.id, n.text])).toEqual(notes.map((n) => [n.id, n.text.replaceAll("\u037E", ";")]));
        }
      }),
      fuzz(200),
    );
  });

  it("REFI-QDA export then import gives the notes back", async () => {
    const codebook = await loadCodebook("natland-2021");
    await fc.assert(
      fc.asyncProperty(notesArbitrary, async (notes) => {
        const input = notes.map((n) => ({ id: n.id, text: n.text.normalize("NFC"), seminar: "S" }));
        const coded = codeNotes(input, codebook, { language: "nb" });
        const result = parseQdpx(toQdpx(coded, codebook, { sources: "seminar" }));
        expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
        if (result.ok) expect(result.value.notes.map((n) => [n.id, n.text])).toEqual(input.map((n) => [n.id, n.text]));
      }),
      fuzz(8),
    );
  });
});

/** decodeText's text as UTF-8 bytes again (a round trip through the decoder a file takes). */
function decodeOk(bytes: Uint8Array): Uint8Array {
  const decoded = decodeText(bytes);
  expect(decoded.ok).toBe(true);
  return new TextEncoder().encode(decoded.ok ? decoded.text : "");
}

describe("every parser answers with a Result and never throws", () => {
  const structured = fc.oneof(
    hostile,
    fc.array(fc.oneof(hostile, fc.constantFrom("id;tekst\n", "note_id,coder,code\n", "# Seminar: x\n", "- ", "I: ", "P1: ", "[00:01] ", '{"id":', '"text":', "[", "]", "{", "}", "codes:", "id: x\n", "codes:\n  - ", "terms: [", "match: regex\n")), { maxLength: 20 }).map((p) => p.join("")),
  );

  it("parseNotes in every format, parseCodings, parseCodebook", () => {
    fc.assert(
      fc.property(structured, (input) => {
        for (const format of ["csv", "tsv", "json", "jsonl", "markdown", "transcript", "text", undefined] as const) wellFormed(parseNotes(input, format ? { format } : {}));
        wellFormed(parseCodings(input, { file: "c.csv" }));
        wellFormed(parseCodebook(input, { file: "c.yaml" }));
      }),
      fuzz(100),
    );
  });

  it("decodeText and parseQdpx on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, zip) => {
        const input = zip ? Uint8Array.from([0x50, 0x4b, ...bytes]) : bytes;
        wellFormed(decodeText(input, "x.csv"));
        wellFormed(parseQdpx(input, { file: "x.qdpx" }));
      }),
      fuzz(300),
    );
  });
});

describe("readers that must agree", () => {
  it("streamNotes gives the notes readNotes gives, on random CSV files", async () => {
    await fc.assert(
      fc.asyncProperty(notesArbitrary, fc.constantFrom("\n", "\r\n"), async (notes, eol) => {
        const file = `${tempDir("fuzz-stream")}/notes.csv`;
        writeFileSync(file, notesToCsv(notes.map((n) => ({ ...n })) as Note[]).replaceAll("\n", eol));
        const read = await readNotes(file);
        const streamed: Note[] = [];
        const diagnostics: Diagnostic[] = [];
        for await (const note of streamNotes(file, { onDiagnostic: (d) => diagnostics.push(d) })) streamed.push(note);
        expect(read.ok).toBe(true);
        if (read.ok) expect(streamed).toEqual(read.value.notes);
      }),
      fuzz(20),
    );
  });
});
