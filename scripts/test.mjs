#!/usr/bin/env node
// `npm test`: the vitest suite, then the Deno tests, with the temp folder of both pointed at a folder
// of this run (test-artifacts/run/tmp), which must be empty at the end: a test that leaves a file
// behind fails the run, and nothing lands in the system's temp folder. The run ends with one line that
// names the checks that could not run here (see scripts/skipped-checks.mjs) and the command that
// enables them; with KODEBOK_REQUIRE_ALL_CHECKS=1 (as .ci/run sets) a skipped check fails the run.
//
// usage: node scripts/test.mjs [vitest arguments...]
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSkippedChecks, skippedChecksLine } from "./skipped-checks.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const run = join(root, "test-artifacts", "run");
const tmp = join(run, "tmp");
const skipped = join(run, "skipped-checks");
rmSync(run, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
mkdirSync(skipped, { recursive: true });

const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, KODEBOK_TEST_TMP: tmp, KODEBOK_SKIPPED_CHECKS: skipped };
const step = (command, args) => spawnSync(command, args, { cwd: root, env, stdio: "inherit" }).status ?? 1;

const failures = [];
if (step(process.execPath, [join(root, "node_modules", "vitest", "vitest.mjs"), "run", ...process.argv.slice(2)]) !== 0) failures.push("vitest");
const deno = join(root, "node_modules", ".bin", process.platform === "win32" ? "deno.cmd" : "deno");
if (step(deno, ["test", "--allow-read", "--allow-env", "test/deno/"]) !== 0) failures.push("deno test");

const leftovers = readdirSync(tmp);
if (leftovers.length > 0) {
  failures.push("temp folder");
  console.error(`\nThe tests left ${leftovers.length} entr${leftovers.length === 1 ? "y" : "ies"} in the temp folder (a test must remove what it writes there): ${leftovers.sort().join(", ")}`);
}
rmSync(tmp, { recursive: true, force: true });

const checks = readSkippedChecks(skipped);
if (checks.length > 0 && process.env.KODEBOK_REQUIRE_ALL_CHECKS === "1") failures.push("skipped checks (KODEBOK_REQUIRE_ALL_CHECKS=1)");
if (failures.length > 0) console.error(`\nnpm test failed: ${failures.join(", ")}`);
console.log(`\n${skippedChecksLine(checks)}`);
process.exit(failures.length > 0 ? 1 : 0);
