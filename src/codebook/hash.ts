import { createHash } from "node:crypto";
import type { Codebook } from "./codebook.ts";

/**
 * Serialises a value as JSON with object keys sorted, so equal values give equal text.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The SHA-256 of a codebook's canonical JSON, as hex: the codebook's identity in provenance
 * footers and CI logs. Formatting and key order of the source file do not change it.
 *
 * @example
 * ```ts
 * codebookHash(await loadCodebook("natland-2021")).length; // 64
 * ```
 */
export function codebookHash(codebook: Codebook): string {
  return createHash("sha256").update(canonicalJson(codebook)).digest("hex");
}

/** SHA-256 of a string, as hex. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
