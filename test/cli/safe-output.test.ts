import { execFileSync, spawn } from "node:child_process";
import { chmodSync, copyFileSync, createReadStream, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kodebokInProcess, ROOT } from "./run-cli.ts";

// Every file read during a run is an input, one folder is the base of every path, and no output
// is written through a link, onto a device, half-way, or with the old file's mode lost.

const base = mkdtempSync(join(tmpdir(), "kodebok-safe-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let folders = 0;
const folder = () => {
  const dir = join(base, `t${folders++}`);
  mkdirSync(dir);
  return dir;
};

const GOOD = join(ROOT, "fixtures/check/good-seminar.csv");
const CODEBOOK = join(ROOT, "fixtures/check/codebook.yaml");

const run = (args: string[], cwd: string) => kodebokInProcess(args, {}, cwd);

/** A folder with the notes, a base codebook and a codebook that extends it. */
function dataset(): { dir: string; baseText: string } {
  const dir = folder();
  copyFileSync(GOOD, join(dir, "notes.csv"));
  copyFileSync(CODEBOOK, join(dir, "base.yaml"));
  writeFileSync(join(dir, "mine.yaml"), "id: mine\ntitle: Mine\nlanguages: [nb]\nextends: base.yaml\ncategories: []\ncodes: []\n");
  return { dir, baseText: readFileSync(join(dir, "base.yaml"), "utf8") };
}

describe("every file read is an input", () => {
  it("--out onto a codebook reached through extends is refused in code, check, agree and export", async () => {
    const { dir, baseText } = dataset();
    for (const args of [
      ["code", "notes.csv", "--codebook", "mine.yaml", "--out", "base.yaml"],
      ["check", "notes.csv", "--codebook", "mine.yaml", "--out", "base.yaml"],
      ["agree", "notes.csv", "--codebook", "mine.yaml", "--out", "base.yaml"],
      ["export", "--format", "qdc", "--codebook", "mine.yaml", "--out", "base.yaml"],
      ["export", "notes.csv", "--format", "qdpx", "--codebook", "mine.yaml", "--out", "base.yaml"],
    ]) {
      const result = await run(args, dir);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toContain("[output-overwrites-input]");
    }
    expect(readFileSync(join(dir, "base.yaml"), "utf8")).toBe(baseText);
  });

  it("runCli reads the notes from io.cwd, the folder --out and the guard use", async () => {
    const { dir } = dataset();
    // The test runs in the repository's folder, which has no notes.csv.
    const result = await run(["code", "notes.csv", "--codebook", "base.yaml", "--format", "json"], dir);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).summary.totals.notes).toBe(22);
    const over = await run(["code", "notes.csv", "--codebook", "base.yaml", "--out", join(dir, "notes.csv")], dir);
    expect(over.code).toBe(2);
    expect(readFileSync(join(dir, "notes.csv"), "utf8")).toBe(readFileSync(GOOD, "utf8"));
  });
});

describe("where output goes", () => {
  it("writes a FIFO directly (a reader gets the report), as a character device would be", async () => {
    const dir = folder();
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const reader = new Promise<string>((resolve, reject) => {
      let text = "";
      createReadStream(fifo, "utf8").on("data", (c) => (text += c)).on("end", () => resolve(text)).on("error", reject);
    });
    const result = await run(["code", GOOD, "--codebook", CODEBOOK, "--format", "json", "--out", fifo], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(await reader).summary.totals.notes).toBe(22);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["pipe"]);
    // (Not tried on /dev/null itself: a regression would replace the machine's /dev/null when run as root.)
  });

  it("never writes through a symbolic link: --out and a link planted in the import folder", async () => {
    const dir = folder();
    const outside = join(dir, "outside.txt");
    writeFileSync(outside, "keep me");
    symlinkSync(outside, join(dir, "report.md"));
    const out = await run(["code", GOOD, "--codebook", CODEBOOK, "--format", "md", "--out", "report.md"], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('report.md: Cannot write "');
    expect(out.stderr).toContain("it is a symbolic link, and kodebok never writes through a link [output-not-regular]");
    expect(await run(["export", GOOD, "--format", "qdpx", "--codebook", CODEBOOK, "--out", "p.qdpx"], dir)).toMatchObject({ code: 0 });
    mkdirSync(join(dir, "imported"));
    symlinkSync(outside, join(dir, "imported", "notes.csv"));
    const imported = await run(["import", "p.qdpx", "--out-dir", "imported"], dir);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain("[output-not-regular]");
    expect(readFileSync(outside, "utf8")).toBe("keep me");
    expect(readdirSync(join(dir, "imported"))).toEqual(["notes.csv"]);
    symlinkSync(join(dir, "imported"), join(dir, "linked"));
    const intoLink = await run(["import", "p.qdpx", "--out-dir", "linked"], dir);
    expect(intoLink.code).toBe(2);
    expect(intoLink.stderr).toContain('Cannot write into "linked": it is a symbolic link');
  });

  it("a failed import writes none of its files", async () => {
    const dir = folder();
    expect(await run(["export", GOOD, "--format", "qdpx", "--codebook", CODEBOOK, "--out", "p.qdpx"], dir)).toMatchObject({ code: 0 });
    // codebook.yaml, the last file written, cannot be: a folder is in its place.
    mkdirSync(join(dir, "imported", "codebook.yaml"), { recursive: true });
    const result = await run(["import", "p.qdpx", "--out-dir", "imported"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("codebook.yaml\": it is a folder [output-not-regular]");
    expect(readdirSync(join(dir, "imported"))).toEqual(["codebook.yaml"]);
  });

  it("keeps the mode of the file it replaces", async () => {
    const dir = folder();
    writeFileSync(join(dir, "report.md"), "old");
    chmodSync(join(dir, "report.md"), 0o600);
    expect(await run(["code", GOOD, "--codebook", CODEBOOK, "--format", "md", "--out", "report.md"], dir)).toMatchObject({ code: 0 });
    expect(statSync(join(dir, "report.md")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "report.md"), "utf8")).toContain("#");
  });

  it("says in words why a write failed: --out notes.csv/x", async () => {
    const dir = folder();
    copyFileSync(GOOD, join(dir, "notes.csv"));
    const result = await run(["code", "notes.csv", "--codebook", CODEBOOK, "--out", "notes.csv/x"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('notes.csv/x: Cannot write "' + join(dir, "notes.csv/x") + '": a part of the path is a file, not a folder (ENOTDIR) [file-write-failed]\n');
  });

  it("an interrupt (SIGINT) between writing and renaming leaves no temporary file", async () => {
    const dir = folder();
    const script = join(dir, "interrupt.mjs");
    writeFileSync(
      script,
      `const { writeFilesAtomic } = await import(${JSON.stringify(join(ROOT, "dist/files/write-file-atomic.js"))});
await writeFilesAtomic([{ path: ${JSON.stringify(join(dir, "a.txt"))}, data: "a" }, { path: ${JSON.stringify(join(dir, "b.txt"))}, data: "b" }], {
  beforeRename: () => { process.kill(process.pid, "SIGINT"); return new Promise((r) => setTimeout(r, 5000)); },
});`,
    );
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => spawn(process.execPath, [script]).on("close", (_code, sig) => resolve(sig)));
    expect(signal).toBe("SIGINT");
    expect(readdirSync(dir)).toEqual(["interrupt.mjs"]);
  });
});
