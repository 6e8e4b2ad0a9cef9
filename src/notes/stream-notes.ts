import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import * as nodeBuffer from "node:buffer";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { Coding } from "../codings/coding.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { csvErrorDiagnostic, csvRecordNotes, defaultIdPrefix, detectDelimiter, mapColumns, type CsvNotesOptions, type CsvRows } from "./csv.ts";
import { loadNotesFile } from "./load.ts";
import type { Note } from "./note.ts";
import type { NotesOptions } from "./parse.ts";

/** Options of {@link streamNotes}. */
export interface StreamNotesOptions extends NotesOptions {
  /** Called with every diagnostic (warnings, skipped notes, duplicate ids) as it is found. */
  onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Called with every coding read from `codes:<coder>` columns. */
  onCoding?: (coding: Coding) => void;
}

const CSV_FILE = /\.(csv|tsv|tab)$/iu;
const CHUNK = 1 << 17;

/**
 * Reads notes from a file one at a time, so that a corpus of any size flows through coding and
 * counting without being held in memory. CSV and TSV files (UTF-8, with or without a byte order
 * mark) are streamed through csv-parse's stream API and give exactly the notes `loadNotes` gives:
 * the same ids, fields, attributes and origins, empty texts skipped with a warning, a repeated id
 * reported as an error. Other formats, and files that are not valid UTF-8 (read as Windows-1252),
 * are loaded whole and then handed out one by one.
 *
 * Warnings and errors go to `onDiagnostic` as they are found (a repeated id is an error there
 * and the note is skipped, as `loadNotes` does; ids are compared by a 64-bit hash to keep memory
 * flat). A file that cannot be read at all (missing, no text column, an unclosed quote) throws a
 * `KodebokError` with located diagnostics.
 *
 * @param path the notes file
 * @param options format, delimiter, column mapping, and the diagnostic and coding callbacks
 * @returns an async iterable of notes in file order
 * @example
 * ```ts
 * for await (const coded of codeNotesStream(streamNotes("survey.csv"), codebook)) count(coded);
 * ```
 */
export function streamNotes(path: string, options: StreamNotesOptions = {}): NotesStream {
  return Object.assign(flatten(readNoteBatches(path, options)), {
    [FILE_SOURCE]: { path, options },
    [NOTE_BATCHES]: () => readNoteBatches(path, options),
  });
}

/** Marks a stream from {@link streamNotes} whose notes can also be read in batches (fewer awaits). */
export const NOTE_BATCHES: unique symbol = Symbol.for("kodebok.noteBatches");

async function* flatten<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** Records as csv-parse's stream hands them out, in batches of what is ready (one await per batch). */
async function* recordBatches<T>(parser: import("node:stream").Transform): AsyncGenerator<T[]> {
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  parser.on("readable", signal);
  parser.on("end", () => {
    ended = true;
    signal();
  });
  parser.on("error", (error) => {
    failure = error;
    signal();
  });
  for (;;) {
    const batch: T[] = [];
    for (let item = parser.read() as T | null; item !== null; item = parser.read() as T | null) batch.push(item);
    if (failure !== undefined) throw failure;
    if (batch.length > 0) yield batch;
    else if (ended) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

/** Marks a stream from {@link streamNotes}: coding with workers then parses the file in the workers. */
export const FILE_SOURCE: unique symbol = Symbol.for("kodebok.notesFile");

/** The notes of a file, one at a time; also says which file, for parallel coding. */
export type NotesStream = AsyncGenerator<Note> & {
  [FILE_SOURCE]: { path: string; options: StreamNotesOptions };
  [NOTE_BATCHES]: () => AsyncGenerator<Note[]>;
};

async function* readNoteBatches(path: string, options: StreamNotesOptions): AsyncGenerator<Note[]> {
  const format = options.format ?? (CSV_FILE.test(path) ? (/\.csv$/iu.test(path) ? "csv" : "tsv") : undefined);
  // A file that cannot be read goes the whole-file way too, which reports it as a diagnostic.
  if ((format !== "csv" && format !== "tsv") || !(await isUtf8File(path).catch(() => false))) {
    yield await loadedWhole(path, options);
    return;
  }
  const file = options.file ?? path;
  const report = options.onDiagnostic ?? (() => {});
  const csv: CsvNotesOptions = { ...options, file };
  if (format === "tsv") csv.delimiter = "\t";

  let delimiter = csv.delimiter;
  const segments = normalizedSegments(path, (head) => {
    delimiter ??= detectDelimiter(head);
    return delimiter;
  });
  const first = await segments.next();
  if (first.done || delimiter === undefined) {
    throw new KodebokError([diagnostic({ source: "kodebok:csv", code: "csv-no-header", severity: "error", reason: "Cannot load notes: the CSV file is empty", file })]);
  }
  // No `info`: csv-parse builds it by spreading two objects and decoding the raw text a second time
  // for every record. The line it reports is recounted from the raw texts instead (see RawLines).
  const parser = parse({ delimiter, raw: true, relax_column_count: true, skip_empty_lines: true });
  const input = Readable.from(
    (async function* () {
      yield first.value;
      yield* segments;
    })(),
    { objectMode: false },
  );
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);

  let rows: CsvRows | undefined;
  let index = 0;
  const lines = new RawLines();
  const checker = new NoteChecker(file);
  const notes: Note[] = [];
  const codings: Coding[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    for await (const items of recordBatches<{ record: string[]; raw: string }>(parser)) {
      const out: Note[] = [];
      for (const item of items) {
        const endLine = lines.next(item.raw);
        if (rows === undefined) {
          const header = item.record.map((h) => h.trim());
          const mapping = mapColumns(header, csv, file, diagnostics);
          if (mapping === undefined) throw new KodebokError(diagnostics.splice(0));
          const prefix = csv.idPrefix ?? defaultIdPrefix(file);
          if (mapping.fields.id === undefined) {
            diagnostics.push(diagnostic({ source: "kodebok:csv", code: "note-id-generated", severity: "info", reason: `No id column: note ids were generated as "${prefix}-<row>"`, file, start: { line: 1, column: 1 } }));
          }
          rows = { header, mapping, delimiter, file, prefix, source: csv.source };
          for (const d of diagnostics.splice(0)) report(d);
          continue;
        }
        csvRecordNotes(rows, item.record, endLine, item.raw, index++, notes, codings, diagnostics);
        if (diagnostics.length > 0) for (const d of diagnostics.splice(0)) report(d);
        if (codings.length > 0) {
          if (options.onCoding) for (const c of codings) options.onCoding(c);
          codings.length = 0;
        }
        for (const note of notes) {
          const problem = checker.check(note);
          if (problem) report(problem);
          else out.push(note);
        }
        notes.length = 0;
      }
      if (out.length > 0) yield out;
    }
  } catch (error) {
    if (error instanceof KodebokError) throw error;
    throw new KodebokError([csvErrorDiagnostic(error, "", delimiter, file)]);
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (rows === undefined) {
    throw new KodebokError([diagnostic({ source: "kodebok:csv", code: "csv-no-header", severity: "error", reason: "Cannot load notes: the CSV file is empty", file })]);
  }
}

/** Loads a file whole (formats that do not stream, or legacy encodings): its notes as one batch. */
async function loadedWhole(path: string, options: StreamNotesOptions): Promise<Note[]> {
  const { onDiagnostic, onCoding, ...rest } = options;
  const result = await loadNotesFile(path, rest);
  if (!result.ok) throw new KodebokError(result.diagnostics);
  for (const d of result.diagnostics) onDiagnostic?.(d);
  if (onCoding) for (const c of result.value.codings) onCoding(c);
  return result.value.notes;
}

/**
 * The file's text in pieces that end at a line break, without the byte order mark, normalised to
 * NFC (a line break never combines, so piecewise NFC equals NFC of the whole). A piece whose
 * bytes are all below 0xCC (ASCII and U+0080..U+02FF, which NFC leaves alone: Norwegian text
 * with æ, ø, å) goes on as the bytes read; others are decoded, normalised and encoded again.
 * `onHead` gets the first piece as text, to detect the delimiter from the header line.
 */
async function* normalizedSegments(path: string, onHead: (head: string) => string): AsyncGenerator<Uint8Array> {
  let carry: Uint8Array = new Uint8Array(0);
  let head = true;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    const bytes = carry.length > 0 ? concatBytes(carry, chunk as Uint8Array) : (chunk as Uint8Array);
    const cut = bytes.lastIndexOf(10) + 1;
    if (cut === 0) {
      carry = bytes;
      continue;
    }
    carry = bytes.subarray(cut);
    let piece = bytes.subarray(0, cut);
    if (head) {
      piece = withoutBom(piece);
      onHead(new TextDecoder("utf-8").decode(piece));
      head = false;
    }
    yield nfcBytes(piece);
  }
  if (carry.length > 0) {
    let rest = carry;
    if (head) {
      rest = withoutBom(rest);
      onHead(new TextDecoder("utf-8").decode(rest));
    }
    yield nfcBytes(rest);
  }
}

/**
 * UTF-8 bytes of a whole number of lines, in NFC: the same bytes when nothing can change.
 * @param bytes UTF-8 text
 * @returns NFC UTF-8 text
 * @example
 * ```ts
 * new TextDecoder().decode(nfcBytes(new TextEncoder().encode("a\u030A\n"))); // "å\n"
 * ```
 */
export function nfcBytes(bytes: Uint8Array): Uint8Array {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0xcc) return Buffer.from(new TextDecoder("utf-8").decode(bytes).normalize("NFC"), "utf8");
  }
  return bytes;
}

/** Drops a byte order mark (and a second one, as the whole-file loader does). */
function withoutBom(bytes: Uint8Array): Uint8Array {
  let out = bytes;
  for (let k = 0; k < 2 && out[0] === 0xef && out[1] === 0xbb && out[2] === 0xbf; k++) out = out.subarray(3);
  return out;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * True when the file is valid UTF-8 (checked in chunks, so a character may straddle two).
 * @param path the file
 * @returns whether every byte sequence is valid UTF-8
 * @example
 * ```ts
 * await isUtf8File("fixtures/bad/windows-1252.csv"); // false
 * ```
 */
export async function isUtf8File(path: string): Promise<boolean> {
  const check = (nodeBuffer as { isUtf8?: (b: Uint8Array) => boolean }).isUtf8;
  const fatal = new TextDecoder("utf-8", { fatal: true });
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(CHUNK + 4);
    let kept = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, kept, CHUNK, null);
      const end = kept + bytesRead;
      if (bytesRead === 0) {
        if (kept === 0) return true;
        return check ? check(buffer.subarray(0, kept)) : decodes(fatal, buffer.subarray(0, kept));
      }
      // Leave an incomplete character at the end for the next round.
      let cut = end;
      for (let back = 1; back <= 3 && end - back >= 0; back++) {
        const b = buffer[end - back]!;
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > back) cut = end - back;
        break;
      }
      const part = buffer.subarray(0, cut);
      if (!(check ? check(part) : decodes(fatal, part))) return false;
      kept = end - cut;
      buffer.copyWithin(0, cut, end);
    }
  } finally {
    await handle.close();
  }
}

function decodes(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The line csv-parse's `info.lines` gives for each record (the line the record ends on), from the
 * records' raw texts in order: csv-parse counts every CR and LF inside quotes, one per record
 * delimiter (its raw text keeps the CR of a CRLF delimiter and drops the LF) and one per skipped
 * empty line (whose characters open the next record's raw text). So the line is 1 + the line breaks
 * of every earlier raw text + those of this one, its final delimiter excepted. Checked against
 * `info.lines` on LF, CRLF and mixed files with empty lines and breaks inside quotes.
 *
 * @example
 * ```ts
 * const lines = new RawLines();
 * [lines.next("id;tekst\n"), lines.next('1;"a\nb"\n')]; // [1, 3]
 * ```
 */
export class RawLines {
  private before = 0;

  /**
   * The end line of the next record.
   * @param raw the record's raw text (records must come in order)
   * @returns the line the record ends on, from 1
   */
  next(raw: string): number {
    let breaks = 0;
    for (let i = raw.indexOf("\n"); i >= 0; i = raw.indexOf("\n", i + 1)) breaks++;
    for (let i = raw.indexOf("\r"); i >= 0; i = raw.indexOf("\r", i + 1)) breaks++;
    const last = raw.charCodeAt(raw.length - 1);
    const line = 1 + this.before + breaks - (last === 10 || last === 13 ? 1 : 0);
    this.before += breaks;
    return line;
  }
}

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
