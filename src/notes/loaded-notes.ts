import type { Coding } from "../codings/coding.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { duplicateIdDiagnostic, emptyTextDiagnostic } from "./note-checker.ts";
import type { Note } from "./note.ts";

/** What a notes loader returns: the notes, and any codings stored beside them (`codes:<coder>` columns). */
export interface LoadedNotes {
  notes: Note[];
  codings: Coding[];
}

/**
 * The checks every notes format shares: notes with an empty text are skipped with a warning
 * (never silently), and an id used twice is an error that names both places.
 *
 * @param notes notes as read, with their origins
 * @param file the file for messages
 * @param idPlace where the id of note `index` is written (a CSV cell), for a repeated id; else the note's origin
 * @returns the notes to keep and the diagnostics
 * @example
 * ```ts
 * const { notes, diagnostics } = checkNotes([{ id: "1", text: "" }], "notes.csv");
 * diagnostics[0]?.code; // "note-empty-text"
 * ```
 */
export function checkNotes(
  notes: readonly Note[],
  file?: string,
  idPlace?: (index: number) => { line: number; column: number } | undefined,
): { notes: Note[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const kept: Note[] = [];
  const seen = new Map<string, Note>();
  for (const [index, note] of notes.entries()) {
    if (note.text.trim() === "") {
      diagnostics.push(emptyTextDiagnostic(note, file));
      continue;
    }
    const first = seen.get(note.id);
    if (first) {
      const firstPlace = first.origin ? `${first.origin.file ?? note.origin?.file ?? file ?? "<input>"}:${first.origin.line}` : "an earlier note";
      diagnostics.push(duplicateIdDiagnostic(note, file, firstPlace, idPlace?.(index)));
      continue;
    }
    seen.set(note.id, note);
    kept.push(note);
  }
  return { notes: kept, diagnostics };
}
