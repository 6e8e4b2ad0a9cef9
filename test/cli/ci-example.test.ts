import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kodebok, ROOT } from "./run-cli.ts";

describe.concurrent("examples/ci (the documented GitHub Actions workflow)", () => {
  const workflow = parse(readFileSync(`${ROOT}/examples/ci/kodebok-check.yml`, "utf8")) as {
    jobs: { check: { steps: { run?: string; uses?: string }[] } };
  };
  const runs = workflow.jobs.check.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));

  it("is valid YAML whose kodebok steps use only real options", async () => {
    const commands = runs.filter((r) => r.startsWith("npx kodebok")).map((r) => r.split(" || ")[0]!.replace(/\s+/g, " "));
    expect(commands.length).toBe(3);
    for (const command of commands) {
      // Run each command on this repository's fixtures: options must parse (exit 0 or 1, never 2).
      const args = command
        .replace(/^npx kodebok /, "")
        .replace("data/*.csv", "fixtures/check/good-seminar.csv")
        .replaceAll("codebook.yaml", "fixtures/check/codebook.yaml")
        .replace("kodebok-junit.xml", "-")
        .split(" ");
      const run = await kodebok(args);
      expect([0, 1], `${command}\n${run.stderr}`).toContain(run.code);
    }
  });

  it("the problem matcher reads the CLI's file:line:column lines", async () => {
    const matcher = JSON.parse(readFileSync(`${ROOT}/examples/ci/kodebok-matcher.json`, "utf8")) as {
      problemMatcher: { pattern: { regexp: string }[] }[];
    };
    const re = new RegExp(matcher.problemMatcher[0]!.pattern[0]!.regexp);
    const lint = await kodebok(["codebook", "lint", "fixtures/check/codebook-bad-examples.yaml"]);
    const lines = lint.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(re.test(line), line).toBe(true);
    expect(re.exec(lines[0]!)!.slice(1, 4)).toEqual(["fixtures/check/codebook-bad-examples.yaml", "17", "9"]);
    const check = await kodebok(["check", "fixtures/check/bad-seminar.csv", "--codebook", "fixtures/check/codebook.yaml"]);
    const warning = check.stderr.split("\n").find((l) => l.includes("[check-personal-data]"))!;
    expect(re.exec(warning)![4]).toBe("warning");
  });
});
