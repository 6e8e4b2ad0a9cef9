import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readNotes, parseNotes } from "../../src/index.ts";
import { RawLines } from "../../src/notes/raw-lines.ts";

describe("RawLines", () => {
  // LF, CRLF and mixed files, empty lines (skipped), line breaks inside quotes, a CR alone; the
  // expected lines are where each record starts, counted by hand as an editor shows them.
  const files: [string, number[]][] = [
    ['id;tekst\n1;a\n\n2;"b\nc"\n3;d', [1, 2, 4, 6]],
    ['id;tekst\r\n\r\n1;"x\r\n\r\ny"\r\n2;"\r z"\r\n3;"\n\n"\r\n\r\n\r\n4;x', [1, 3, 6, 8, 13]],
    ['id;tekst\n\n1;"a\r\n\r\ny"\n\n\n2;"\r"\n3;w\n\n4;x\n\n', [1, 3, 8, 10, 12]],
  ];
  for (const [n, [text, expected]] of files.entries()) {
    it(`gives the line each record starts on (file ${n + 1})`, () => {
      const records = parse(text, { delimiter: ";", raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { raw: string }[];
      const lines = new RawLines();
      expect(records.map((r) => lines.next(r.raw))).toEqual(expected);
    });
  }
});

describe("parseNotesCsv() origins in Windows files", () => {
  it("places notes after a multi-line text on their own lines when lines end with CRLF", () => {
    const result = parseNotes('id;tekst\r\n1;"tid\r\nmer tid"\r\n2;ok\r\n', { format: "csv" });
    expect(result.ok && result.value.notes.map((n) => n.origin?.line)).toEqual([2, 4]);
  });

  it("places the survey fixture's notes (CRLF, a three-line answer) on the lines where they start", async () => {
    const result = await readNotes("fixtures/survey/user-survey.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { readFileSync } = await import("node:fs");
    const fileLines = readFileSync("fixtures/survey/user-survey.csv", "utf8").replace(/^\uFEFF/u, "").split(/\r\n|\r|\n/u);
    for (const note of result.value.notes) expect(fileLines[note.origin!.line - 1]!.startsWith(note.participant!)).toBe(true);
  });
});
