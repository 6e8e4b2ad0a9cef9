import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDataset } from "../../src/check/check-dataset.ts";
import { checkReportToGithub } from "../../src/check/check-report-github.ts";
import { CheckReportSchema } from "../../src/check/check-report.ts";
import { parseCodebook } from "../../src/codebook/parse.ts";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";

const codebookResult = parseCodebook(readFileSync(new URL("../../fixtures/check/codebook.yaml", import.meta.url), "utf8"));
if (!codebookResult.ok) throw new Error("fixture codebook invalid");
const codebook = codebookResult.value;

describe("checkDataset()", () => {
  it("passes a dataset where two coders agree, and its report matches the schema", () => {
    const text = "id;language;text;codes:anna;codes:bo\nn1;nb;Hun tok seg tid;time;time\nn2;nb;Jeg ble sett;relation;relation\nn3;nb;Jeg fikk informasjon;knowledge_sharing;knowledge_sharing\n";
    const report = checkDataset([{ file: "notes.csv", text }], codebook);
    expect(CheckReportSchema.parse(report)).toEqual(report);
    expect(report.ok).toBe(true);
    expect(report.totals).toMatchObject({ notes: 3, codings: 6, coders: ["anna", "bo"], errors: 0 });
    expect(report.agreement.find((r) => r.level === "overall")).toMatchObject({ alpha: 1, kappa: 1, percent: 1, units: 18, status: "pass" });
  });

  it("locates an unknown code inside a multi-code cell and suggests the nearest code", () => {
    const text = 'id;text;codes:anna\nn1;Hun tok seg tid;"time;relatoin"\n';
    const report = checkDataset([{ file: "notes.csv", text }], codebook, { language: "nb" });
    const finding = report.findings.find((f) => f.code === "coding-unknown-code")!;
    expect(formatDiagnostic(finding)).toBe('notes.csv:2:26: Coder "anna" applied code "relatoin" to note "n1", but the codebook "check-mini" has no such code [coding-unknown-code]');
    expect(finding.note).toBe('Did you mean "relation"?');
    expect(report.ok).toBe(false);
  });

  it("finds duplicate ids across files, located at the second", () => {
    const a = { file: "a.csv", text: "id;text\nn1;Tid\n" };
    const b = { file: "b.csv", text: "id;text\nx;Tillit\nn1;Respekt\n" };
    const report = checkDataset([a, b], codebook);
    const dup = report.findings.filter((f) => f.code === "note-duplicate-id");
    expect(dup.map((d) => `${d.file}:${d.start?.line}`)).toEqual(["b.csv:3"]);
  });

  it("warns (never fails) about personal data, and reports no codings as a warning", () => {
    const report = checkDataset([{ file: "n.csv", text: "id;text\nn1;Ring 912 34 567\n" }], codebook);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => [f.code, f.severity])).toEqual([
      ["check-no-codings", "warning"],
      ["check-personal-data", "warning"],
    ]);
    // Without human coders, the uncoded share is kodebok's own, for information.
    expect(report.uncoded).toEqual([{ coder: "kodebok", auto: true, notes: 1, uncoded: 1, share: 1, status: "pass" }]);
  });

  it("reads a wide-form codings file (codes:<coder> columns, no text) beside a notes file", () => {
    const notes = { file: "notes.csv", text: "id;language;text\nn1;nb;Hun tok seg tid\nn2;nb;Jeg ble sett\nn3;nb;Kaffe\n" };
    const codings = { file: "codings.csv", text: "note_id;codes:anna;codes:bo\nn1;time;time\nn2;relation;relation\nn3;;\n" };
    const report = checkDataset([notes, codings], codebook, { maxUncoded: 0.5 });
    expect(report.files.map((f) => [f.file, f.kind, f.ok])).toEqual([["notes.csv", "notes", true], ["codings.csv", "codings", true]]);
    expect(report.totals).toMatchObject({ notes: 3, codings: 4, coders: ["anna", "bo"], errors: 0 });
    // n3 was seen by both (an empty cell) and coded by neither: one uncoded note of three each.
    expect(report.uncoded.map((u) => [u.coder, u.uncoded, u.notes])).toEqual([["anna", 1, 3], ["bo", 1, 3]]);
  });

  it("github annotations escape newlines, percent signs and commas in properties", () => {
    const report = checkDataset([{ file: "dir,with:odd.csv", text: 'id;text;codes:anna\nn1;Tid;nope\n' }], codebook, { language: "nb" });
    const line = checkReportToGithub(report).split("\n").find((l) => l.startsWith("::error"))!;
    expect(line.startsWith("::error file=dir%2Cwith%3Aodd.csv,line=2,col=8,")).toBe(true);
  });
});

describe("checkDataset() reports every finding in one run, like a linter", () => {
  const read = (file: string) => ({ file, text: readFileSync(new URL(`../../${file}`, import.meta.url), "utf8") });

  it("a repeated id does not hide an unknown code, a ragged row, an empty text, a language, personal data or a codings file's problems", () => {
    const report = checkDataset([read("fixtures/check/many-problems.csv"), read("fixtures/check/many-problems-codings.csv")], codebook);
    const located = report.findings.filter((d) => d.file !== undefined).map(formatDiagnostic);
    expect(located).toEqual([
      "fixtures/check/many-problems.csv:6:67: Cannot load notes: row has 9 fields, the header has 8 [csv-ragged-row]",
      'fixtures/check/many-problems.csv:4:1: Cannot load notes: id "m01" is used twice (first at fixtures/check/many-problems.csv:2) [note-duplicate-id]',
      'fixtures/check/many-problems.csv:5:33: warning: Skipped note "m04": its text is empty [note-empty-text]',
      'fixtures/check/many-problems-codings.csv:3:1: Coder "cecilie" coded note "m99", which is in none of the notes files [coding-unknown-note]',
      'fixtures/check/many-problems.csv:3:65: Coder "anna" applied code "tid" to note "m02", but the codebook "check-mini" has no such code [coding-unknown-code]',
      'fixtures/check/many-problems.csv:7:55: Coder "anna" applied code "relation" to note "m06" in language "nn", which the codebook "check-mini" does not cover (nb, en) [check-language-not-covered]',
      'fixtures/check/many-problems.csv:7:64: Coder "bo" applied code "relation" to note "m06" in language "nn", which the codebook "check-mini" does not cover (nb, en) [check-language-not-covered]',
      'fixtures/check/many-problems-codings.csv:4:13: Coder "cecilie" applied code "tempo" to note "m02", but the codebook "check-mini" has no such code [coding-unknown-code]',
      'fixtures/check/many-problems.csv:9:45: warning: Note "m08" seems to contain a phone number (field "text") [check-personal-data]',
    ]);
    expect(report.ok).toBe(false);
    // The file with errors is still counted with what was read from it, and fails.
    expect(report.files[0]).toMatchObject({ file: "fixtures/check/many-problems.csv", kind: "notes", ok: false, notes: 5, coders: ["anna", "bo"] });
    expect(report.totals.notes).toBe(5);
  });
});
