import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { colourEnabled, type CliIO } from "../../src/cli/io.ts";
import { progress } from "../../src/cli/progress.ts";
import { MAIN, ROOT } from "./run-cli.ts";

function fakeIO(overrides: Partial<CliIO> = {}): CliIO & { err: string[] } {
  const err: string[] = [];
  return { stdout: () => undefined, stderr: (t) => void err.push(t), stdoutIsTTY: true, stderrIsTTY: true, columns: 80, env: {}, cwd: "/", err, ...overrides };
}

describe("colourEnabled()", () => {
  it("colours a TTY, never a pipe, never with NO_COLOR, never on a dumb terminal", () => {
    expect(colourEnabled(fakeIO(), "stdout")).toBe(true);
    expect(colourEnabled(fakeIO({ stdoutIsTTY: false }), "stdout")).toBe(false);
    expect(colourEnabled(fakeIO({ env: { NO_COLOR: "1" } }), "stdout")).toBe(false);
    expect(colourEnabled(fakeIO({ env: { NO_COLOR: "1", FORCE_COLOR: "1" } }), "stderr")).toBe(false);
    // An empty NO_COLOR does not count (no-color.org).
    expect(colourEnabled(fakeIO({ env: { NO_COLOR: "" } }), "stdout")).toBe(true);
    expect(colourEnabled(fakeIO({ env: { TERM: "dumb" } }), "stdout")).toBe(false);
  });
});

describe("progress()", () => {
  it("draws nothing when stderr is not a TTY", () => {
    let t = 0;
    const io = fakeIO({ stderrIsTTY: false });
    const bar = progress(io, 100, "notes", { now: () => t });
    for (let i = 0; i < 10; i++) {
      t += 500;
      bar.tick(10);
    }
    bar.done();
    expect(io.err).toEqual([]);
  });

  it("draws nothing for a run shorter than the delay", () => {
    let t = 0;
    const io = fakeIO();
    const bar = progress(io, 100, "notes", { now: () => t });
    t = 900;
    bar.tick(100);
    bar.done();
    expect(io.err).toEqual([]);
  });

  it("draws a bar after the delay on a TTY and clears it when done", () => {
    let t = 0;
    const io = fakeIO();
    const bar = progress(io, 200, "notes", { now: () => t });
    t = 1200;
    bar.tick(50);
    t = 1400;
    bar.tick(50);
    bar.done();
    expect(io.err[0]).toBe(`\r[${"#".repeat(8)}${"-".repeat(22)}]  25% 50/200 notes`);
    expect(io.err[1]).toBe(`\r[${"#".repeat(15)}${"-".repeat(15)}]  50% 100/200 notes`);
    expect(io.err.at(-1)).toBe("\r\u001b[2K");
  });

  it("stays silent in CI even on a TTY", () => {
    let t = 0;
    const io = fakeIO({ env: { CI: "true" } });
    const bar = progress(io, 10, "notes", { now: () => t });
    t = 5000;
    bar.tick(5);
    expect(io.err).toEqual([]);
  });
});

describe("kodebok on a real terminal (a pseudo-terminal from util-linux `script`)", () => {
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  const onTty = (env: Record<string, string>) => {
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !["NO_COLOR", "FORCE_COLOR", "CI"].includes(k)) base[k] = v;
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(MAIN)} check fixtures/check/bad-seminar.csv --codebook fixtures/check/codebook.yaml`;
    return spawnSync("script", ["-q", "-e", "-c", command, "/dev/null"], { cwd: ROOT, env: { ...base, TERM: "xterm", ...env }, encoding: "utf8" });
  };

  it.runIf(hasScript)("colours messages on a terminal, and not with NO_COLOR", () => {
    const coloured = onTty({});
    expect(coloured.status).toBe(1);
    expect(coloured.stdout).toContain("\u001b[31mfixtures/check/bad-seminar.csv:3:71: ");
    const plain = onTty({ NO_COLOR: "1" });
    expect(plain.status).toBe(1);
    expect(plain.stdout).toContain("fixtures/check/bad-seminar.csv:3:71: ");
    expect(plain.stdout).not.toContain("\u001b[");
  });
});
