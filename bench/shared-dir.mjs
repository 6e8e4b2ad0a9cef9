// Finds the read-only peers folder `shared/bench/` (gen-corpus.mjs, themes.tsv, the peers).
// It is `../shared/bench` beside the clone in CI; from a git worktree nested deeper it is found by
// walking up the parents. KODEBOK_SHARED=/path/to/shared overrides both.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (the folder holding bench/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Resolves the peers folder.
 * @returns {string} absolute path of `shared/bench`
 * @example sharedBenchDir() // "/work/shared/bench"
 */
export function sharedBenchDir() {
  if (process.env.KODEBOK_SHARED) return path.join(path.resolve(process.env.KODEBOK_SHARED), "bench");
  for (let dir = path.dirname(ROOT); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "bench");
    if (fs.existsSync(path.join(candidate, "themes.tsv"))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error("Cannot find ../shared/bench (with themes.tsv) above the project: set KODEBOK_SHARED");
}

/**
 * Resolves the shared folder itself (`../shared` beside the clone), holding gold/, refi-qda/, bench/.
 * @returns {string} absolute path of `shared`
 * @example sharedDir() // "/work/shared"
 */
export function sharedDir() {
  return path.dirname(sharedBenchDir());
}
