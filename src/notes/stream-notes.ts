import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { z } from "zod";
import { checkOptions, describeValue, invalidArgument } from "../diagnostics/options.ts";
import { NotesOptionsSchema } from "./notes-options.ts";
import type { Coding } from "../codings/coding.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { csvErrorDiagnostic, csvFieldPlaces, csvRecordNotes, defaultIdPrefix, detectDelimiter, mapColumns, type CsvNotesOptions, type CsvRows } from "./csv.ts";
import { readNotesFile } from "./read-notes.ts";
import type { Note } from "./note.ts";
import { duplicateIdDiagnostic, NoteChecker } from "./note-checker.ts";
import type { NotesOptions } from "./parse.ts";
import { RawLines } from "./raw-lines.ts";
import { lfRecords, RecordTexts } from "./record-texts.ts";
import { concatBytes, isUtf8File, nfcBytes, withoutBom } from "./utf8-bytes.ts";
import { nfcField } from "../text/nfc.ts";

/** Options of {@link streamNotes}: those of `readNotes`, and two callbacks. */
export interface StreamNotesOptions extends NotesOptions {
  /** Called with every diagnostic (warnings, skipped notes, duplicate ids) as it is found. */
  onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Called with every coding read from `codes:<coder>` columns. */
  onCoding?: (coding: Coding) => void;
}

const callback = (what: string) => z.custom<(value: never) => void>((v) => typeof v === "function", `expected a function (${what}) => void`).optional();
/** The schema {@link streamNotes} checks its options with. */
const StreamNotesOptionsSchema = NotesOptionsSchema.extend({ onDiagnostic: callback("diagnostic"), onCoding: callback("coding") });

const CSV_FILE = /\.(csv|tsv|tab)$/iu;
const CHUNK = 1 << 17;

/**
 * Reads notes from a file one at a time, so that a corpus of any size flows through coding and
 * counting without being held in memory. CSV and TSV files (UTF-8, with or without a byte order
 * mark) are streamed through csv-parse's stream API and give exactly the notes `readNotes` gives:
 * the same ids, fields, attributes and origins, empty texts skipped with a warning, a repeated id
 * reported as an error. Other formats, and files that are not valid UTF-8 (read as Windows-1252),
 * are loaded whole and then handed out one by one.
 *
 * Warnings and errors go to `onDiagnostic` as they are found (a repeated id is an error there
 * and the note is skipped, as `readNotes` does; ids are compared by a 64-bit hash to keep memory
 * flat). Without `onDiagnostic`, the first error (a ragged row, a repeated id) throws a
 * `KodebokError` where `readNotes` would fail, instead of the record being skipped in silence;
 * warnings are then not reported. A file that cannot be read at all (missing, no text column, an
 * unclosed quote) throws a `KodebokError` with located diagnostics, as do options it does not
 * take (checked at once).
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
  checkOptions(StreamNotesOptionsSchema, options, "load notes", "kodebok:notes");
  if (typeof path !== "string") throw invalidArgument("load notes", `streamNotes reads a file: the path must be a string, not ${describeValue(path)}`, "path", "kodebok:notes");
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
  // Files in another encoding, and files that open with Excel's `sep=;` line, are read whole.
  if ((format !== "csv" && format !== "tsv") || !(await isUtf8File(path).catch(() => false)) || (await startsWithSepLine(path))) {
    yield await loadedWhole(path, options);
    return;
  }
  const file = options.file ?? path;
  const report = diagnosticReporter(options);
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
  // Files whose records end with LF need no `raw` either: the raw texts that placing a record needs
  // are found by scanning the bytes fed to the parser (see RecordTexts), in the same order.
  const fast = lfRecords(first.value, delimiter);
  const scanner = new RecordTexts();
  const raws: (string | null)[] = [];
  let nextRaw = 0;
  const parser = parse({ delimiter, raw: !fast, relax_column_count: true, skip_empty_lines: true });
  const input = Readable.from(
    (async function* () {
      if (fast) scanner.push(first.value, raws);
      yield first.value;
      for await (const segment of segments) {
        if (fast) scanner.push(segment, raws);
        yield segment;
      }
      if (fast) scanner.end(raws);
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
    for await (const items of recordBatches<{ record: string[]; raw: string | null } | string[]>(parser)) {
      const out: Note[] = [];
      if (fast && nextRaw > 4096) {
        raws.splice(0, nextRaw);
        nextRaw = 0;
      }
      for (const entry of items) {
        let item: { record: string[]; raw: string | null };
        if (fast) {
          if (nextRaw >= raws.length) throw new Error("kodebok: CSV records and raw texts out of step");
          item = { record: entry as string[], raw: raws[nextRaw++]! };
        } else item = entry as { record: string[]; raw: string };
        const line = lines.next(item.raw);
        if (rows === undefined) {
          const header = item.record.map((h) => nfcField(h).trim());
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
        csvRecordNotes(rows, item.record, line, item.raw, index++, notes, codings, diagnostics);
        if (diagnostics.length > 0) for (const d of diagnostics.splice(0)) report(d);
        if (codings.length > 0) {
          if (options.onCoding) for (const c of codings) options.onCoding(c);
          codings.length = 0;
        }
        for (const note of notes) {
          let problem = checker.check(note);
          const idColumn = rows.mapping.fields.id;
          if (problem?.code === "note-duplicate-id" && idColumn !== undefined) {
            // At the id's own cell, as readNotes places it.
            problem = duplicateIdDiagnostic(note, file, undefined, csvFieldPlaces(item.record, line, item.raw, rows.delimiter)(idColumn));
          }
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

/**
 * Where a stream's diagnostics go: `onDiagnostic`, or, without it, nowhere for warnings and a
 * thrown `KodebokError` for an error, so that no record is skipped without a word.
 *
 * @param options the streaming options
 * @returns the function that takes each diagnostic
 * @example
 * ```ts
 * const report = diagnosticReporter({}); // report(error) throws
 * ```
 */
export function diagnosticReporter(options: StreamNotesOptions): (diagnostic: Diagnostic) => void {
  return (
    options.onDiagnostic ??
    ((d) => {
      if (d.severity === "error") throw new KodebokError([d]);
    })
  );
}

/** True when the file's first line is Excel's `sep=<c>` (after a byte order mark). */
async function startsWithSepLine(path: string): Promise<boolean> {
  const handle = await open(path, "r").catch(() => undefined);
  if (handle === undefined) return false;
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    const text = new TextDecoder("utf-8").decode(head.subarray(0, bytesRead)).replace(/^\uFEFF/u, "");
    return text.startsWith("sep=");
  } finally {
    await handle.close();
  }
}

/** Loads a file whole (formats that do not stream, or legacy encodings): its notes as one batch. */
async function loadedWhole(path: string, options: StreamNotesOptions): Promise<Note[]> {
  const { onDiagnostic, onCoding, ...rest } = options;
  const result = await readNotesFile(path, rest);
  if (!result.ok) throw new KodebokError(result.diagnostics);
  for (const d of result.diagnostics) onDiagnostic?.(d);
  // (A file loaded whole fails above on any error, as readNotes does: nothing to throw here.)
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
