import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kodebok } from "./run-cli.ts";

const SAMPLE = "fixtures/refine/sample.csv";
const CODEBOOK = "fixtures/refine/codebook.yaml";
const BASE = ["refine", SAMPLE, "--codebook", CODEBOOK, "--samples", "200", "--seed", "7"];
const dir = mkdtempSync(join(tmpdir(), "kodebok-refine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent("kodebok refine", () => {
  it("prints the agreement, the candidates and the changes (figures as in test/refine/refine-codebook.test.ts)", async () => {
    const run = await kodebok([...BASE, "--coder", "anna"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^time\s+8\s+7\s+4\s+3\s+4\s+0\.57\s+0\.50\s+0\.00 \[[-\d.]+, [-\d.]+\]\s+0\.71 \[[-\d.]+, [-\d.]+\]\s+0\.39 \[[-\d.]+, [-\d.]+\]\s+2$/m);
    expect(run.stdout).toMatch(/^ringte\s+word\s+3\s+0\s+0\s+7\.72\s+3\s+yes/m);
    expect(run.stdout).toMatch(/^time\.terms\s+traktoren\s+2\s+0\s+4\.56\s+2\s+notNear/m);
    expect(run.stdout).toMatch(/^2\s+rule time\.terms: notNear "traktoren" \(within 5\)\s+2\s+0\s+0\.39 -> 0\.71\s+1 of 3/m);
    expect(run.stdout).toContain("extends: ./fixtures/refine/codebook.yaml");
    expect(run.stderr).toContain("Cross-validated with 3 folds instead of 5: the notes form only 3 fold groups [refine-few-groups]");
  });

  it("--patch-out writes the patch, which kodebok loads as a codebook extending the original", async () => {
    const patch = join(dir, "refined.yaml");
    const run = await kodebok([...BASE, "--coder", "anna", "--patch-out", patch, "--format", "json", "--no-cross-validate"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { overall: { after: { kappa: number } }; patch: { extends: string } };
    expect(report.overall.after.kappa).toBeCloseTo(68 / 96, 12);
    const yaml = readFileSync(patch, "utf8");
    expect(yaml).toMatch(/^extends: \.\.\/.*fixtures\/refine\/codebook\.yaml$/m);
    const agree = await kodebok(["agree", SAMPLE, "--codebook", patch, "--against-auto", "--format", "json"]);
    expect(agree.code).toBe(0);
    const comparisons = JSON.parse(agree.stdout) as { coders: string[]; codes: { code: string; kappa: number }[] }[];
    const anna = comparisons.find((c) => c.coders.join() === "anna,kodebok")!;
    expect(anna.codes[0]!.kappa).toBeCloseTo(68 / 96, 12);
  });

  it("writes Markdown and HTML with the same tables", async () => {
    const md = await kodebok([...BASE, "--coder", "anna", "--format", "md", "--no-cross-validate"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("| ringte | word | 3 | 0 | 0 | 7.72 | 3 | yes |");
    expect(md.stdout).toContain("```yaml\n# Codebook patch proposed by `kodebok refine`");
    const html = await kodebok([...BASE, "--coder", "anna", "--format", "html", "--no-cross-validate"]);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(html.stdout).toContain("<td>ringte</td><td>word</td>");
    expect(html.stdout).toContain("default-src 'none'");
  });

  it("needs --coder when the inputs hold several coders, and names them", async () => {
    const run = await kodebok(BASE);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot refine the codebook: the codings hold 2 coders ("anna", "bo") [agreement-ambiguous-coder]');
  });

  it("reports a broken notes file at its line and column, and bad options as usage errors", async () => {
    const broken = await kodebok(["refine", "fixtures/refine/broken.csv", "--codebook", CODEBOOK]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("fixtures/refine/broken.csv:2:4: Cannot load notes: a quoted field is not closed [csv-unclosed-quote]");
    const few = await kodebok([...BASE, "--coder", "anna", "--min-notes", "1"]);
    expect(few.code).toBe(2);
    expect(few.stderr).toContain('expected a whole number from 2 to 1000, got "1"');
    const foldBy = await kodebok([...BASE, "--coder", "anna", "--fold-by", "kind"]);
    expect(foldBy.code).toBe(2);
    expect(foldBy.stderr).toContain('--fold-by "kind" names a field no note has a value for');
    const codes = await kodebok([...BASE, "--coder", "anna", "--codes", "tid"]);
    expect(codes.code).toBe(2);
    expect(codes.stderr).toContain('option "codes" names "tid", which is not a code of codebook "refine-sample"');
    const keyness = await kodebok([...BASE, "--coder", "anna", "--keyness", "pmi"]);
    expect(keyness.code).toBe(2);
    expect(keyness.stderr).toContain("Allowed choices are lr, chi2");
  });

  it("never writes the patch over an input", async () => {
    const run = await kodebok([...BASE, "--coder", "anna", "--patch-out", CODEBOOK]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[output-overwrites-input]");
    expect(readFileSync(CODEBOOK, "utf8")).toContain("id: refine-sample");
  });
});
