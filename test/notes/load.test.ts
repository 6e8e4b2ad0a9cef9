import { describe, expect, it } from "vitest";
import { formatDiagnostic, readNotes, parseNotes } from "../../src/index.ts";

const printed = async (file: string) => (await readNotes(file)).diagnostics.map(formatDiagnostic);

describe("readNotes() on CSV", () => {
  it("reads a ;-delimited seminar file with Norwegian headers and codes:<coder> columns", async () => {
    const result = await readNotes("fixtures/seminars/city-seminar.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const first = result.value.notes[0]!;
    expect(first).toMatchObject({ id: "bgo-001", seminar: "Bergen 2019-03-12", group: "B-G1", participant: "B-G1-P1", question: "q1", language: "nb" });
    expect(first.origin).toMatchObject({ file: "fixtures/seminars/city-seminar.csv", line: 2 });
    expect(result.value.codings.every((c) => c.coder === "hand")).toBe(true);
    expect(new Set(result.value.codings.map((c) => c.note)).size).toBeGreaterThan(80);
  });

  it("maps Norwegian survey headers, keeps other columns as attributes and generates stable ids", async () => {
    const a = await readNotes("fixtures/survey/user-survey.csv", { source: "survey" });
    const b = await readNotes("fixtures/survey/user-survey.csv", { source: "survey" });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.notes.map((n) => n.id)).toEqual(b.value.notes.map((n) => n.id));
    expect(a.value.notes[0]).toMatchObject({ id: "user-survey-1", participant: "R001", source: "survey", attributes: { kommune: "Bergen" } });
    expect(a.diagnostics.map((d) => d.code)).toEqual(["note-id-generated"]);
    // A multi-line answer stays one note, and its origin is the line where the record starts.
    const multi = a.value.notes.find((n) => n.participant === "R005")!;
    expect(multi.text).toContain("\n");
  });

  it("reads a file with a BOM and comma delimiter", async () => {
    const result = await readNotes("fixtures/bad/bom-comma.csv");
    expect(result.ok && result.value.notes[0]?.id).toBe("c1");
    expect(result.ok && result.value.notes[0]?.text).toBe("Fast saksbehandler, endelig");
  });

  it("reads Windows-1252 with a warning at the first byte that is not UTF-8", async () => {
    const result = await readNotes("fixtures/bad/windows-1252.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.notes.find((n) => n.id === "w2")?.text).toBe("Ble møtt som et menneske");
    expect(result.value.notes.find((n) => n.id === "w6")?.text).toBe("Åpen dør, også på fredager");
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      "fixtures/bad/windows-1252.csv:3:15: warning: The file is not valid UTF-8 (9 invalid sequences, 0 valid UTF-8 letters); it was read as Windows-1252 [encoding-windows-1252]",
    ]);
  });

  it("locates an unclosed quote where it opens", async () => {
    expect(await printed("fixtures/bad/unclosed-quote.csv")).toEqual([
      "fixtures/bad/unclosed-quote.csv:4:7: Cannot load notes: a quoted field is not closed [csv-unclosed-quote]",
    ]);
  });

  it("locates a ragged row at its extra field", async () => {
    expect(await printed("fixtures/bad/ragged-row.csv")).toEqual([
      "fixtures/bad/ragged-row.csv:3:14: Cannot load notes: row has 4 fields, the header has 3 [csv-ragged-row]",
    ]);
  });

  it("warns about an empty text at its field, and keeps the other notes", async () => {
    const result = await readNotes("fixtures/bad/empty-text.csv");
    expect(result.ok && result.value.notes.map((n) => n.id)).not.toContain("e4");
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'fixtures/bad/empty-text.csv:5:7: warning: Skipped note "e4": its text is empty [note-empty-text]',
    ]);
  });

  it("rejects a duplicate id and names the first place", async () => {
    const [message] = await printed("fixtures/bad/duplicate-id.csv");
    expect(message).toMatch(/^fixtures\/bad\/duplicate-id\.csv:6:1: Cannot load notes: id "d1" is used twice \(first at fixtures\/bad\/duplicate-id\.csv:2\)/u);
  });

  it("says which header lacks a text column and how to map one", async () => {
    const result = await readNotes("fixtures/bad/no-text-column.csv");
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "csv-no-text-column", start: { line: 1, column: 1 } });
    const mapped = await readNotes("fixtures/bad/no-text-column.csv", { columns: { text: "dato" } });
    expect(mapped.ok).toBe(true);
  });

  it("makes one note per row and column for a survey with several free-text columns", () => {
    const result = parseNotes("respondent;Hva hjalp?;Hva manglet?\nR1;Tid;Informasjon\n", { format: "csv", textColumns: ["Hva hjalp?", "Hva manglet?"] });
    expect(result.ok && result.value.notes.map((n) => [n.id, n.question, n.text])).toEqual([
      ["note-1-hva-hjalp", "Hva hjalp?", "Tid"],
      ["note-1-hva-manglet", "Hva manglet?", "Informasjon"],
    ]);
  });
});

describe("readNotes() on JSON, JSONL, Markdown and transcripts", () => {
  it("locates a JSON syntax error", async () => {
    expect(await printed("fixtures/bad/syntax-error.json")).toEqual([
      "fixtures/bad/syntax-error.json:4:3: Cannot load notes: Expected ',' or ']' after array element [json-parse-error]",
    ]);
  });

  it("locates a schema error in JSON at the offending value", () => {
    const result = parseNotes('[\n  {"id": "1", "text": "ok"},\n  {"id": "2", "text": 5}\n]', { format: "json", file: "n.json" });
    expect(result.diagnostics.map(formatDiagnostic)[0]).toMatch(/^n\.json:3:\d+: Cannot load notes: "1\.text": /u);
  });

  it("reports a bad JSONL line with its line number", async () => {
    const result = await readNotes("fixtures/bad/invalid-line.jsonl");
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => `${d.start?.line}:${d.start?.column} ${d.code}`)).toEqual(["3:29 json-parse-error"]);
  });

  it("reads the Markdown flip-over format with seminar, group, question, cluster and participant", async () => {
    const result = await readNotes("fixtures/seminars/followup-seminar.md");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.notes).toHaveLength(25);
    expect(result.value.notes[0]).toMatchObject({ seminar: "Fjellvik oppfølgingsseminar", group: "1", participant: "P1", question: "q1", cluster: "Tid og tilgjengelighet", attributes: { date: "2019-05-06" } });
    const continued = parseNotes("# S\n## Gruppe 1\n- [P2] første linje\n  andre linje\nstray\n", { format: "markdown", file: "m.md" });
    expect(continued.ok && continued.value.notes[0]?.text).toBe("første linje andre linje");
    expect(continued.diagnostics.map(formatDiagnostic)).toEqual([
      "m.md:5:1: warning: Skipped a line that is neither a heading nor a bullet [markdown-stray-text]",
    ]);
  });

  it("reads an interview transcript as the participants' turns, with the interviewer's question", async () => {
    const result = await readNotes("fixtures/interviews/interview-01.txt");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.notes.length).toBeGreaterThan(5);
    expect(result.value.notes.every((n) => n.participant !== "I" && n.source === "interview")).toBe(true);
    expect(result.value.notes.every((n) => n.question !== undefined)).toBe(true);
  });

  it("accepts plain objects and reports the bad ones", async () => {
    const result = await readNotes([{ id: "1", text: "Tid" }, { id: "", text: "x" }]);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.field).toBe("[1].id");
  });

  it("reports a missing file as a diagnostic", async () => {
    const result = await readNotes("fixtures/none.csv");
    expect(result.diagnostics[0]).toMatchObject({ code: "file-not-found", file: "fixtures/none.csv" });
  });

  it("rejects the same id in two files", async () => {
    const result = await readNotes(["fixtures/seminars/city-seminar.csv", "fixtures/seminars/city-seminar.csv"]);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.code === "note-duplicate-id").length).toBe(108);
  });
});
