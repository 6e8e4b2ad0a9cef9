import { describe, expect, it } from "vitest";
import { kodebok } from "./run-cli.ts";

const CODEBOOK = "fixtures/check/codebook.yaml";

describe.concurrent("kodebok agree", () => {
  it("prints the agreement table per code with hand-checked figures", async () => {
    const run = await kodebok(["agree", "fixtures/check/good-seminar.csv", "--codebook", CODEBOOK]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("anna × bo — 22 notes compared");
    // reciprocity: anna 3, bo 4 of 22 notes; kappa 0.831, alpha 0.834 (see check.test.ts).
    expect(run.stdout).toMatch(/^reciprocity\s+22\s+3\s+4\s+95\.5%\s+0\.831\s+\[[-\d.]+, [-\d.]+\]\s+0\.834/m);
    expect(run.stdout).toMatch(/^overall\s+132\s+21\s+22\s+99\.2%\s+0\.972/m);
  });

  it("--by category and --against-auto add the category level and kodebok as a coder", async () => {
    const run = await kodebok(["agree", "fixtures/check/good-seminar.csv", "--codebook", CODEBOOK, "--by", "category", "--against-auto"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^relational\s+22\s/m);
    expect(run.stdout).toContain("anna × kodebok");
    expect(run.stdout).toContain("bo × kodebok");
  });

  it("reads long-form codings beside notes; --format json is the comparison", async () => {
    const run = await kodebok(["agree", "fixtures/check/long/notes.csv", "fixtures/check/long/codings.csv", "--codebook", CODEBOOK, "--format", "json"]);
    expect(run.code).toBe(0);
    const comparison = JSON.parse(run.stdout) as { coders: string[]; universe: { notes: string[] } };
    expect(comparison.coders).toEqual(["anna", "bo"]);
    // n5 has no coding row, and x99 was coded by anna only.
    expect(comparison.universe.notes).toEqual(["n1", "n2", "n3", "n4"]);
    expect(run.stderr).toContain("fixtures/check/long/codings.csv:5:7: warning:");
  });

  it("one coder and no --against-auto is an input error (exit 2)", async () => {
    const run = await kodebok(["agree", "fixtures/seminars/city-seminar.csv"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Only one coder ("hand")');
  });
});
