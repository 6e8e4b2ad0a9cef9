import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Note } from "./note.ts";

/**
 * The checks of `checkNotes`, one note at a time: an empty text is skipped with a warning, a
 * repeated id is an error and the note is skipped. Ids are remembered as 64-bit hashes in a typed
 * table (a few bytes per note), not as strings, so memory stays flat for a corpus of millions.
 */
/**
 * @example
 * ```ts
 * const checker = new NoteChecker("notes.csv");
 * checker.check({ id: "1", text: "Tid" }); // undefined
 * checker.check({ id: "1", text: "Igjen" })?.code; // "note-duplicate-id"
 * ```
 */
export class NoteChecker {
  private table = new Int32Array(1 << 12);
  private used = 0;

  constructor(private readonly file: string | undefined) {}

  /**
   * Checks the next note.
   * @param note the note
   * @returns the problem that makes the note be skipped, or undefined to keep it
   */
  check(note: Note): Diagnostic | undefined {
    const where = note.origin ? { line: note.origin.line, column: note.origin.column } : undefined;
    const noteFile = note.origin?.file ?? this.file;
    if (note.text.trim() === "") {
      return diagnostic({ code: "note-empty-text", severity: "warning", reason: `Skipped note "${note.id}": its text is empty`, file: noteFile, start: where, field: "text", source: "kodebok:notes" });
    }
    if (!this.add(note.id)) {
      return diagnostic({
        code: "note-duplicate-id",
        severity: "error",
        reason: `Cannot load notes: id "${note.id}" is used twice`,
        file: noteFile,
        start: where,
        field: "id",
        actual: note.id,
        note: "Give every note its own id, or leave the id column out to have ids generated.",
        source: "kodebok:notes",
      });
    }
    return undefined;
  }

  /** Adds an id; false when it was there already. */
  private add(id: string): boolean {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
    }
    if (a === 0 && b === 0) a = 1; // (0, 0) marks an empty slot
    if ((this.used + 1) * 2 > this.table.length / 2) this.grow();
    const mask = this.table.length / 2 - 1;
    let slot = (a ^ (b >>> 7)) & mask;
    for (;;) {
      const x = this.table[slot * 2]!;
      const y = this.table[slot * 2 + 1]!;
      if (x === 0 && y === 0) break;
      if (x === a && y === b) return false;
      slot = (slot + 1) & mask;
    }
    this.table[slot * 2] = a;
    this.table[slot * 2 + 1] = b;
    this.used++;
    return true;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    const mask = this.table.length / 2 - 1;
    for (let s = 0; s < old.length / 2; s++) {
      const a = old[s * 2]!;
      const b = old[s * 2 + 1]!;
      if (a === 0 && b === 0) continue;
      let slot = (a ^ (b >>> 7)) & mask;
      while (this.table[slot * 2] !== 0 || this.table[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      this.table[slot * 2] = a;
      this.table[slot * 2 + 1] = b;
    }
  }
}
