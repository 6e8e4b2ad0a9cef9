import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { CheckReportSchema } from "../../src/check/check-report.ts";
import { kodebok, kodebokInProcess } from "./run-cli.ts";
import { tempDir } from "../support/temp-dir.ts";

const CODEBOOK = "fixtures/check/codebook.yaml";
const GOOD = "fixtures/check/good-seminar.csv";
const BAD = "fixtures/check/bad-seminar.csv";

describe.concurrent("kodebok check", () => {
  it("passes a good dataset (exit 0) and prints the agreement table", async () => {
    const run = await kodebok(["check", GOOD, "--codebook", CODEBOOK]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    // Hand-computed for reciprocity (anna 3 notes, bo 4, 22 notes): alpha = 1 - (2/44)/(2*7*37/(44*43)) = 0.834,
    // kappa = (21/22 - 354/484) / (1 - 354/484) = 0.831.
    expect(run.stdout).toMatch(/^  anna × bo\s+code\s+reciprocity\s+22\s+0\.834\s+0\.831\s+95\.5%\s+pass$/m);
    expect(run.stdout).toMatch(/^  anna\s+22\s+2\s+9\.1%\s+pass$/m);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("check passed");
  });

  it("fails a bad dataset (exit 1) with every finding at file:line:column on stderr", async () => {
    const run = await kodebok(["check", BAD, "--codebook", CODEBOOK]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split("\n");
    // "relasjon" inside the quoted cell "time;relasjon" of line 3 starts at column 71.
    expect(lines).toContain(`${BAD}:3:71: Coder "anna" applied code "relasjon" to note "b02", but the codebook "check-mini" has no such code [coding-unknown-code]`);
    // Note b03 is Nynorsk; the codebook covers nb and en. Each coder's cell is located.
    expect(lines.filter((l) => l.endsWith("[check-language-not-covered]")).map((l) => l.split(": ")[0])).toEqual([`${BAD}:4:55`, `${BAD}:4:64`]);
    expect(lines).toContain(`${BAD}:5:45: warning: Note "b04" seems to contain a phone number (field "text") [check-personal-data]`);
    expect(lines).toContain(`${BAD}:6:43: warning: Note "b05" seems to contain an e-mail address (field "text") [check-personal-data]`);
    expect(lines).toContain(`${BAD}:12:54: warning: Note "b11" seems to contain a national identity number (field "text") [check-personal-data]`);
    // anna coded b06 as choice, bo b07: alpha = 1 - (4/24)/(2*2*22/(24*23)) = -0.045.
    expect(lines).toContain('kodebok: Agreement anna × bo on code "choice": alpha -0.045, kappa -0.091 over 12 notes; alpha is under the minimum 0.667 [check-agreement-below-minimum]');
    expect(lines).toContain('kodebok: Coder "anna" left 5 of 12 notes (41.7%) without a code; the maximum is 20.0% [check-uncoded-share]');
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("check failed: 6 errors, 3 warnings");
  });

  it("thresholds are options: --max-uncoded and --min-alpha change the verdict", async () => {
    const run = await kodebokInProcess(["check", GOOD, "--codebook", CODEBOOK, "--warn-alpha", "0.9"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: Agreement anna × bo on code "reciprocity": alpha 0.834, kappa 0.831 over 22 notes; alpha is under 0.9 [check-agreement-below-warning]');
    const strict = await kodebokInProcess(["check", GOOD, "--codebook", CODEBOOK, "--min-alpha", "0.9"]);
    expect(strict.code).toBe(1);
    const kappa = await kodebokInProcess(["check", GOOD, "--codebook", CODEBOOK, "--min-kappa", "0.85"]);
    expect(kappa.code).toBe(1);
    expect(kappa.stderr).toContain("kappa is under the minimum 0.85");
    const uncoded = await kodebokInProcess(["check", GOOD, "--codebook", CODEBOOK, "--max-uncoded", "0.05"]);
    expect(uncoded.code).toBe(1);
    expect(uncoded.stderr).toContain('Coder "anna" left 2 of 22 notes (9.1%) without a code; the maximum is 5.0%');
  });

  it("--against-auto compares each coder with kodebok's own coding", async () => {
    const run = await kodebok(["check", GOOD, "--codebook", CODEBOOK, "--against-auto", "--reporter", "json"]);
    expect(run.code).toBe(0);
    const report = CheckReportSchema.parse(JSON.parse(run.stdout));
    const overall = report.agreement.filter((r) => r.level === "overall");
    expect(overall.map((r) => r.coders.join("/"))).toEqual(["anna/bo", "anna/kodebok", "bo/kodebok"]);
    // The small codebook finds exactly anna's codes; bo added reciprocity to g22.
    expect(overall[1]!.alpha).toBe(1);
    expect(overall[2]!.auto).toBe(true);
    expect(overall[2]!.alpha).toBeCloseTo(0.972, 3);
  });

  it("checks long-form codings files beside notes: unknown notes and codes at their line", async () => {
    const run = await kodebok(["check", "fixtures/check/long/notes.csv", "fixtures/check/long/codings.csv", "--codebook", CODEBOOK]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('fixtures/check/long/codings.csv:10:1: Coder "anna" coded note "x99", which is in none of the notes files [coding-unknown-note]');
    expect(run.stderr).toContain('fixtures/check/long/codings.csv:5:7: Coder "bo" applied code "tid" to note "n2", but the codebook "check-mini" has no such code [coding-unknown-code]');
  });

  it("reports broken files as findings (exit 1), located, and goes on with the others", async () => {
    const run = await kodebok(["check", "fixtures/bad/unclosed-quote.csv", "fixtures/bad/duplicate-id.csv", GOOD, "--codebook", CODEBOOK]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^fixtures\/bad\/unclosed-quote\.csv:4:7: .*\[csv-unclosed-quote\]$/m);
    expect(run.stderr).toMatch(/^fixtures\/bad\/duplicate-id\.csv:6:1: .*"d1" is used twice.*\[note-duplicate-id\]$/m);
    expect(run.stdout).toMatch(/^  FAIL fixtures\/bad\/unclosed-quote\.csv/m);
    expect(run.stdout).toMatch(/^  ok   fixtures\/check\/good-seminar\.csv/m);
  });

  it("an unreadable dataset file or codebook is an input error (exit 2)", async () => {
    const missing = await kodebok(["check", "no-such.csv", "--codebook", CODEBOOK]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no-such.csv: Cannot read the dataset file: the file does not exist [file-not-found]");
    const codebook = await kodebok(["check", GOOD, "--codebook", "fixtures/bad/codebook-duplicate-code.yaml"]);
    expect(codebook.code).toBe(2);
    expect(codebook.stderr).toMatch(/codebook-duplicate-code\.yaml:18:9: .*\[codebook-duplicate-id\]/);
  });

  it("--reporter json prints the documented schema", async () => {
    const run = await kodebok(["check", BAD, "--codebook", CODEBOOK, "--reporter", "json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const report = CheckReportSchema.parse(JSON.parse(run.stdout));
    expect(report.schema).toBe("kodebok-check/1");
    expect(report.ok).toBe(false);
    expect(report.totals).toMatchObject({ files: 1, notes: 12, coders: ["anna", "bo"], errors: 6, warnings: 3 });
    const unknown = report.findings.find((f) => f.code === "coding-unknown-code");
    expect(unknown).toMatchObject({ file: BAD, start: { line: 3, column: 71 }, severity: "error", actual: "relasjon" });
    const choice = report.agreement.find((r) => r.id === "choice")!;
    expect(choice.status).toBe("fail");
    expect(choice.alpha).toBeCloseTo(-0.0455, 4);
    expect(report.uncoded.map((u) => [u.coder, u.uncoded, u.status])).toEqual([["anna", 5, "fail"], ["bo", 5, "fail"]]);
  });

  it("--reporter github prints workflow annotations with file, line and column", async () => {
    const run = await kodebok(["check", BAD, "--codebook", CODEBOOK, "--reporter", "github"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `::error file=${BAD},line=3,col=71,title=kodebok coding-unknown-code::Coder "anna" applied code "relasjon" to note "b02", but the codebook "check-mini" has no such code [coding-unknown-code]`,
    );
    expect(lines).toContain(`::warning file=${BAD},line=5,col=45,title=kodebok check-personal-data::Note "b04" seems to contain a phone number [check-personal-data]`);
    // "%" in a message is escaped as %25, as the workflow command syntax requires.
    expect(lines).toContain('::error title=kodebok check-uncoded-share::Coder "bo" left 5 of 12 notes (41.7%25) without a code; the maximum is 20.0%25 [check-uncoded-share]');
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(6);
    expect(lines.at(-1)).toBe("check failed: 6 errors, 3 warnings");
  });

  it("--reporter junit writes well-formed XML with a failing case per failing file and agreement row", async (context) => {
    const dir = tempDir("junit", context);
    const out = join(dir, "junit.xml");
    const run = await kodebok(["check", BAD, "fixtures/bad/unclosed-quote.csv", "--codebook", CODEBOOK, "--reporter", "junit", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim()).toBe("check failed: 7 errors, 3 warnings");
    const xml = readFileSync(out, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      testsuites: { failures: string; testsuite: { testcase: { name: string; classname: string; failure?: { message: string } }[] } };
    };
    const cases = doc.testsuites.testsuite.testcase;
    const failing = cases.filter((c) => c.failure).map((c) => c.name);
    expect(failing).toEqual([BAD, "fixtures/bad/unclosed-quote.csv", "anna x bo: code choice", "uncoded: anna", "uncoded: bo"]);
    expect(doc.testsuites.failures).toBe("5");
    expect(cases.find((c) => c.name === "fixtures/bad/unclosed-quote.csv")!.failure!.message).toContain("unclosed-quote.csv:4:7:");
    expect(readdirSync(dir)).toEqual(["junit.xml"]);
  });

  it("never writes the report over a dataset file (exit 2)", async () => {
    const run = await kodebok(["check", GOOD, "--codebook", CODEBOOK, "--reporter", "json", "--out", GOOD]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[output-overwrites-input]");
  });

  it("the bundled natland-2021 codebook passes against the fixtures' hand coding (--against-auto)", async () => {
    const run = await kodebok([
      "check", "fixtures/seminars/city-seminar.csv", "fixtures/seminars/rural-seminar.csv", "fixtures/english/seminar-en.csv",
      "--codebook", "natland-2021", "--against-auto", "--reporter", "json",
    ]);
    expect(run.code).toBe(0);
    const report = CheckReportSchema.parse(JSON.parse(run.stdout));
    expect(report.totals).toMatchObject({ files: 3, notes: 249, coders: ["hand"], errors: 0 });
    const overall = report.agreement.find((r) => r.level === "overall")!;
    expect(overall.coders).toEqual(["hand", "kodebok"]);
    expect(overall.alpha).toBeGreaterThanOrEqual(0.8);
  });

  it("colours the verdict only on request, never with NO_COLOR", async () => {
    expect((await kodebok(["check", GOOD, "--codebook", CODEBOOK], { env: { FORCE_COLOR: "1" } })).stdout).toContain("\u001b[32mcheck passed");
    const bad = await kodebok(["check", BAD, "--codebook", CODEBOOK], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(bad.stdout + bad.stderr).not.toContain("\u001b[");
  });
});
