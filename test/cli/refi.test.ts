import { readFileSync, readdirSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseQdc } from "../../src/refi-qda/from-qdc.ts";
import { kodebok, ROOT } from "./run-cli.ts";
import { tempDir } from "../support/temp-dir.ts";

const CODEBOOK = "fixtures/check/codebook.yaml";

describe.concurrent("kodebok export / import (REFI-QDA)", () => {
  it("export --format qdc prints the codebook as a .qdc that reads back with its codes", async () => {
    const run = await kodebok(["export", "--format", "qdc", "--codebook", CODEBOOK]);
    expect(run.code).toBe(0);
    const back = parseQdc(run.stdout);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value.codes.map((c) => c.id).sort()).toEqual(["choice", "knowledge", "knowledge_sharing", "reciprocity", "relation", "time"]);
  });

  it("a coded dataset survives export to .qdpx and import: notes, every coder's codings, codes", async (context) => {
    const dir = tempDir("refi", context);
    const qdpx = join(dir, "good.qdpx");
    const exported = await kodebok(["export", "fixtures/check/good-seminar.csv", "--format", "qdpx", "--codebook", CODEBOOK, "--out", qdpx]);
    expect(exported.code).toBe(0);
    expect(readFileSync(qdpx).subarray(0, 2).toString("latin1")).toBe("PK");
    const out = join(dir, "imported");
    const imported = await kodebok(["import", qdpx, "--out-dir", out]);
    expect(imported.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["codebook.yaml", "codings.csv", "kodebok-codings.csv", "notes.csv"]);
    const rows = (name: string) => readFileSync(join(out, name), "utf8").trim().split("\n").slice(1).map((l) => l.split(";"));
    // anna 21 and bo 22 codings (see good-seminar.csv); kodebok's own 21 go to a file of their own.
    const by = (coder: string, file = "codings.csv") => rows(file).filter((c) => c[1] === coder && c[2] !== "").length;
    expect([by("anna"), by("bo"), by("kodebok"), by("kodebok", "kodebok-codings.csv")]).toEqual([21, 22, 0, 21]);
    const check = await kodebok(["check", join(out, "notes.csv"), join(out, "codings.csv"), "--codebook", CODEBOOK, "--reporter", "json"]);
    const report = JSON.parse(check.stdout) as { totals: { notes: number; coders: string[] } };
    expect(report.totals.notes).toBe(22);
    expect(report.totals.coders).toEqual(["anna", "bo"]);
  });

  it("export --format qdpx needs --out, and never writes over an input (exit 2)", async (context) => {
    expect((await kodebok(["export", "fixtures/check/good-seminar.csv", "--format", "qdpx", "--codebook", CODEBOOK])).code).toBe(2);
    const dir = tempDir("refi-in", context);
    const notes = join(dir, "notes.csv");
    copyFileSync(join(ROOT, "fixtures/check/good-seminar.csv"), notes);
    const run = await kodebok(["export", notes, "--format", "qdpx", "--codebook", CODEBOOK, "--out", notes]);
    expect(run.code).toBe(2);
    expect(readFileSync(notes, "utf8")).toBe(readFileSync(join(ROOT, "fixtures/check/good-seminar.csv"), "utf8"));
  });

  it("import of a .qdc writes a valid kodebok codebook; lint says its codes have no rules yet", async (context) => {
    const dir = tempDir("qdc", context);
    const qdc = join(dir, "c.qdc");
    expect((await kodebok(["export", "--format", "qdc", "--codebook", CODEBOOK, "--out", qdc])).code).toBe(0);
    const run = await kodebok(["import", qdc, "--out-dir", dir, "--id", "from-qdc"]);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "codebook.yaml"), "utf8")).toMatch(/^id: from-qdc$/m);
    // REFI-QDA has no place for rules: the imported codes are valid but cannot be applied yet.
    const lint = await kodebok(["codebook", "lint", join(dir, "codebook.yaml")]);
    expect(lint.code).toBe(1);
    const warnings = lint.stderr.trim().split("\n");
    expect(warnings).toHaveLength(6);
    for (const w of warnings) expect(w).toMatch(/codebook\.yaml:\d+:5: warning: .* has no terms and no rules.*\[codebook-empty-rule\]$/);
  });

  it("import of a missing file is an input error (exit 2)", async () => {
    expect((await kodebok(["import", "no-such.qdpx", "--out-dir", tmpdir()])).code).toBe(2);
  });
});
