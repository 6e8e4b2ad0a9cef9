// What a new user hands the CLI: large files, lists of paths, folders, files kodebok does not read.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kodebok } from "./run-cli.ts";

const CODEBOOK = "fixtures/check/codebook.yaml";
const dir = mkdtempSync(join(tmpdir(), "kodebok-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A survey of `rows` answers with one coder's codes, as a researcher's export would be. */
function survey(name: string, rows: number, prefix: string): string {
  const lines = ["id;svar;codes:anna"];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}${i};${i % 2 ? "Hun tok seg tid til meg" : "Kaffe og vafler"};${i % 2 ? "time" : ""}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe.concurrent("kodebok code and check on survey-sized files", () => {
  // 160,000 rows: spreading them into push() overflowed the call stack from about 150,000.
  const big = survey("big.csv", 160_000, "r");
  const small = survey("small.csv", 3, "s");

  it.each([[[]], [["--workers", "2"]]])("kodebok code reads 160,000 rows from a list of paths (%j)", async (extra) => {
    const run = await kodebok(["code", big, small, "--codebook", CODEBOOK, "--format", "json", ...extra]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary.totals).toMatchObject({ notes: 160_003, coded: 80_001 });
  });

  it("kodebok check reads 160,000 rows from a list of paths", async () => {
    const run = await kodebok(["check", big, small, "--codebook", CODEBOOK, "--reporter", "json", "--max-uncoded", "0.6"]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).totals).toMatchObject({ files: 2, notes: 160_003, codings: 80_001, coders: ["anna"] });
    expect(run.code).toBe(0);
  });
});

describe.concurrent("kodebok refuses what it does not read, and says why", () => {
  const FORMATS = "CSV (.csv), TSV (.tsv, .tab), JSON (.json), JSON Lines (.jsonl, .ndjson), Markdown (.md, .markdown), text or transcript (.txt), Excel (.xlsx) and Word (.docx)";
  // The first bytes of a real .ods (or .xlsx): a ZIP archive.
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
  const ods = join(dir, "survey.ods");
  const zipAsCsv = join(dir, "export.csv");
  writeFileSync(ods, zip);
  writeFileSync(zipAsCsv, zip);

  it("a spreadsheet kodebok does not read is refused by its extension, naming the formats it reads (exit 2)", async () => {
    const run = await kodebok(["code", ods]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`survey.ods: Cannot load notes: kodebok does not read ".ods" files; it reads ${FORMATS} files [file-unsupported-type]`);
  });

  it("binary content is refused whatever its name, by code, check and agree (exit 2)", async () => {
    for (const command of [["code"], ["check", "--codebook", CODEBOOK], ["agree"]]) {
      const run = await kodebok([...command, zipAsCsv]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/export\.csv: Cannot (load notes|read the dataset file): the file is a ZIP archive \(an \.xlsx, \.docx, \.odt or \.qdpx file is one\), not text; .*\[file-binary\]/u);
    }
  });

  it("a folder says it is a folder, not a missing file", async () => {
    const code = await kodebok(["code", "fixtures/seminars"]);
    expect(code.code).toBe(2);
    expect(code.stderr).toContain("fixtures/seminars: Cannot load notes: it is a folder, not a file [file-is-folder]");
    const codebook = await kodebok(["code", "fixtures/check/good-seminar.csv", "--codebook", "fixtures/check"]);
    expect(codebook.code).toBe(2);
    expect(codebook.stderr).toContain('Cannot load codebook "fixtures/check": it is a folder, not a file [file-is-folder]');
  });

  it("kodebok check reports every unreadable file in one run, and checks the others (exit 2)", async () => {
    const run = await kodebok(["check", "fixtures/seminars", "no-such.csv", "fixtures/check/good-seminar.csv", "--codebook", CODEBOOK]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("fixtures/seminars: Cannot read the dataset file: it is a folder, not a file [file-is-folder]");
    expect(run.stderr).toContain("no-such.csv: Cannot read the dataset file: the file does not exist [file-not-found]");
    expect(run.stdout).toMatch(/^  ok   fixtures\/check\/good-seminar\.csv \(notes: 22 notes/mu);
    expect(run.stdout).toContain("check failed: 2 errors");
  });

  it("- reads standard input, in the format of --input-format or told from the content", async () => {
    const csv = "id;tekst;codes:anna\nn1;Hun tok seg tid til meg;time\nn2;Kaffe og vafler;\n";
    const code = await kodebok(["code", "-", "--codebook", CODEBOOK, "--format", "json", "--input-format", "csv"], { input: csv });
    expect(code.stderr).toBe("");
    expect(JSON.parse(code.stdout).summary.totals).toMatchObject({ notes: 2, coded: 1 });
    const detected = await kodebok(["code", "-", "--codebook", CODEBOOK, "--format", "json"], { input: csv });
    expect(JSON.parse(detected.stdout).summary.totals).toMatchObject({ notes: 2, coded: 1 });
    const check = await kodebok(["check", "-", "--codebook", CODEBOOK, "--input-format", "csv", "--reporter", "json", "--max-uncoded", "0.5"], { input: csv });
    expect(JSON.parse(check.stdout).files).toEqual([{ file: "<stdin>", kind: "notes", ok: true, notes: 2, codings: 1, coders: ["anna"] }]);
    // Messages name standard input.
    const broken = await kodebok(["code", "-", "--input-format", "csv"], { input: 'id;tekst\nn1;"open\n' });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^<stdin>:2:4: .*\[csv-unclosed-quote\]$/mu);
  });

  it("- reads standard input once", async () => {
    const run = await kodebok(["code", "-", "-"], { input: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Cannot read standard input twice: give - once");
  });

  it("--input-format reads a text file whose extension kodebok does not know", async () => {
    const dat = join(dir, "answers.dat");
    writeFileSync(dat, "id;tekst\nn1;Hun tok seg tid til meg\n");
    expect((await kodebok(["code", dat, "--codebook", CODEBOOK])).stderr).toContain("[file-unsupported-type]");
    const run = await kodebok(["code", dat, "--codebook", CODEBOOK, "--input-format", "csv", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary.totals.notes).toBe(1);
  });
});

describe.concurrent("kodebok's options", () => {
  it("--language no means Bokmål, and a language it does not know is a usage error (exit 2)", async () => {
    const no = await kodebok(["code", "fixtures/check/good-seminar.csv", "--codebook", CODEBOOK, "--language", "no", "--format", "json"]);
    const nb = await kodebok(["code", "fixtures/check/good-seminar.csv", "--codebook", CODEBOOK, "--language", "nb", "--format", "json"]);
    expect(no.code).toBe(0);
    expect(no.stdout).toBe(nb.stdout);
    const bad = await kodebok(["code", "fixtures/check/good-seminar.csv", "--language", "se"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '-l, --language <language>' argument 'se' is invalid. Allowed choices are nb, nn, en, auto, no.");
  });
});

describe.concurrent("kodebok check, like a linter", () => {
  it("reports a repeated id and the unknown code after it in one run (exit 1)", async () => {
    const run = await kodebok(["check", "fixtures/check/many-problems.csv", "fixtures/check/many-problems-codings.csv", "--codebook", CODEBOOK]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^fixtures\/check\/many-problems\.csv:4:1: .*"m01" is used twice.*\[note-duplicate-id\]$/mu);
    expect(run.stderr).toMatch(/^fixtures\/check\/many-problems\.csv:3:65: Coder "anna" applied code "tid".*\[coding-unknown-code\]$/mu);
    expect(run.stderr).toMatch(/^fixtures\/check\/many-problems-codings\.csv:4:13: .*"tempo".*\[coding-unknown-code\]$/mu);
    expect(run.stdout).toContain("  FAIL fixtures/check/many-problems.csv (notes: 5 notes, 10 codings; anna, bo; 5 errors, 2 warnings)");
  });
});
