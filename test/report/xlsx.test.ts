import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/universal";
import { afterAll, describe, expect, it } from "vitest";
import { loadCodebook } from "../../src/codebook/load.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { parseNotesCsv } from "../../src/notes/csv.ts";
import { toCsv } from "../../src/report/csv.ts";
import { toXlsx } from "../../src/report/xlsx.ts";
import { rollUp } from "../../src/rollup/roll-up.ts";
import { kodebok } from "../cli/run-cli.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("toXlsx()", async () => {
  const codebook = await loadCodebook("natland-2021");
  const parsed = parseNotesCsv("id;gruppe;kommune;tekst\nn1;A;Bodø;Hun tok seg tid til meg\nn2;A;Bodø;Ingen ga meg informasjon om hva jeg hadde krav på\nn3;B;Ålesund;Kaffe og vafler\n");
  if (!parsed.ok) throw new Error("notes");
  const coded = codeNotes(parsed.value.notes, codebook, { language: "nb" });
  const summary = rollUp(coded, codebook, { language: "nb" });
  const bytes = await toXlsx(summary, { coded });
  const sheets = await readXlsxFile(bytes.slice().buffer);

  it("has a sheet of themes with counts as numbers, and a sheet of coded notes with the columns of toCsv()", () => {
    // natland-2021 has the actors dimension: its theme × actor table is a third sheet.
    expect(sheets.map((s) => s.sheet)).toEqual(["Themes", "Coded notes", "Themes x actors"]);
    const [themes, notes, cells] = sheets.map((s) => s.data);
    expect(cells![0]!.slice(0, 10)).toEqual(["dimension", "code", "code_label", "value", "value_label", "notes", "helpful", "barrier", "share", "total"]);
    expect(themes![0]).toEqual(["category", "category_label", "code", "code_label", "notes", "share", "helpful", "barrier", "participants", "groups", "seminars"]);
    const time = themes!.find((r) => r[2] === "time")!;
    expect(time.slice(4)).toEqual([1, 1 / 3, 1, 0, 0, 1, 0]); // share: of all 3 notes
    const csvHeader = toCsv(coded, { bom: false }).split("\r\n")[0]!.split(",");
    expect(notes![0]).toEqual(csvHeader);
    expect(notes![0]!.at(-1)).toBe("kommune");
    // The uncoded note keeps one row with an empty code; æøå as written.
    expect(notes!.find((r) => r[0] === "n3")).toEqual(expect.arrayContaining(["n3", "B", "nb", "Kaffe og vafler", "Ålesund"]));
    expect(notes!.slice(1).map((r) => r[0])).toEqual(toCsv(coded, { bom: false }).trim().split("\r\n").slice(1).map((l) => l.split(",")[0]));
  });

  it("freezes the header row of each sheet and shows the share as a percentage", () => {
    const files = unzipSync(bytes);
    for (const sheet of ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]) {
      expect(strFromU8(files[sheet]!)).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    }
    expect(strFromU8(files["xl/styles.xml"]!)).toContain('formatCode="0.0%"');
  });

  it("gives the same bytes every time", async () => {
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the ZIP format's two-second clock
    const again = await toXlsx(summary, { coded });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("kodebok code --format xlsx", () => {
  it("writes the workbook with --out, and refuses to write it to stdout (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kodebok-xlsx-"));
    dirs.push(dir);
    const out = join(dir, "results.xlsx");
    const run = await kodebok(["code", "fixtures/seminars/city-seminar.csv", "--codebook", "natland-2021", "--format", "xlsx", "--out", out]);
    expect(run.code).toBe(0);
    const sheets = await readXlsxFile(readFileSync(out).buffer.slice(0) as ArrayBuffer);
    expect(sheets.map((s) => [s.sheet, s.data.length > 1])).toEqual([["Themes", true], ["Coded notes", true], ["Themes x actors", true]]);
    const toStdout = await kodebok(["code", "fixtures/seminars/city-seminar.csv", "--format", "xlsx"]);
    expect(toStdout.code).toBe(2);
    expect(toStdout.stderr).toContain("--format xlsx writes a workbook (a ZIP file): name it with --out <file.xlsx>");
  });
});
