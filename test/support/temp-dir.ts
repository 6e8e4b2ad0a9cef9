// A folder in the temp folder for one test, removed when the test ends (passed or failed): tests leave
// nothing in the temp folder, and `npm test` fails when one does (scripts/test.mjs).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/**
 * Creates `<temp folder>/kodebok-<prefix>-XXXXXX` for the running test; call it inside a test. A
 * concurrent test passes its own context (`it.concurrent("...", async (context) => tempDir("x", context))`).
 */
export function tempDir(prefix: string, context?: { onTestFinished: typeof onTestFinished }): string {
  const dir = mkdtempSync(join(tmpdir(), `kodebok-${prefix}-`));
  (context?.onTestFinished ?? onTestFinished)(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
