import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kodebok, kodebokInProcess, ROOT } from "./run-cli.ts";

const version = (JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string }).version;

describe.concurrent("kodebok (program)", () => {
  it("--version prints the version from package.json and exits 0", async () => {
    const run = await kodebok(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it("--help lists every command with examples and exit codes", async () => {
    const run = await kodebok(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["code", "agree", "check", "codebook", "export", "import"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(run.stdout).toContain("Examples:");
    expect(run.stdout).toContain("Exit codes: 0 ok, 1 findings or a failed check, 2 a usage or input error");
  });

  it.each(["code", "agree", "check", "codebook", "codebook lint", "codebook show", "codebook list", "export", "import"])("kodebok %s --help shows examples", async (command) => {
    const run = await kodebokInProcess([...command.split(" "), "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Examples:");
    expect(run.stdout).toContain(`$ kodebok ${command}`);
  });

  it("an unknown command is a usage error (exit 2) on stderr", async () => {
    const run = await kodebok(["bogus"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("unknown command 'bogus'");
  });

  it("no arguments prints help on stderr and exits 2", async () => {
    const run = await kodebokInProcess([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: kodebok");
  });

  it("an invalid option value is a usage error naming the value", async () => {
    const run = await kodebokInProcess(["check", "x.csv", "--codebook", "c.yaml", "--min-alpha", "1.5"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`expected a number from -1 to 1, got "1.5"`);
  });

  it("an option outside its choices is a usage error", async () => {
    const run = await kodebokInProcess(["code", "fixtures/check/good-seminar.csv", "--format", "pdf"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Allowed choices are text, json, csv, md, html");
  });

  it("a missing required option is a usage error", async () => {
    const run = await kodebokInProcess(["check", "fixtures/check/good-seminar.csv"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-c, --codebook <name|file>' not specified");
  });
});
