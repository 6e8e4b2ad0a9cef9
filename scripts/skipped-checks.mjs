// The checks of `npm test` that need a program from outside npm (Debian's Jupyter, or a Chromium on a
// platform the npm-shipped one does not run on). A test that cannot run such a check records it here
// (one JSON file per check in $KODEBOK_SKIPPED_CHECKS, set by scripts/test.mjs); the test runner ends
// the run with one line that names the skipped checks and the one command that enables them.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Records that a check was skipped, and says so on stderr at once. */
export function recordSkippedCheck(check) {
  process.stderr.write(`skipped: ${check.check} (${check.reason})\n`);
  const dir = process.env.KODEBOK_SKIPPED_CHECKS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const name = check.check.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(check)}\n`);
}

/** The checks recorded in `dir`, in name order. */
export function readSkippedChecks(dir) {
  let names;
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return names.map((n) => JSON.parse(readFileSync(join(dir, n), "utf8")));
}

/** The one command that enables every skipped check: one apt-get line for all Debian packages, then `npm test`. */
export function enablingCommand(checks) {
  const packages = [...new Set(checks.flatMap((c) => c.debianPackages ?? []))].sort();
  const env = [...new Set(checks.map((c) => c.env).filter(Boolean))];
  const parts = [];
  if (packages.length > 0) parts.push(`sudo apt-get install -y --no-install-recommends ${packages.join(" ")}`);
  parts.push(`${env.length > 0 ? `${env.join(" ")} ` : ""}npm test`);
  return parts.join(" && ");
}

/** The closing line of a run: which checks were skipped and why, and the command that enables them. */
export function skippedChecksLine(checks) {
  if (checks.length === 0) return "Every check ran (none skipped).";
  const list = checks.map((c) => `${c.check} (${c.reason})`).join("; ");
  return `Skipped ${checks.length} check${checks.length === 1 ? "" : "s"}: ${list}. To run ${checks.length === 1 ? "it" : "them"}: ${enablingCommand(checks)}`;
}
