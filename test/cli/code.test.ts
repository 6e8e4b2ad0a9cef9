import { readdirSync, readFileSync, symlinkSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReportJsonSchema } from "../../src/report/json.ts";
import { kodebok, kodebokInProcess, ROOT } from "./run-cli.ts";
import { tempDir } from "../support/temp-dir.ts";

const CODEBOOK = "fixtures/check/codebook.yaml";
const GOOD = "fixtures/check/good-seminar.csv";

describe.concurrent("kodebok code", () => {
  it("prints a readable table of categories and themes with their counts", async () => {
    const run = await kodebok(["code", GOOD, "--codebook", CODEBOOK]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    // 22 notes, 20 coded: the two notes about coffee and the weather match no theme.
    expect(run.stdout).toContain("22 notes · 11 participants · 4 groups · 2 seminars · 20 coded, 2 uncoded (9.1%)");
    expect(run.stdout).toMatch(/^Category \/ theme\s+Notes\s+Participants\s+Groups\s+Seminars\s+Share\s+Helpful\s+Barrier$/m);
    // relation: g01, g08, g15, g22 -> 4 notes of 22 = 18.2%, by 4 participants in 4 groups (G1, G2, L1, G3).
    expect(run.stdout).toMatch(/^  Relasjon\s+4\s+4\s+4\s+2\s+18\.2%\s+4\s+0$/m);
    expect(run.stdout).toContain("Quotes");
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("--format json prints the report module's JSON of the roll-up", async () => {
    const run = await kodebok(["code", GOOD, "--codebook", CODEBOOK, "--format", "json", "--quotes", "1"]);
    expect(run.code).toBe(0);
    const { summary } = ReportJsonSchema.parse(JSON.parse(run.stdout));
    expect(summary.totals.notes).toBe(22);
    expect(summary.codebook.id).toBe("check-mini");
    for (const code of summary.categories.flatMap((c) => c.codes)) expect(code.quotes.length).toBeLessThanOrEqual(1);
  });

  it("--format md, csv and html render through the report module", async () => {
    const md = await kodebokInProcess(["code", GOOD, "--codebook", CODEBOOK, "--format", "md"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# /m);
    expect(md.stdout).toContain("Relasjon");
    const csv = await kodebokInProcess(["code", GOOD, "--codebook", CODEBOOK, "--format", "csv"]);
    expect(csv.code).toBe(0);
    const [header, first] = csv.stdout.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(header).toBe("category,category_label,code,code_label,notes,share,helpful,barrier,participants,groups,seminars");
    expect(first).toMatch(/^relational,Betydningen av det relasjonelle,relation,Relasjon,4,/);
    const html = await kodebokInProcess(["code", GOOD, "--codebook", CODEBOOK, "--format", "html"]);
    expect(html.code).toBe(0);
    expect(html.stdout.trimStart().toLowerCase().startsWith("<!doctype html>")).toBe(true);
  });

  it("--language en gives labels in English", async () => {
    const run = await kodebokInProcess(["code", GOOD, "--codebook", CODEBOOK, "--language", "en"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("The importance of the relational");
  });

  it("masks personal data in quotes unless --no-redact", async (context) => {
    const dir = tempDir("code", context);
    const notes = join(dir, "notes.csv");
    writeFileSync(notes, "id;text\nn1;Hun tok seg tid og ga meg nummeret 912 34 567\n");
    const redacted = await kodebok(["code", notes, "--codebook", CODEBOOK, "--language", "nb"]);
    expect(redacted.code).toBe(0);
    expect(redacted.stdout).toContain("[telefon]");
    expect(redacted.stdout).not.toContain("912 34 567");
    const plain = await kodebok(["code", notes, "--codebook", CODEBOOK, "--language", "nb", "--no-redact"]);
    expect(plain.stdout).toContain("912 34 567");
  });

  it("reads a survey with --text-column and --delimiter", async () => {
    const run = await kodebokInProcess(["code", "fixtures/survey/user-survey.csv", "--codebook", CODEBOOK, "--text-column", "svar", "--delimiter", ";", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(ReportJsonSchema.parse(JSON.parse(run.stdout)).summary.totals.notes).toBe(41);
  });

  it("a broken notes file is an input error (exit 2) located as file:line:column", async () => {
    const run = await kodebok(["code", "fixtures/bad/unclosed-quote.csv", "--codebook", CODEBOOK]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^fixtures\/bad\/unclosed-quote\.csv:4:7: .*\[csv-unclosed-quote\]$/m);
  });

  it("a missing notes file or codebook is an input error (exit 2)", async () => {
    const missing = await kodebok(["code", "no-such-file.csv", "--codebook", CODEBOOK]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no-such-file.csv: Cannot load notes: the file does not exist [file-not-found]");
    const codebook = await kodebok(["code", GOOD, "--codebook", "no-such-codebook"]);
    expect(codebook.code).toBe(2);
    expect(codebook.stderr).toContain("[codebook-not-found]");
  });

  it("writes --out atomically: the file has the output and no temporary file is left", async (context) => {
    const dir = tempDir("out", context);
    const out = join(dir, "summary.json");
    writeFileSync(out, "old content");
    const run = await kodebok(["code", GOOD, "--codebook", CODEBOOK, "--format", "json", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(ReportJsonSchema.parse(JSON.parse(readFileSync(out, "utf8"))).summary.totals.notes).toBe(22);
    expect(readdirSync(dir)).toEqual(["summary.json"]);
  });

  it("never overwrites an input named as --out, not even through a link (exit 2)", async (context) => {
    const dir = tempDir("in", context);
    const notes = join(dir, "notes.csv");
    copyFileSync(join(ROOT, GOOD), notes);
    const before = readFileSync(notes, "utf8");
    const same = await kodebok(["code", notes, "--codebook", CODEBOOK, "--out", notes]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("it is an input file of this run, and kodebok never overwrites its input [output-overwrites-input]");
    const link = join(dir, "link.csv");
    symlinkSync(notes, link);
    const linked = await kodebok(["code", notes, "--codebook", CODEBOOK, "--out", link]);
    expect(linked.code).toBe(2);
    const codebookCopy = join(dir, "codebook.yaml");
    copyFileSync(join(ROOT, CODEBOOK), codebookCopy);
    const ontoCodebook = await kodebok(["code", notes, "--codebook", codebookCopy, "--out", codebookCopy]);
    expect(ontoCodebook.code).toBe(2);
    expect(readFileSync(notes, "utf8")).toBe(before);
    expect(readFileSync(codebookCopy, "utf8")).toBe(readFileSync(join(ROOT, CODEBOOK), "utf8"));
    expect(readdirSync(dir).sort()).toEqual(["codebook.yaml", "link.csv", "notes.csv"]);
  });

  it("colours only when asked and never with NO_COLOR", async () => {
    const forced = await kodebok(["code", GOOD, "--codebook", CODEBOOK], { env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\u001b[1m");
    const noColour = await kodebok(["code", GOOD, "--codebook", CODEBOOK], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(noColour.stdout).not.toContain("\u001b[");
    const bad = await kodebok(["code", "fixtures/bad/unclosed-quote.csv", "--codebook", CODEBOOK], { env: { NO_COLOR: "1" } });
    expect(bad.stderr).not.toContain("\u001b[");
  });

  it("gives the same bytes on every run, and with --workers", async () => {
    const seminars = ["fixtures/seminars/city-seminar.csv", "fixtures/seminars/rural-seminar.csv"];
    const a = await kodebok(["code", ...seminars, "--format", "json"]);
    const b = await kodebok(["code", ...seminars, "--format", "json"]);
    const workers = await kodebok(["code", ...seminars, "--format", "json", "--workers", "2"]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).summary.totals.notes).toBe(196);
    expect(b.stdout).toBe(a.stdout);
    expect(workers.code).toBe(0);
    expect(workers.stdout).toBe(a.stdout);
  });
});
