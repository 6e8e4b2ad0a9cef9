// vitest global setup: points the temp folder (TMPDIR, TMP, TEMP: what os.tmpdir(), Deno and Chromium
// use) of every test process at a folder of this run inside the project, so no test writes to the
// system's temp folder. Under scripts/test.mjs (`npm test`) that folder is the runner's, which checks
// that it is empty at the end; under a plain `vitest run` it is test-artifacts/tmp-<pid>, removed here.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export default function setup(): (() => void) | undefined {
  if (process.env.KODEBOK_TEST_TMP) return undefined;
  const tmp = join(fileURLToPath(new URL("../../", import.meta.url)), "test-artifacts", `tmp-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  for (const name of ["TMPDIR", "TMP", "TEMP", "KODEBOK_TEST_TMP"]) process.env[name] = tmp;
  return () => rmSync(tmp, { recursive: true, force: true });
}
