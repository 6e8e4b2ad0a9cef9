// Runs under Deno 2 against the TypeScript sources: `deno test --allow-read --allow-env test/deno/`.
// The check API and the CLI (in-process through runCli) work on Deno as on Node.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkDataset, checkReportToGithub, parseCodebook, runCli, unwrap, type CliIO } from "../../src/index.ts";

declare const Deno: { test(name: string, fn: () => void | Promise<void>): void };

const root = new URL("../../", import.meta.url);
const codebook = unwrap(parseCodebook(readFileSync(new URL("fixtures/check/codebook.yaml", root), "utf8")));

Deno.test("checkDataset() locates an unknown code inside a quoted cell", () => {
  const file = "fixtures/check/bad-seminar.csv";
  const report = checkDataset([{ file, text: readFileSync(new URL(file, root), "utf8") }], codebook);
  assert.equal(report.ok, false);
  const github = checkReportToGithub(report).split("\n");
  assert.ok(github[0]!.startsWith(`::error file=${file},line=3,col=71,`));
});

Deno.test("runCli() runs kodebok check in-process and returns exit code 1 for a bad dataset", async () => {
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: 80,
    env: {},
    cwd: new URL(".", root).pathname,
  };
  const code = await runCli(["check", "fixtures/check/bad-seminar.csv", "--codebook", "fixtures/check/codebook.yaml", "--reporter", "json"], io);
  assert.equal(code, 1);
  assert.equal(JSON.parse(out).schema, "kodebok-check/1");
  assert.equal(err, "");
});
