#!/usr/bin/env node
// `npm run fuzz`: the property-based tests (fast-check) with many more runs than `npm test` gives
// them, from the fixed seed or another.
//
//   node scripts/fuzz.mjs [--runs N] [--seed S]
//
// --runs multiplies every property's runs (default 50: a 300-run property runs 15,000 times);
// --seed starts from another seed (default 17, the one `npm test` uses). A failure prints the
// counterexample and the seed and path to replay it (fast-check's own report).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const args = process.argv.slice(2);
let runs = "50";
let seed = "17";
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = args[++i];
  else if (args[i] === "--seed") seed = args[++i];
  else {
    console.error("usage: node scripts/fuzz.mjs [--runs N] [--seed S]");
    process.exit(2);
  }
}
if (!/^\d+$/u.test(runs) || !/^-?\d+$/u.test(seed)) {
  console.error("--runs and --seed take whole numbers");
  process.exit(2);
}
/** The test files whose properties run through test/fuzz/settings.ts. */
const FILES = [
  "test/fuzz/properties.test.ts",
  "test/match/overlaps.test.ts",
  "test/match/glob-and-regex.test.ts",
  "test/text/sentences-linear.test.ts",
  "test/notes/loaders-linear.test.ts",
  "test/refi-qda/scale.test.ts",
];
const result = spawnSync(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, "run", ...FILES, "--testTimeout", "0"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, KODEBOK_FUZZ_RUNS: runs, KODEBOK_FUZZ_SEED: seed },
});
process.exit(result.status ?? 1);
