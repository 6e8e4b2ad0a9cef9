import type { Codebook } from "../codebook/codebook.ts";
import { codebookHash } from "../codebook/hash.ts";

/**
 * The hash a model records of the codebook it was trained for: the codebook's hash without its
 * own `model` field, so that naming a model in a codebook does not make that model stale. Any
 * change to codes, rules, cues or languages changes it, and the model is then refused.
 *
 * @param codebook the codebook
 * @returns the SHA-256 of the codebook without `model`, as hex
 * @example
 * ```ts
 * modelCodebookHash(await loadCodebook("natland-2021")).length; // 64
 * ```
 */
export function modelCodebookHash(codebook: Codebook): string {
  return codebookHash({ ...codebook, model: undefined });
}
