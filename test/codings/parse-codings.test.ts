import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";
import { parseCodings } from "../../src/codings/parse-codings.ts";
import { readCodings } from "../../src/codings/read-codings.ts";
import { tempDir } from "../support/temp-dir.ts";

const codebook = { codes: [{ id: "time" }, { id: "relation" }, { id: "knowledge" }] } as never;

describe("parseCodings()", () => {
  it("reads long form with Norwegian header aliases and a ; delimiter", () => {
    const text = "notat;koder;kode\nn1;anna;time\nn1;anna;relation\nn1;bjørn;time\nn2;bjørn;\n";
    const r = parseCodings(text, { file: "k.csv", codebook });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.form).toBe("long");
    expect(r.value.coders).toEqual(["anna", "bjørn"]);
    expect(r.value.codings.map((c) => `${c.note}/${c.coder}/${c.code}`)).toEqual(["n1/anna/time", "n1/anna/relation", "n1/bjørn/time"]);
    // An empty code records that bjørn saw n2 and found nothing.
    expect(r.value.seen).toEqual([{ coder: "anna", notes: ["n1"] }, { coder: "bjørn", notes: ["n1", "n2"] }]);
    expect(r.value.codings[2]!.origin).toEqual({ file: "k.csv", line: 4, column: 10 });
  });
  it("places codings after a multi-line cell and an empty line on their own lines in a CRLF file", () => {
    const text = 'note_id,coder,code,memo\r\nn1,anna,time,"two\r\nlines"\r\n\r\nn2,anna,relation,x\r\n';
    const r = parseCodings(text, { file: "k.csv", codebook });
    expect(r.ok && r.value.codings.map((c) => c.origin?.line)).toEqual([2, 5]);
  });
  it("detects tab and comma delimiters", () => {
    const tab = parseCodings("note_id\tcoder\tcode\nn1\tanna\ttime\n");
    const comma = parseCodings("note,coder,code\nn1,anna,time\n");
    expect(tab.ok && tab.value.codings).toEqual([{ note: "n1", coder: "anna", code: "time", origin: { line: 2, column: 9 } }]);
    expect(comma.ok && comma.value.codings.length).toBe(1);
  });
  it("reads wide form: one column per coder with ;-separated codes", () => {
    const text = 'note_id,text,anna,bjørn\nn1,Hun tok seg tid,"time; relation",time\nn2,Ingen,,NA\n';
    const r = parseCodings(text, { codebook });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.form).toBe("wide");
    expect(r.value.coders).toEqual(["anna", "bjørn"]);
    expect(r.value.codings.map((c) => `${c.note}/${c.coder}/${c.code}`)).toEqual(["n1/anna/time", "n1/anna/relation", "n1/bjørn/time"]);
    // anna's empty cell: saw n2, no code; bjørn's NA: did not see n2.
    expect(r.value.seen).toEqual([{ coder: "anna", notes: ["n1", "n2"] }, { coder: "bjørn", notes: ["n1"] }]);
  });
  it("uses codes:<coder> columns in wide form when present", () => {
    const r = parseCodings("id,seminar,codes:anna,codes:kodebok\nn1,Bodø,time,time\n");
    expect(r.ok && r.value.coders).toEqual(["anna", "kodebok"]);
  });
  it("reports a code not in the codebook at its line and column", () => {
    const text = 'note_id,anna,bjørn\nn1,"time;relasjon",time\nn2,Time,time\n';
    const r = parseCodings(text, { file: "wide.csv", codebook });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'wide.csv:2:10: Cannot load coding of note "n1" by anna: code "relasjon" is not in the codebook [coding-unknown-code]',
      'wide.csv:3:4: Cannot load coding of note "n2" by anna: code "Time" is not in the codebook [coding-unknown-code]',
    ]);
    expect(r.diagnostics[1]!.note).toBe('Did you mean "time"? Code ids are case-sensitive.');
  });
  it("reports unknown note ids, or skips them with a warning when asked", () => {
    const text = "note_id,coder,code\nn1,anna,time\nn9,anna,time\n";
    const strict = parseCodings(text, { file: "c.csv", notes: [{ id: "n1", text: "x" }] });
    expect(strict.ok).toBe(false);
    expect(strict.diagnostics.map(formatDiagnostic)).toEqual([
      'c.csv:3:1: Cannot load codings of note "n9": the note is not in the notes [coding-unknown-note]',
    ]);
    const lenient = parseCodings(text, { file: "c.csv", notes: ["n1"], unknown: "warning" });
    expect(lenient.ok && lenient.value.codings.length).toBe(1);
    expect(lenient.diagnostics.map(formatDiagnostic)).toEqual([
      'c.csv:3:1: warning: Skipped codings of note "n9": the note is not in the notes [coding-unknown-note]',
    ]);
  });
  it("reports ragged rows, a missing note column and duplicates", () => {
    const ragged = parseCodings("note_id,coder,code\nn1,anna\n", { file: "r.csv" });
    expect(ragged.diagnostics.map(formatDiagnostic)).toEqual([
      "r.csv:2:1: Cannot load codings: row has 2 fields, the header has 3 [csv-ragged-row]",
    ]);
    const noNote = parseCodings("coder,code\nanna,time\n", { file: "r.csv" });
    expect(noNote.ok).toBe(false);
    expect(noNote.diagnostics[0]!.code).toBe("coding-missing-column");
    const dup = parseCodings("note_id,coder,code\nn1,anna,time\nn1,anna,time\n", { file: "d.csv" });
    expect(dup.ok && dup.value.codings.length).toBe(1);
    expect(dup.diagnostics.map(formatDiagnostic)).toEqual([
      'd.csv:3:9: warning: Skipped a duplicate coding: anna applied "time" to note "n1" twice [coding-duplicate]',
    ]);
  });
  it("reads JSON in long and wide form, locating unknown codes", () => {
    const long = '[\n  {"note": "n1", "coder": "anna", "code": "time"},\n  {"note": "n1", "coder": "bjørn", "code": "tid"}\n]\n';
    const r = parseCodings(long, { file: "c.json", codebook });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'c.json:3:44: Cannot load coding of note "n1" by bjørn: code "tid" is not in the codebook [coding-unknown-code]',
    ]);
    const wide = '{"codings": [{"note_id": "n1", "anna": ["time", "relation"], "bjørn": "time"}, {"note_id": "n2", "anna": []}]}';
    const w = parseCodings(wide, { codebook });
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect(w.value.codings.map((c) => `${c.note}/${c.coder}/${c.code}`)).toEqual(["n1/anna/time", "n1/anna/relation", "n1/bjørn/time"]);
    expect(w.value.seen).toEqual([{ coder: "anna", notes: ["n1", "n2"] }, { coder: "bjørn", notes: ["n1"] }]);
    const broken = parseCodings("[{", { file: "b.json" });
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics[0]!.code).toBe("json-parse-error");
  });
  it("reports an invalid option instead of throwing", () => {
    const r = parseCodings("note_id,coder,code\n", { format: "xml" } as never);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.code).toBe("option-invalid");
  });
  it("reads polarity in long form and rejects unknown values", () => {
    const r = parseCodings("note_id,coder,code,polarity\nn1,anna,time,barrier\nn2,anna,time,bad\n", { file: "p.csv" });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'p.csv:3:14: Cannot load coding of note "n2": polarity "bad" is neither helpful nor barrier [coding-unknown-polarity]',
    ]);
  });
});

describe("readCodings()", () => {
  it("reads a file and locates diagnostics in it, or reports a missing file", async () => {
    const dir = tempDir("codings");
    const path = join(dir, "codings.csv");
    await writeFile(path, "note_id,coder,code\nn1,anna,time\nn1,anna,tempo\n");
    const r = await readCodings(path, { codebook });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `${path}:3:9: Cannot load coding of note "n1" by anna: code "tempo" is not in the codebook [coding-unknown-code]`,
    ]);
    const missing = await readCodings(join(dir, "nope.csv"));
    expect(missing.ok).toBe(false);
    expect(missing.diagnostics[0]!.code).toBe("file-not-found");
  });
});
