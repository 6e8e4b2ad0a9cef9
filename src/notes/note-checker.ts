import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Note } from "./note.ts";

/**
 * The checks of `checkNotes`, one note at a time: an empty text is skipped with a warning, a
 * repeated id is an error and the note is skipped. Ids are remembered as 64-bit hashes in a typed
 * table (a few bytes per note), not as strings, so memory stays flat for a corpus of millions; ids
 * written as plain whole numbers below 2^24 without leading zeros (the usual row numbers) take one
 * bit each in a bit set instead.
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
  /** One bit per whole-number id seen (canonical decimal, below {@link MAX_BIT_ID}). */
  private bits = new Int32Array(1 << 10);

  constructor(private readonly file: string | undefined) {}

  /**
   * Checks the next note.
   * @param note the note
   * @returns the problem that makes the note be skipped, or undefined to keep it
   */
  check(note: Note): Diagnostic | undefined {
    if (note.text.trim() === "") return emptyTextDiagnostic(note, this.file);
    if (!this.add(note.id)) return duplicateIdDiagnostic(note, this.file, undefined);
    return undefined;
  }

  /**
   * Checks the next note's id given as its whole number (see {@link wholeNumberId}): what `check`
   * does for a note with that id and a text.
   * @param n the id's value
   * @returns the problem that makes the note be skipped, or undefined to keep it
   */
  checkWholeNumber(n: number): Diagnostic | undefined {
    return this.addWholeNumber(n) ? undefined : duplicateIdDiagnostic({ id: String(n), text: "x" }, this.file, undefined);
  }

  /** Adds an id; false when it was there already. */
  private add(id: string): boolean {
    const n = wholeNumberId(id);
    if (n >= 0) return this.addWholeNumber(n);
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

  private addWholeNumber(n: number): boolean {
    const word = n >>> 5;
    if (word >= this.bits.length) {
      let size = this.bits.length * 2;
      while (size <= word) size *= 2;
      const bits = new Int32Array(size);
      bits.set(this.bits);
      this.bits = bits;
    }
    const mask = 1 << (n & 31);
    if ((this.bits[word]! & mask) !== 0) return false;
    this.bits[word] = this.bits[word]! | mask;
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

/** Ids from 0 to this (exclusive) written as plain decimals go to the bit set (2 MiB at most). */
const MAX_BIT_ID = 1 << 24;

/**
 * The value of an id written as a canonical decimal ("0", "17"; not "017", "+1") below 2^24, else -1.
 *
 * @example
 * ```ts
 * wholeNumberId("17"); // 17
 * wholeNumberId("017"); // -1
 * ```
 */
export function wholeNumberId(id: string): number {
  const length = id.length;
  if (length === 0 || length > 8) return -1;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || (c === 0 && i === 0 && length > 1)) return -1;
    n = n * 10 + c;
  }
  return n < MAX_BIT_ID ? n : -1;
}

/**
 * The warning for a note skipped because its text is empty, at the note's origin.
 *
 * @example
 * ```ts
 * emptyTextDiagnostic({ id: "n3", text: "" }, "notes.csv").code; // "note-empty-text"
 * ```
 */
export function emptyTextDiagnostic(note: Note, file: string | undefined): Diagnostic {
  const where = note.origin ? { line: note.origin.line, column: note.origin.column } : undefined;
  return diagnostic({ code: "note-empty-text", severity: "warning", reason: `Skipped note "${note.id}": its text is empty`, file: note.origin?.file ?? file, start: where, field: "text", source: "kodebok:notes" });
}

/**
 * The error for a note whose id an earlier note has, at the id's own place when known (a CSV
 * cell), else at the note's origin; names the first place when known.
 *
 * @example
 * ```ts
 * duplicateIdDiagnostic({ id: "d1", text: "x" }, "notes.csv", "notes.csv:2").reason;
 * // 'Cannot load notes: id "d1" is used twice (first at notes.csv:2)'
 * ```
 */
export function duplicateIdDiagnostic(
  note: Note,
  file: string | undefined,
  firstPlace: string | undefined,
  idPlace?: { line: number; column: number },
): Diagnostic {
  const where = idPlace ?? (note.origin ? { line: note.origin.line, column: note.origin.column } : undefined);
  return diagnostic({
    code: "note-duplicate-id",
    severity: "error",
    reason: `Cannot load notes: id "${note.id}" is used twice${firstPlace ? ` (first at ${firstPlace})` : ""}`,
    file: note.origin?.file ?? file,
    start: where,
    field: "id",
    actual: note.id,
    note: "Give every note its own id, or leave the id column out to have ids generated.",
    source: "kodebok:notes",
  });
}
