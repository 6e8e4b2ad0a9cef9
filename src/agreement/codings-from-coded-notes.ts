import type { Coding } from "../codings/coding.ts";
import type { CodedNote } from "../match/coded-note.ts";

/**
 * Turns kodebok's own coding (the output of `codeNotes`) into long-form codings of one coder,
 * so it can be compared with a human coder. Each code application becomes one coding with its
 * polarity; a note coded with the same code as helpful and as barrier gives two codings.
 *
 * @param coded The coded notes.
 * @param coder The coder's name in the comparison (default `kodebok`).
 * @param dimension A further dimension of the codebook (`actors`) to take the codes of, instead of
 *   the themes; its codes have a polarity only where the dimension has one.
 * @returns Codings `{ note, coder, code, polarity }` in note order.
 * @example
 * ```ts
 * const codings = codingsFromCodedNotes(codeNotes(notes, codebook));
 * codings[0]; // { note: "n1", coder: "kodebok", code: "time", polarity: "helpful" }
 * codingsFromCodedNotes(coded, "kodebok", "actors")[0]; // { note: "n1", coder: "kodebok", code: "nav" }
 * ```
 */
export function codingsFromCodedNotes(coded: readonly CodedNote[], coder = "kodebok", dimension?: string): Coding[] {
  const out: Coding[] = [];
  for (const c of coded) {
    const applications = dimension === undefined ? c.codes : (c.dimensions?.[dimension] ?? []);
    for (const application of applications) {
      out.push({ note: c.note.id, coder, code: application.code, ...(application.polarity === undefined ? {} : { polarity: application.polarity }) });
    }
  }
  return out;
}
