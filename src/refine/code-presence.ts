import type { Code, Codebook } from "../codebook/codebook.ts";
import { codeNote } from "../match/code-note.ts";
import { compileCodebook } from "../match/compile.ts";
import type { Note } from "../notes/note.ts";

/**
 * The codebook that decides one code's presence: the code alone when codes do not compete for
 * words (`overlap: within-code`, where a code's matches never depend on another code's), else the
 * whole codebook with this version of the code. Categories, languages and cues stay.
 *
 * @param codebook the codebook
 * @param code the version of the code to use
 * @returns the codebook to code with
 * @example
 * ```ts
 * codebookForCode(codebook, code).codes.length; // 1 (within-code overlap)
 * ```
 */
export function codebookForCode(codebook: Codebook, code: Code): Codebook {
  if (codebook.overlap !== "across-codes") return { ...codebook, codes: [code] };
  return { ...codebook, codes: codebook.codes.map((c) => (c.id === code.id ? code : c)) };
}

/**
 * Codes some notes with one version of one code and reads off where it applies.
 *
 * @param codebook the codebook the code belongs to
 * @param code the version of the code
 * @param notes the notes (with their languages set, so that every version sees the same languages)
 * @param indices which notes to code (default all)
 * @returns 1 where the code applies, one entry per index, in the order given
 * @example
 * ```ts
 * codePresence(codebook, code, notes); // Uint8Array [1, 0, ...]
 * ```
 */
export function codePresence(codebook: Codebook, code: Code, notes: readonly Note[], indices?: ArrayLike<number>): Uint8Array {
  const matcher = compileCodebook(codebookForCode(codebook, code));
  const n = indices ? indices.length : notes.length;
  const present = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const note = notes[indices ? indices[j]! : j]!;
    if (codeNote(note, matcher).codes.some((a) => a.code === code.id)) present[j] = 1;
  }
  return present;
}
