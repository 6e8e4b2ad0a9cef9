// Runs the built CLI (dist/cli/main.js) as a child process, as a user or CI would.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli/main.js ...args` in the repository root (or `cwd`), without colour unless `env`
 * asks, with `input` on standard input when given. Asynchronous, so that the tests of a file can run their processes side by side.
 */
export function kodebok(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string; input?: string | Uint8Array } = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: "true", ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin.end(options.input);
  });
}

/**
 * Runs the CLI in this process through `runCli` (the same code the bin runs), for tests of
 * behaviour that does not depend on the process: help texts, option checks, output formats.
 * The process tests (`kodebok`) cover exit codes, streams and files end to end.
 */
export async function kodebokInProcess(args: string[], env: Record<string, string> = {}, cwd: string = ROOT, columns = 80): Promise<CliRun> {
  const { runCli } = await import("../../src/cli/program.ts");
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns,
    env: { CI: "true", ...env },
    cwd,
  });
  return { code, stdout, stderr };
}
