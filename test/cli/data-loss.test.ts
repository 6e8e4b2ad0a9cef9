import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kodebokInProcess } from "./run-cli.ts";
import { formatDiagnostic, parseNotesCsv } from "../../src/index.ts";

// Data that was changed or dropped without a word.

const dir = mkdtempSync(join(tmpdir(), "kodebok-loss-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => kodebokInProcess(args, {}, dir, 120);

describe("coders", () => {
  it("agree keeps a coder whose codes:<coder> column is empty throughout (3 coders, not 2 in perfect agreement)", async () => {
    writeFileSync(join(dir, "three.csv"), "id;text;codes:anna;codes:bo;codes:cato\n1;Hun tok seg tid;time;time;\n2;Ingen tillit;relation;relation;\n3;Info om regler;knowledge_sharing;knowledge_sharing;\n");
    const result = await run(["agree", "three.csv", "--format", "json"]);
    expect(result.code).toBe(0);
    const comparison = JSON.parse(result.stdout);
    expect(comparison.coders).toEqual(["anna", "bo", "cato"]);
    expect(comparison.overall.alpha).toBeLessThan(0.5);
  });

  it("a coder named __proto__ is a coder like any other", async () => {
    writeFileSync(join(dir, "proto.csv"), "id;text;codes:__proto__;codes:bo\n1;Hun tok seg tid;time;time\n2;Ingen tillit;relation;\n");
    const result = await run(["agree", "proto.csv"]);
    expect(result.stdout).not.toContain("[object Object]");
    expect(result.stdout).toMatch(/overall\s+\d+\s+2\s+1\s/u);
  });

  it("a human coder named kodebok is refused where it meets kodebok's own coding (agree and check --against-auto)", async () => {
    writeFileSync(join(dir, "kodebok.csv"), "id;text;codes:kodebok\n1;Hun tok seg tid;time\n");
    const agree = await run(["agree", "kodebok.csv", "--against-auto"]);
    expect(agree.code).toBe(2);
    expect(agree.stderr).toContain("[coder-name-reserved]");
    const check = await run(["check", "kodebok.csv", "--codebook", "natland-2021", "--against-auto"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("[coder-name-reserved]");
  });

  it("check fails a dataset of a header only", async () => {
    writeFileSync(join(dir, "header.csv"), "id;text;codes:a;codes:b\n");
    const result = await run(["check", "header.csv", "--codebook", "natland-2021"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The dataset holds no notes and no codings: every file is empty or has a header only [notes-none]");
  });
});

describe("CSV columns", () => {
  it("two attribute columns with one name keep both values, with a warning", () => {
    const result = parseNotesCsv("id;text;kommune;kommune\n1;Tid;Bergen;Oslo\n", { file: "n.csv" });
    expect(result.ok && result.value.notes[0]?.attributes).toEqual({ kommune: "Bergen", "kommune (2)": "Oslo" });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'n.csv:1:1: warning: Column 4 is named "kommune" like an earlier column; its values are kept as the attribute "kommune (2)" [csv-duplicate-column]',
    ]);
  });
});
