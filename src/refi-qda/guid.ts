import { createHash } from "node:crypto";

/** The name space folded into every derived GUID, so kodebok's GUIDs never collide with another tool's. */
export const KODEBOK_GUID_NAMESPACE = "kodebok:refi-qda:1";

/**
 * Derives a stable GUID from keys (a name-based UUID, RFC 9562 version 8, built from SHA-256 in the
 * style of UUIDv5): the same keys give the same GUID on every run, on Node and Deno, so exported
 * files diff cleanly. Lower case, as QualCoder writes them; REFI-QDA allows either case.
 *
 * @param keys - the stable keys, e.g. `["code", codebookId, codeId]`
 * @returns a GUID such as `3f2b…-…`
 * @example
 * ```ts
 * refiGuid("code", "natland-2021", "time") === refiGuid("code", "natland-2021", "time"); // true
 * ```
 */
export function refiGuid(...keys: string[]): string {
  const hash = createHash("sha256").update([KODEBOK_GUID_NAMESPACE, ...keys].join("\u0000"), "utf8").digest();
  const b = Uint8Array.from(hash.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x80; // version 8
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/**
 * Normalises a GUID read from a file for comparison: braces removed, upper case.
 *
 * @param guid - a GUID as written (`{…}` or bare, any case)
 * @returns the canonical form, or `undefined` when it is not a GUID
 * @example
 * ```ts
 * normalizeGuid("{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294}"); // "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"
 * ```
 */
export function normalizeGuid(guid: string | undefined): string | undefined {
  const m = guid === undefined ? null : GUID.exec(guid.trim());
  return m ? m[1]!.toUpperCase() : undefined;
}
